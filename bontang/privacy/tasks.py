"""Periodic job: anonymise job seekers whose retention period (JOBSEEKER_RETENTION_MONTHS) has ended."""
from __future__ import annotations

from huey import crontab

from bontang.privacy import services
from bontang.tasks.queue import job


@job(schedule=crontab(minute="30", hour="17"))  # 01:30 WITA, after the day's work
def anonymise_expired_job_seekers() -> int:
    """At most RETENTION_BATCH people a night; the rest follow the next nights."""
    return services.anonymise_expired()
