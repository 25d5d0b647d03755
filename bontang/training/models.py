"""Training institutions (BLK, LPK, LSP), programmes, enrolments, competency certificates and imports."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bontang.core import TimestampMixin, str_enum, utcnow
from bontang.extensions import db
from bontang.jobseekers.models import JobSeeker, Skill


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
        Index("ix_certificate_updated_at", "updated_at"),  # holders changed since a ranking snapshot
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
