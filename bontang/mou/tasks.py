"""Scheduled jobs of the MoU seal (registered by the import in bontang.tasks.jobs)."""
from __future__ import annotations

from huey import crontab

from bontang.mou import longterm
from bontang.tasks.queue import job


@job(schedule=crontab(minute="30", hour="18"))  # 02:30 WITA
def retimestamp_archived_seals() -> dict:
    """Extend the archival timestamp chain of final PDFs whose last timestamp certificate expires soon."""
    return longterm.retimestamp_due()
