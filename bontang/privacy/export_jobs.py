"""The PDF copy is rendered by a worker (it takes about a second, more for a long history); the page follows it.

The finished file holds personal data, so it is kept only EXPORT_KEEP_HOURS and deleted when the person is
anonymised.
"""
from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import select, update

from bontang import audit
from bontang.accounts.models import User
from bontang.core import utcnow
from bontang.extensions import db
from bontang.jobseekers.models import JobSeeker
from bontang.jobs.models import Job, JobKind, JobStatus
from bontang.privacy import access, export
from bontang.tasks import queue

EXPORT_KEEP_HOURS = 24


def request_pdf_export(seeker: JobSeeker, *, actor) -> Job:
    """Queue the PDF copy for a person (the caller checked may_handle); the request is audited now."""
    from bontang.privacy.services import pseudonym

    scope = access.trainer_scope(actor)
    job = Job(kind=JobKind.PRIVACY_EXPORT, owner_id=actor.id, total=2,
              params={"job_seeker_id": seeker.id, "institution_id": scope})
    db.session.add(job)
    db.session.flush()
    audit.record("privacy.exported", seeker, actor=actor, details={
        "subject": pseudonym(seeker.id), "format": "pdf", "scope": "disnaker" if scope is None else "institution",
        "job_id": job.id})
    queue.defer("build_privacy_export", job.id)
    return job


def build_pdf_export(job_id: int) -> None:
    """Collect the data and render the PDF (run by a worker), recording each step."""
    job = db.session.get(Job, job_id)
    if job is None or job.finished:
        return
    job.status, job.started_at, job.done = JobStatus.RUNNING, utcnow(), 0
    seeker = db.session.get(JobSeeker, job.params["job_seeker_id"])
    owner = db.session.get(User, job.owner_id)
    data = export.build_export(seeker, institution_id=job.params.get("institution_id"), actor=owner)
    job.done = 1
    db.session.commit()
    body = export.to_pdf(data)
    job = db.session.get(Job, job_id)
    from bontang.privacy.services import pseudonym

    job.file_bytes, job.file_sha256 = body, hashlib.sha256(body).hexdigest()
    job.file_name = f"data-pribadi-{pseudonym(seeker.id)}.pdf"
    job.done, job.status, job.finished_at = 2, JobStatus.DONE, utcnow()


def can_follow(job: Job, user) -> bool:
    """The person who asked, or Disnaker staff, follow and download an export."""
    return job.kind == JobKind.PRIVACY_EXPORT and (job.owner_id == user.id or user.role in access.DISNAKER)


def forget_files(*, job_seeker_id: int | None = None, older_than_hours: int | None = None) -> int:
    """Delete finished export files: all of one person's, or every file older than the given hours."""
    query = update(Job).where(Job.kind == JobKind.PRIVACY_EXPORT, Job.file_bytes.is_not(None))
    if older_than_hours is not None:
        query = query.where(Job.finished_at < utcnow() - timedelta(hours=older_than_hours))
    if job_seeker_id is not None:
        ids = [job.id for job in db.session.scalars(select(Job).where(Job.kind == JobKind.PRIVACY_EXPORT))
               if job.params.get("job_seeker_id") == job_seeker_id]
        query = query.where(Job.id.in_(ids))
    return db.session.execute(query.values(file_bytes=None).execution_options(synchronize_session=False)).rowcount
