"""A piece of background work that someone waits for, with its progress and (for archives) its file."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bontang.accounts.models import User
from bontang.core import str_enum, utcnow
from bontang.extensions import db


class JobKind(str, enum.Enum):
    SEAL_BATCH = "seal_batch"      # the PDFs of one countersigning batch (progress read from the agreements)
    MOU_ARCHIVE = "mou_archive"    # the ZIP of every sealed MoU PDF with its manifest
    MOU_INVITE = "mou_invite"      # invitations to many companies
    MOU_REMIND = "mou_remind"      # reminders to many unsigned invitations
    PRIVACY_EXPORT = "privacy_export"  # the PDF of everything held about one job seeker (bontang/privacy)


class JobStatus(str, enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


FINISHED = (JobStatus.DONE, JobStatus.FAILED)


class Job(db.Model):
    __tablename__ = "background_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[JobKind] = mapped_column(str_enum(JobKind, 20), index=True)
    status: Mapped[JobStatus] = mapped_column(str_enum(JobStatus, 10), default=JobStatus.QUEUED, index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    # Identical requests while the inputs are unchanged share one job (e.g. the same ZIP twice).
    dedupe_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    result: Mapped[dict] = mapped_column(JSON, default=dict)
    file_name: Mapped[str] = mapped_column(String(200), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    file_bytes: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    owner: Mapped[User | None] = relationship()

    @property
    def finished(self) -> bool:
        return self.status in FINISHED
