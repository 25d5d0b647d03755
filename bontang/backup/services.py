"""Scheduled backups: take one, apply retention, and alert the administrators when the last good one is too old."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from bontang import audit
from bontang.accounts.models import Role, User
from bontang.backup.archive import create_backup
from bontang.backup.errors import BackupError
from bontang.backup.retention import backup_status, prune
from bontang.core import utcnow
from bontang.extensions import db
from bontang.mail import OutboxMessage, queue_mail

ALERT_KIND = "backup_stale"


def run_scheduled_backup() -> str:
    """Take a backup and prune old ones; on failure log it and alert (the previous backups stay)."""
    try:
        backup = create_backup()
    except BackupError as error:
        current_app.logger.error("Backup failed: %s", error)
        alert_if_stale(failure=str(error), force=True)
        return f"failed: {error}"
    removed = prune()
    current_app.logger.info("Backup written: %s (%s); %d old backups removed", backup.path, backup.sha256, len(removed))
    return str(backup.path)


def alert_if_stale(*, failure: str = "", force: bool = False) -> int:
    """E-mail the active administrators when the last good backup is older than BACKUP_MAX_AGE_HOURS
    (or a backup failed, with `force`), at most once a day; returns how many were alerted."""
    status = backup_status()
    if status.ok and not force:
        return 0
    since = utcnow() - timedelta(hours=24)
    if db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.kind == ALERT_KIND,
                                                        OutboxMessage.created_at >= since).limit(1)):
        return 0
    admins = db.session.scalars(select(User).where(User.role == Role.ADMIN, User.active.is_(True))).all()
    for admin in admins:
        queue_mail(admin.email, _l("Peringatan: cadangan basis data tidak mutakhir"), "backup_stale", kind=ALERT_KIND,
                   user=admin, recipient=admin, status_text=status.message, max_age=f"{status.max_age_hours:g}",
                   failure=failure, directory=current_app.config["BACKUP_DIR"])
    current_app.logger.error("Backup alert: %s%s", status.message, f"; {failure}" if failure else "")
    audit.record("backup.alerted", details={"status": status.message, "failure": failure[:500],
                                            "recipients": len(admins)})
    return len(admins)
