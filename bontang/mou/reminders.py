"""Automatic reminders to companies that have not signed: every MOU_REMINDER_DAYS days, capped."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from bontang.extensions import db
from bontang.mou.models import OPEN_STATUSES, Agreement
from bontang.mou.services import remind_unsigned


def due_reminder_ids(now: datetime) -> list[int]:
    """Open invitations last invited or reminded at least MOU_REMINDER_DAYS ago, under the cap."""
    cfg = current_app.config
    if cfg["MOU_REMINDER_DAYS"] <= 0:
        return []
    last_contact = func.coalesce(Agreement.reminded_at, Agreement.invited_at)
    return list(db.session.scalars(
        select(Agreement.id).where(Agreement.status.in_(OPEN_STATUSES),
                                   Agreement.reminder_count < cfg["MOU_REMINDER_MAX"],
                                   last_contact <= now - timedelta(days=cfg["MOU_REMINDER_DAYS"]))
        .order_by(Agreement.id)))


def send_due_reminders(now: datetime) -> int:
    """Send the reminders that are due; returns how many agreements were reminded."""
    ids = due_reminder_ids(now)
    return remind_unsigned(actor=None, agreement_ids=ids, now=now) if ids else 0
