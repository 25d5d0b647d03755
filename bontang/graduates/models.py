"""What companies leave behind on the graduate search: profile openings and asks to propose a graduate."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bontang.core import TimestampMixin, str_enum, utcnow
from bontang.extensions import db
from bontang.jobseekers.models import JobSeeker


class GraduateProfileView(db.Model):
    """One opening of a graduate's profile by a company user (who, when), kept for UU 27/2022 accountability."""

    __tablename__ = "graduate_profile_view"
    __table_args__ = (Index("ix_graduate_profile_view_seeker_time", "job_seeker_id", "viewed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_seeker_id: Mapped[int] = mapped_column(ForeignKey("job_seeker.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id"), index=True)
    viewed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user = relationship("User")
    company = relationship("Company")


class AskStatus(str, enum.Enum):
    OPEN = "open"
    HANDLED = "handled"
    DECLINED = "declined"


class GraduateProposalAsk(TimestampMixin, db.Model):
    """A company asks Disnaker to propose one graduate for one of its open hiring requests."""

    __tablename__ = "graduate_proposal_ask"
    __table_args__ = (Index("ix_graduate_proposal_ask_status_time", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_seeker_id: Mapped[int] = mapped_column(ForeignKey("job_seeker.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    hiring_request_id: Mapped[int] = mapped_column(ForeignKey("hiring_request.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[AskStatus] = mapped_column(str_enum(AskStatus, 10), default=AskStatus.OPEN)
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    handled_at: Mapped[datetime | None] = mapped_column(DateTime)
    staff_note: Mapped[str] = mapped_column(Text, default="")
    # The proposal that answered the ask (None while open or when declined with a reason).
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("candidate_proposal.id", ondelete="SET NULL"))

    job_seeker: Mapped[JobSeeker] = relationship()
    company = relationship("Company")
    requested_by = relationship("User", foreign_keys=[requested_by_id])
