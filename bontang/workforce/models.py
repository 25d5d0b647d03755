"""A company's semester workforce report, and the reminders sent for a missing one."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bontang.accounts.models import Company
from bontang.core import utcnow
from bontang.extensions import db


class WorkforceReport(db.Model):
    """Workers employed at the end of one semester: total, Bontang KTP holders, non-local, by level."""

    __tablename__ = "workforce_report"
    __table_args__ = (UniqueConstraint("company_id", "year", "semester", name="uq_workforce_report_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    semester: Mapped[int] = mapped_column(Integer)  # 1: January-June, 2: July-December
    period_end: Mapped[date] = mapped_column(Date)  # the day the figures describe; placements after it are added
    total: Mapped[int] = mapped_column(Integer)
    local: Mapped[int] = mapped_column(Integer)
    nonlocal_: Mapped[int] = mapped_column("nonlocal", Integer)
    managers: Mapped[int] = mapped_column(Integer)
    supervisors: Mapped[int] = mapped_column(Integer)
    operatives: Mapped[int] = mapped_column(Integer)
    submitted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    company: Mapped[Company] = relationship()

    @property
    def local_percent(self) -> float | None:
        return None if not self.total else round(100 * self.local / self.total, 1)


class WorkforceReminder(db.Model):
    """One reminder sent to a company for a missing report ("soon" before the deadline, "overdue" after)."""

    __tablename__ = "workforce_reminder"
    __table_args__ = (UniqueConstraint("company_id", "year", "semester", "kind", name="uq_workforce_reminder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    semester: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    sent_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


def semester_end(year: int, semester: int) -> date:
    return date(year, 6, 30) if semester == 1 else date(year, 12, 31)
