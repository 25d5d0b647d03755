"""Small shared pieces: the domain error, UTC time and model mixins."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import DateTime, Enum
from sqlalchemy.orm import Mapped, mapped_column


class DomainError(Exception):
    """Bad input or a refused action, with a message for the user (already translated).

    `field` names the form field the message belongs to, or None for the whole form.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def utcnow() -> datetime:
    """Naive UTC now: every timestamp is stored as naive UTC and shown in WITA."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


WITA_OFFSET = timedelta(hours=8)  # Asia/Makassar has no daylight saving time


def in_wita(value: datetime) -> datetime:
    """A naive-UTC timestamp as Bontang's wall clock (WITA), for dates and numbers in legal text."""
    return value + WITA_OFFSET


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


def str_enum(kind, length: int = 20) -> Enum:
    """A column type for a `str` enum, stored as its values in a VARCHAR (no database enum type)."""
    return Enum(kind, native_enum=False, length=length, values_callable=lambda members: [m.value for m in members])
