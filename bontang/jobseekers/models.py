"""Job seekers (AK1 holders) and the shared list of skills.

These tables are shared: hiring requests use `Skill` and `JobSeeker`; training adds certificates and enrolments.
"""
from __future__ import annotations

import enum
from typing import TYPE_CHECKING
from datetime import date, datetime

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, String, Table, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bontang.core import TimestampMixin, str_enum
from bontang.extensions import db, trigram_index

if TYPE_CHECKING:
    from bontang.training.models import Certificate, Enrolment


class SkillKind(str, enum.Enum):
    HARD = "hard"
    SOFT = "soft"
    LIFE = "life"


class Skill(db.Model):
    """One entry of the shared list of skills and competences."""

    __tablename__ = "skill"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    kind: Mapped[SkillKind] = mapped_column(str_enum(SkillKind, 10), index=True)
    area: Mapped[str] = mapped_column(String(80), default="", index=True)


job_seeker_skill = Table(
    "job_seeker_skill",
    db.metadata,
    Column("job_seeker_id", ForeignKey("job_seeker.id", ondelete="CASCADE"), primary_key=True),
    Column("skill_id", ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_job_seeker_skill_skill", "skill_id", "job_seeker_id"),
)
class EmploymentStatus(str, enum.Enum):
    AVAILABLE = "available"
    IN_TRAINING = "in_training"
    EMPLOYED = "employed"


class JobSeeker(TimestampMixin, db.Model):
    """A registered job seeker (AK1 card holder). NIK is kept encrypted; only Disnaker reads it."""

    __tablename__ = "job_seeker"
    __table_args__ = (
        Index("ix_job_seeker_status_consent", "employment_status", "consent_to_share"),
        # Covers the company search's visibility filter and relevance (no table reads without a text filter).
        Index("ix_job_seeker_graduate_rank", "consent_to_share", "is_graduate", "best_valid_until", "has_bontang_ktp",
              "employment_status", "id"),
        # Candidate ranking: available, consenting seekers by KTP, in waiting order (ranking.Ranking.rest).
        Index("ix_job_seeker_eligible", "employment_status", "consent_to_share", "has_bontang_ktp", "registered_at",
              "id"),
        # Substring search (ILIKE/LIKE '%q%') on PostgreSQL; SQLite runs the same LIKE without an index.
        trigram_index("ix_job_seeker_name_trgm", "name"),
        trigram_index("ix_job_seeker_search_text_trgm", "search_text"),
        # Who changed since a ranking snapshot (bontang/hiring/snapshot.py).
        Index("ix_job_seeker_updated_at", "updated_at"),
        # The company search's parts: consenting graduates by KTP and status, newest first (graduates.services).
        Index("ix_job_seeker_graduate_tier", "has_bontang_ktp", "employment_status", "id",
              postgresql_include=["best_valid_until"],
              postgresql_where=text("consent_to_share IS true AND is_graduate IS true")).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nik_cipher: Mapped[str] = mapped_column(Text)
    nik_digest: Mapped[str] = mapped_column(String(64), unique=True)
    nik_tail: Mapped[str] = mapped_column(String(4))
    ak1_number: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))  # "L" or "P", as on the KTP
    address: Mapped[str] = mapped_column(Text, default="")
    kelurahan: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    has_bontang_ktp: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    education_level: Mapped[str] = mapped_column(String(10), default="SMA")  # SD, SMP, SMA, SMK, D1..D4, S1, S2
    field_of_study: Mapped[str] = mapped_column(String(120), default="")
    experience_years: Mapped[int] = mapped_column(Integer, default=0)
    experience_notes: Mapped[str] = mapped_column(Text, default="")
    registered_at: Mapped[date] = mapped_column(Date, index=True)
    employment_status: Mapped[EmploymentStatus] = mapped_column(str_enum(EmploymentStatus), default=EmploymentStatus.AVAILABLE)
    welfare_decile: Mapped[int | None] = mapped_column(Integer)  # DTSEN decile 1-10; Disnaker only
    has_disability: Mapped[bool] = mapped_column(Boolean, default=False)
    disability_details: Mapped[str] = mapped_column(Text, default="")  # Disnaker only
    consent_to_share: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Kept up to date by jobseekers.search_index so that the company search filters one table.
    search_text: Mapped[str] = mapped_column(Text, default="")
    is_graduate: Mapped[bool] = mapped_column(Boolean, default=False)
    best_valid_until: Mapped[date | None] = mapped_column(Date)
    certificate_count: Mapped[int] = mapped_column(Integer, default=0)

    skills: Mapped[list[Skill]] = relationship(secondary=job_seeker_skill, order_by=Skill.name)
    certificates: Mapped[list["Certificate"]] = relationship(back_populates="job_seeker", order_by="Certificate.issue_date")
    enrolments: Mapped[list["Enrolment"]] = relationship(back_populates="job_seeker")

    @property
    def nik_masked(self) -> str:
        return "•" * 12 + self.nik_tail

    def age_on(self, day: date) -> int:
        return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))
