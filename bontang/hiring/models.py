"""Hiring requests, their history, proposed candidates, placements, occupations and workforce plans."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, String, Table, Text,
                        UniqueConstraint, false as sa_false, func, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bontang.accounts.models import Company, User
from bontang.core import TimestampMixin, str_enum, utcnow
from bontang.extensions import db
from bontang.jobseekers.models import JobSeeker, Skill
from bontang.training.models import CertificationScheme


class HiringStatus(str, enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    RESUBMITTED = "resubmitted"
    VERIFIED = "verified"
    CANDIDATES_PROPOSED = "candidates_proposed"
    PARTLY_FILLED = "partly_filled"
    FILLED = "filled"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class ProposalStage(str, enum.Enum):
    PROPOSED = "proposed"
    INTERVIEW = "interview"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class EmploymentType(str, enum.Enum):
    PKWT = "PKWT"
    PKWTT = "PKWTT"
    DAILY = "harian"
    INTERNSHIP = "magang"


class Occupation(db.Model):
    """A KBJI 2014 occupation code (Klasifikasi Baku Jabatan Indonesia)."""

    __tablename__ = "occupation"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    title: Mapped[str] = mapped_column(String(200), index=True)


hiring_request_skill = Table(
    "hiring_request_skill",
    db.metadata,
    Column("hiring_request_id", ForeignKey("hiring_request.id", ondelete="CASCADE"), primary_key=True),
    Column("skill_id", ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_hiring_request_skill_skill", "skill_id", "hiring_request_id"),
)


class HiringRequest(TimestampMixin, db.Model):
    """A company's request for workers (permintaan tenaga kerja), Perpres 57/2023 Pasal 5."""

    __tablename__ = "hiring_request"
    # The queue's order (most recently changed first) walked backwards, status filtered on the way: a page
    # reads about its own rows rather than every request awaiting review.
    __table_args__ = (Index("ix_hiring_request_status_updated", "status", "updated_at"),
                      Index("ix_hiring_request_updated", "updated_at", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    positions: Mapped[int] = mapped_column(Integer)
    status: Mapped[HiringStatus] = mapped_column(str_enum(HiringStatus), default=HiringStatus.DRAFT, index=True)
    valid_until: Mapped[date] = mapped_column(Date, index=True)
    age_min: Mapped[int] = mapped_column(Integer, default=18)
    age_max: Mapped[int] = mapped_column(Integer, default=55)
    sex: Mapped[str] = mapped_column(String(3), default="any")
    education_min: Mapped[str] = mapped_column(String(10), default="SMA")
    field_of_study: Mapped[str] = mapped_column(String(120), default="")
    experience_years: Mapped[int] = mapped_column(Integer, default=0)
    wage_min: Mapped[int] = mapped_column(Integer, default=0)
    wage_max: Mapped[int] = mapped_column(Integer, default=0)
    work_location: Mapped[str] = mapped_column(String(200), default="")
    employment_type: Mapped[EmploymentType] = mapped_column(str_enum(EmploymentType, 10), default=EmploymentType.PKWT)
    kbji_code: Mapped[str] = mapped_column(String(10), default="", index=True)
    scheme_id: Mapped[int | None] = mapped_column(ForeignKey("certification_scheme.id"), index=True)
    planned_local_percent: Mapped[int] = mapped_column(Integer, default=100)
    local_justification: Mapped[str] = mapped_column(Text, default="")
    disability_friendly: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    first_proposed_at: Mapped[datetime | None] = mapped_column(DateTime)
    filled_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # Matching's hard filters (issue 12a; with education_min, experience_years, age and sex above): the
    # scheme's certificate is mandatory ("wajib") when scheme_required, and a candidate must hold at least
    # skills_min of the wanted skills (0: skills only score).
    scheme_required: Mapped[bool] = mapped_column(Boolean, default=False)
    skills_min: Mapped[int] = mapped_column(Integer, default=0)
    # Issue 12b: what the job is and does, and the Disnaker officer (pengantar kerja) who handles the request.
    job_description: Mapped[str] = mapped_column(Text, default="")
    duties: Mapped[str] = mapped_column(Text, default="")
    assigned_officer_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)

    company: Mapped[Company] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    assigned_officer: Mapped[User | None] = relationship(foreign_keys=[assigned_officer_id])
    scheme: Mapped[CertificationScheme | None] = relationship()
    skills: Mapped[list[Skill]] = relationship(secondary=hiring_request_skill, order_by=Skill.name)
    history: Mapped[list["HiringStatusChange"]] = relationship(
        back_populates="hiring_request", order_by="HiringStatusChange.id", cascade="all, delete-orphan")
    # In rank order (the score at proposal time), so the company reads its candidates best first.
    proposals: Mapped[list["CandidateProposal"]] = relationship(
        back_populates="hiring_request", cascade="all, delete-orphan",
        order_by=lambda: (func.coalesce(CandidateProposal.match_score, 0).desc(), CandidateProposal.id))
    placements: Mapped[list["Placement"]] = relationship(back_populates="hiring_request", order_by="Placement.id")


class HiringStatusChange(db.Model):
    """One transition of a hiring request: who moved it, when, from what to what, and why."""

    __tablename__ = "hiring_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    hiring_request_id: Mapped[int] = mapped_column(ForeignKey("hiring_request.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    hiring_request: Mapped[HiringRequest] = relationship(back_populates="history")
    actor: Mapped[User | None] = relationship()


class CandidateProposal(db.Model):
    """A job seeker that Disnaker proposed for a hiring request, and the company's decision."""

    __tablename__ = "candidate_proposal"
    __table_args__ = (UniqueConstraint("hiring_request_id", "job_seeker_id", name="uq_candidate_proposal_pair"),
                      Index("ix_candidate_proposal_seeker_stage", "job_seeker_id", "stage"))

    id: Mapped[int] = mapped_column(primary_key=True)
    hiring_request_id: Mapped[int] = mapped_column(ForeignKey("hiring_request.id", ondelete="CASCADE"), index=True)
    job_seeker_id: Mapped[int] = mapped_column(ForeignKey("job_seeker.id"))
    stage: Mapped[ProposalStage] = mapped_column(str_enum(ProposalStage), default=ProposalStage.PROPOSED)
    rank_reason: Mapped[str] = mapped_column(Text, default="")
    reason_code: Mapped[str] = mapped_column(String(30), default="")
    reason_text: Mapped[str] = mapped_column(Text, default="")
    proposed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # Matching (issue 12a): the score at proposal time (the company's list is in this order), and whether
    # staff proposed the person although they miss a rule of the request, with the reason they gave.
    match_score: Mapped[float | None] = mapped_column(Float)
    outside_filters: Mapped[bool] = mapped_column(Boolean, default=False)
    staff_reason: Mapped[str] = mapped_column(Text, default="")
    # Issue 12b: the interview the company scheduled (local time, WITA), and the job seeker in the loop:
    # `seeker_step` is what the person should know now, `seeker_told` what they were told (by e-mail, or
    # by a call from staff when they have no e-mail address).
    interview_at: Mapped[datetime | None] = mapped_column(DateTime)
    interview_place: Mapped[str] = mapped_column(String(300), default="")
    interview_contact: Mapped[str] = mapped_column(String(200), default="")
    interview_note: Mapped[str] = mapped_column(Text, default="")
    seeker_step: Mapped[str] = mapped_column(String(40), default="")
    seeker_told: Mapped[str] = mapped_column(String(40), default="")

    hiring_request: Mapped[HiringRequest] = relationship(back_populates="proposals")
    job_seeker: Mapped[JobSeeker] = relationship()


class Placement(db.Model):
    """A hire made through a hiring request; `is_local` is the Bontang KTP status at the time of hire."""

    __tablename__ = "placement"
    # Issue 12b: one person, one active placement; the database refuses a second open one (partial
    # unique index, the same on SQLite and PostgreSQL), the service refuses it first with a message.
    __table_args__ = (Index("uq_placement_active_seeker", "job_seeker_id", unique=True,
                            sqlite_where=text("ended_on IS NULL"), postgresql_where=text("ended_on IS NULL")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hiring_request_id: Mapped[int] = mapped_column(ForeignKey("hiring_request.id"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    job_seeker_id: Mapped[int] = mapped_column(ForeignKey("job_seeker.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    contract_type: Mapped[str] = mapped_column(String(10))
    is_local: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Issue 12b: the end of a placement (contract ended, resigned, dismissed); None while it lasts.
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str] = mapped_column(String(20), default="")
    end_note: Mapped[str] = mapped_column(Text, default="")
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # Issue 12b: why a non-local hire that takes the company below the local quota was made anyway.
    nonlocal_justification: Mapped[str] = mapped_column(Text, default="")

    hiring_request: Mapped[HiringRequest] = relationship(back_populates="placements")
    job_seeker: Mapped[JobSeeker] = relationship()
    company: Mapped[Company] = relationship()

    @property
    def active(self) -> bool:
        return self.ended_on is None


class WorkforcePlanRound(db.Model):
    """Disnaker's settings for one planning year: the reporting deadline and the last reminder."""

    __tablename__ = "workforce_plan_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    deadline: Mapped[date] = mapped_column(Date)
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime)


class WorkforcePlan(db.Model):
    """A company's annual workforce plan (rencana kebutuhan tenaga kerja) for one year."""

    __tablename__ = "workforce_plan"
    __table_args__ = (UniqueConstraint("company_id", "year", name="uq_workforce_plan_company_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    company: Mapped[Company] = relationship()
    items: Mapped[list["WorkforcePlanItem"]] = relationship(
        back_populates="plan", order_by="(WorkforcePlanItem.month, WorkforcePlanItem.id)", cascade="all, delete-orphan")


class WorkforcePlanItem(db.Model):
    """One planned position: how many, which month, which skills, and whether for a turnaround."""

    __tablename__ = "workforce_plan_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("workforce_plan.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    count: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    skills: Mapped[str] = mapped_column(Text, default="")
    for_turnaround: Mapped[bool] = mapped_column(Boolean, default=False)
    hiring_request_id: Mapped[int | None] = mapped_column(ForeignKey("hiring_request.id"))

    plan: Mapped[WorkforcePlan] = relationship(back_populates="items")
    hiring_request: Mapped[HiringRequest | None] = relationship()


class RankingSnapshot(db.Model):
    """The best-ranked job seekers of one request as computed at a moment: the start of the ranking page.

    The page re-scores these people together with everyone whose data changed since `changed_after`, so
    it stays exact (bontang/hiring/snapshot.py); only the task queue writes snapshots.
    """

    __tablename__ = "ranking_snapshot"

    hiring_request_id: Mapped[int] = mapped_column(ForeignKey("hiring_request.id", ondelete="CASCADE"),
                                                   primary_key=True)
    criteria: Mapped[str] = mapped_column(String(64))  # the request's rules and the weights, hashed
    computed_for: Mapped[date] = mapped_column(Date)  # waiting time, and so the score, moves with the day
    changed_after: Mapped[datetime] = mapped_column(DateTime)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)  # every qualifying person is listed
    seeker_ids: Mapped[str] = mapped_column(Text)  # JSON list, best first
    # The same for the "tidak memenuhi" list: available people who miss a rule, fewest misses first.
    unmet_ids: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    unmet_complete: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    # How many were on that list, counted up to snapshot.UNMET_COUNTED: a floor for the page's count while few changed.
    unmet_counted: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    computed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
