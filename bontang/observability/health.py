"""Readiness: can this installation do its work now? Database, task broker, a live worker, the queue, backups.

`/healthz` only says the process answers (liveness); `/readyz` and the admin status page use
`snapshot()`, which also feeds the Prometheus gauges.
"""
from __future__ import annotations

import time
from flask import current_app
from sqlalchemy import func, select, text

from bontang.extensions import db
from bontang.tasks import queue

# Checks that are reported but do not make the installation unready.
WARNINGS = ("backup",)


def _database() -> dict:
    try:
        db.session.execute(text("SELECT 1"))
        return {"ok": True}
    except Exception as error:  # any failure means the database cannot serve
        db.session.rollback()
        return {"ok": False, "error": type(error).__name__}


def _broker() -> tuple[dict, int | None, int | None]:
    try:
        depth, scheduled = queue.huey.pending_count(), queue.huey.scheduled_count()
        return {"ok": True}, depth, scheduled
    except Exception as error:  # Redis down, the SQLite file unreadable
        return {"ok": False, "error": type(error).__name__}, None, None


def _worker(broker_ok: bool) -> tuple[dict, float | None]:
    beat = queue.last_heartbeat() if broker_ok else None
    if beat is None:
        return {"ok": False, "error": "no_heartbeat"}, None
    age = max(0.0, time.time() - float(beat))
    limit = current_app.config["READY_HEARTBEAT_MAX_AGE"]
    return ({"ok": True} if age <= limit else {"ok": False, "error": "heartbeat_too_old"}), round(age, 1)


def _backup() -> tuple[dict, float | None]:
    """The newest good backup's age against BACKUP_MAX_AGE_HOURS (bontang/backup)."""
    from bontang.backup.retention import backup_status

    try:
        status = backup_status()
    except Exception as error:  # a broken backup directory must not take the readiness page down
        return {"ok": False, "error": type(error).__name__}, None
    age = status.age_hours * 3600 if status.age_hours is not None else None
    if status.ok:
        return {"ok": True}, age
    return {"ok": False, "error": "no_backup" if status.last_at is None else "backup_too_old"}, age


def _counts() -> dict:
    from bontang.jobs.models import Job, JobStatus
    from bontang.mail import OutboxMessage
    from bontang.mou.models import Agreement, AgreementStatus, Document

    unsent = select(func.count(OutboxMessage.id)).where(OutboxMessage.sent_at.is_(None))
    sealed = select(Document.agreement_id).where(Document.kind == "final")
    pending = select(func.count(Agreement.id)).where(Agreement.status == AgreementStatus.COMPLETED,
                                                     Agreement.id.not_in(sealed))
    return {
        "jobs_failed": db.session.scalar(select(func.count(Job.id)).where(Job.status == JobStatus.FAILED)),
        "seals_pending": db.session.scalar(pending),
        "seals_failing": db.session.scalar(pending.where(Agreement.seal_error != "")),
        "mail_unsent": db.session.scalar(unsent),
        "mail_failures": db.session.scalar(unsent.where(OutboxMessage.error != "")),
    }


def snapshot() -> dict:
    """Every readiness check and the figures the status page and the metrics show."""
    checks = {"database": _database()}
    checks["broker"], depth, scheduled = _broker()
    checks["worker"], heartbeat_age = _worker(checks["broker"]["ok"])
    checks["backup"], backup_age = _backup()
    if depth is not None and depth > current_app.config["READY_QUEUE_MAX"]:
        checks["queue"] = {"ok": False, "error": "queue_too_deep"}
    else:
        checks["queue"] = {"ok": depth is not None}
    counts = dict.fromkeys(("jobs_failed", "seals_pending", "seals_failing", "mail_unsent", "mail_failures"))
    if checks["database"]["ok"]:
        try:
            counts = _counts()
        except Exception:  # the database answers but its schema is not there (migrations not applied)
            db.session.rollback()
            checks["database"] = {"ok": False, "error": "schema"}
    # A missing or old backup is a warning (status "degraded"), not a reason to take the site out of service.
    ready = all(check["ok"] for name, check in checks.items() if name not in WARNINGS)
    return {"ready": ready, "degraded": ready and not all(check["ok"] for check in checks.values()), "checks": checks, "queue_depth": depth,
            "scheduled": scheduled, "heartbeat_age": heartbeat_age, "backup_age": backup_age, **counts}
