"""Skills, job seekers (AK1 holders), training institutions, programmes and certificates.

These tables are shared: hiring requests use `Skill`, `CertificationScheme` and `JobSeeker`.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bontang.core import TimestampMixin, str_enum, utcnow
from bontang.extensions import db, trigram_index


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

programme_skill = Table(
    "programme_skill",
    db.metadata,
    Column("programme_id", ForeignKey("training_programme.id", ondelete="CASCADE"), primary_key=True),
    Column("skill_id", ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True),
)

scheme_skill = Table(
    "scheme_skill",
    db.metadata,
    Column("scheme_id", ForeignKey("certification_scheme.id", ondelete="CASCADE"), primary_key=True),
    Column("skill_id", ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True),
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
    # Kept up to date by graduates.search_index so that the company search filters one table.
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


class InstitutionKind(str, enum.Enum):
    BLK = "BLK"
    LPK = "LPK"
    LSP = "LSP"


class TrainingInstitution(TimestampMixin, db.Model):
    __tablename__ = "training_institution"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[InstitutionKind] = mapped_column(str_enum(InstitutionKind, 5), index=True)
    licence_number: Mapped[str] = mapped_column(String(80), default="")
    licence_valid_until: Mapped[date | None] = mapped_column(Date)
    address: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    programmes: Mapped[list["TrainingProgramme"]] = relationship(back_populates="institution")


class CertificationScheme(db.Model):
    """A BNSP competency certification scheme (skema sertifikasi)."""

    __tablename__ = "certification_scheme"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    skills: Mapped[list[Skill]] = relationship(secondary=scheme_skill, order_by=Skill.name)


class ProgrammeStatus(str, enum.Enum):
    PLANNED = "planned"
    OPEN = "open"
    RUNNING = "running"
    FINISHED = "finished"
    CANCELLED = "cancelled"


class TrainingProgramme(TimestampMixin, db.Model):
    __tablename__ = "training_programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("training_institution.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    skill_area: Mapped[str] = mapped_column(String(80), default="")
    scheme_id: Mapped[int | None] = mapped_column(ForeignKey("certification_scheme.id"), index=True)
    hours: Mapped[int] = mapped_column(Integer, default=0)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    quota: Mapped[int] = mapped_column(Integer, default=0)
    funding: Mapped[str] = mapped_column(String(20), default="APBD")  # APBD, APBN, CSR, mandiri
    funding_note: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[ProgrammeStatus] = mapped_column(str_enum(ProgrammeStatus), default=ProgrammeStatus.PLANNED, index=True)

    institution: Mapped[TrainingInstitution] = relationship(back_populates="programmes")
    scheme: Mapped[CertificationScheme | None] = relationship()
    skills: Mapped[list[Skill]] = relationship(secondary=programme_skill, order_by=Skill.name)
    enrolments: Mapped[list["Enrolment"]] = relationship(back_populates="programme")


class EnrolmentResult(str, enum.Enum):
    PASSED = "lulus"
    FAILED = "tidak_lulus"


class Enrolment(db.Model):
    __tablename__ = "enrolment"
    __table_args__ = (
        UniqueConstraint("programme_id", "job_seeker_id"),
        Index("ix_enrolment_programme_result", "programme_id", "result", "job_seeker_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programme.id"), index=True)
    job_seeker_id: Mapped[int] = mapped_column(ForeignKey("job_seeker.id"), index=True)
    enrolled_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    result: Mapped[EnrolmentResult | None] = mapped_column(str_enum(EnrolmentResult, 12))
    result_at: Mapped[datetime | None] = mapped_column(DateTime)

    programme: Mapped[TrainingProgramme] = relationship(back_populates="enrolments")
    job_seeker: Mapped[JobSeeker] = relationship(back_populates="enrolments")


class Certificate(TimestampMixin, db.Model):
    """A competency certificate (sertifikat kompetensi) held by a job seeker."""

    __tablename__ = "certificate"
    __table_args__ = (
        Index("ix_certificate_scheme_valid", "scheme_id", "valid_until"),
        Index("ix_certificate_scheme_seeker", "scheme_id", "job_seeker_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job_seeker_id: Mapped[int] = mapped_column(ForeignKey("job_seeker.id"), index=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("certification_scheme.id"))
    lsp_id: Mapped[int | None] = mapped_column(ForeignKey("training_institution.id"), index=True)
    enrolment_id: Mapped[int | None] = mapped_column(ForeignKey("enrolment.id"))
    number: Mapped[str] = mapped_column(String(60), unique=True)
    registration_number: Mapped[str] = mapped_column(String(60), default="")
    skkni_units: Mapped[str] = mapped_column(Text, default="")
    issue_date: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    job_seeker: Mapped[JobSeeker] = relationship(back_populates="certificates")
    scheme: Mapped[CertificationScheme] = relationship()
    lsp: Mapped[TrainingInstitution | None] = relationship()

    def is_valid_on(self, day: date) -> bool:
        return self.valid_until is None or self.valid_until >= day


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

    job_seeker: Mapped[JobSeeker] = relationship()
    company = relationship("Company")
    requested_by = relationship("User", foreign_keys=[requested_by_id])


class ImportKind(str, enum.Enum):
    PARTICIPANTS = "peserta"
    RESULTS = "hasil"
    CERTIFICATES = "sertifikat"


class ImportBatch(TimestampMixin, db.Model):
    """An uploaded participants/results/certificates file: validated rows kept for preview, then applied."""

    __tablename__ = "graduate_import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programme.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ImportKind] = mapped_column(str_enum(ImportKind, 12))
    filename: Mapped[str] = mapped_column(String(200), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    rows: Mapped[list] = mapped_column(JSON, default=list)
    errors: Mapped[list] = mapped_column(JSON, default=list)
    applied_at: Mapped[datetime | None] = mapped_column(DateTime)
    summary: Mapped[dict] = mapped_column(JSON, default=dict)

    programme: Mapped[TrainingProgramme] = relationship()
    uploaded_by = relationship("User")
