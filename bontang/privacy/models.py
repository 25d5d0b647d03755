"""The record that a job seeker was anonymised: when, why, by whom, and the pseudonym that replaced them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from bontang.core import utcnow
from bontang.extensions import db


class Erasure(db.Model):
    __tablename__ = "privacy_erasure"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_seeker_id: Mapped[int] = mapped_column(ForeignKey("job_seeker.id"), unique=True)
    pseudonym: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(20))  # "request" (the person asked) or "retention" (period ended)
    erased_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    erased_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
