"""Backup jobs on the task queue (registered by importing this module in bontang.tasks.jobs)."""
from __future__ import annotations

from huey import crontab

from bontang.backup import services
from bontang.tasks.queue import job


@job(schedule=crontab(minute="30", hour="18"))  # 02:30 WITA, when nobody signs
def scheduled_backup() -> str:
    """Take the nightly backup and apply retention (BACKUP_KEEP_DAILY, BACKUP_KEEP_MONTHLY)."""
    return services.run_scheduled_backup()


@job(schedule=crontab(minute="17"))
def check_backup_age() -> int:
    """Alert the administrators once a day while the last good backup is older than BACKUP_MAX_AGE_HOURS."""
    return services.alert_if_stale()
