"""Periodic job of the workforce reports: reminders for missing reports (a thin job over the service)."""
from __future__ import annotations

from datetime import timedelta

from huey import crontab

from bontang.core import utcnow
from bontang.tasks.queue import job


@job(schedule=crontab(minute="15", hour="1"))  # 09:15 WITA
def send_workforce_reminders() -> int:
    """Remind companies whose semester workforce report is due soon or overdue (the day in WITA)."""
    from bontang.workforce import reminders

    return reminders.send_reminders((utcnow() + timedelta(hours=8)).date())
