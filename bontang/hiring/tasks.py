"""Jobs of the candidate ranking: snapshots per open request (bontang/hiring/snapshot.py)."""
from __future__ import annotations

from huey import crontab

from bontang.extensions import db
from bontang.tasks.queue import job


@job()
def refresh_ranking(request_id: int) -> bool:
    """Take a new ranking snapshot of one request (after it is verified or reopened)."""
    from bontang.hiring import snapshot
    from bontang.hiring.models import HiringRequest
    from bontang.hiring.workflow import OPEN

    request = db.session.get(HiringRequest, request_id)
    if request is None or request.status not in OPEN:
        return False
    snapshot.refresh_snapshot(request)
    return True


@job(schedule=crontab(minute="*/10"))
def refresh_rankings() -> int:
    """Keep the snapshots of open requests current: a new day, an hour old, or none yet."""
    from bontang.hiring import snapshot

    return snapshot.refresh_due()
