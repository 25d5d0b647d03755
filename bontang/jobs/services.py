"""Starting, following and retrying background work that a person waits for."""
from __future__ import annotations

import hashlib
import tempfile
import time

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from bontang import audit
from bontang.accounts.models import Company, Role
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.jobs.models import Job, JobKind, JobStatus
from bontang.mou import archive, documents
from bontang.mou.models import Agreement, AgreementStatus, Document
from bontang.tasks import queue

# Who besides the job's owner may follow it.
VIEWERS = {kind: {Role.ADMIN, Role.STAFF} for kind in JobKind}
BATCH_CHUNK = 20  # companies per transaction in invitation and reminder jobs
WORKER_SILENT_AFTER = 150  # seconds without a heartbeat before a page says no worker is running


def can_view(job: Job, user) -> bool:
    return job.owner_id == user.id or user.role in VIEWERS.get(job.kind, set())


def start_seal_batch(agreement_ids: list[int], skipped: list[str], *, actor) -> Job:
    """Record a countersigning batch whose PDFs the workers seal (their jobs are already queued)."""
    job = Job(kind=JobKind.SEAL_BATCH, status=JobStatus.RUNNING, owner_id=actor.id, total=len(agreement_ids),
              params={"agreement_ids": sorted(agreement_ids), "skipped": skipped}, started_at=utcnow())
    db.session.add(job)
    db.session.flush()
    return job


def seal_batch_progress(job: Job) -> dict:
    """Sealed, failed (with reason and next try) and waiting agreements of a batch, read from the rows."""
    ids = job.params.get("agreement_ids", [])
    rows = db.session.execute(
        select(Agreement.id, Agreement.number, Company.name, Agreement.status, Agreement.seal_error,
               Agreement.seal_attempts, Agreement.seal_retry_at, Document.id.label("document_id"))
        .join(Company, Company.id == Agreement.company_id)
        .outerjoin(Document, (Document.agreement_id == Agreement.id) & (Document.kind == documents.FINAL))
        .where(Agreement.id.in_(ids)).order_by(Agreement.id)).all()
    sealed = [r for r in rows if r.document_id is not None]
    stopped = [r for r in rows if r.document_id is None and r.status != AgreementStatus.COMPLETED]
    failing = [r for r in rows if r.document_id is None and r.status == AgreementStatus.COMPLETED and r.seal_error]
    max_attempts = current_app.config["SEAL_MAX_ATTEMPTS"]
    gave_up = [r for r in failing if r.seal_attempts >= max_attempts]
    finished = len(sealed) + len(stopped) + len(gave_up) == len(rows)
    return {"total": len(rows), "sealed": len(sealed), "failing": failing, "gave_up": gave_up, "stopped": stopped,
            "waiting": len(rows) - len(sealed) - len(stopped) - len(failing), "finished": finished,
            "percent": round(100 * len(sealed) / len(rows)) if rows else 100, "max_attempts": max_attempts}


def retry_seal_batch(job: Job, *, actor) -> int:
    """Try again, from the first attempt, every agreement of the batch that is not sealed yet."""
    count = documents.retry_seals(job.params.get("agreement_ids", []))
    if not count:
        raise DomainError(_("Tidak ada PDF yang perlu dicoba lagi."))
    audit.record("mou.seal_retried", job, actor=actor, details={"agreements": count})
    return count


def request_archive(*, actor) -> Job:
    """The ZIP of all sealed PDFs: the job already asked for with the same inputs, or a new one."""
    inputs = archive.archive_inputs()
    if not inputs["documents"] and not inputs["pending"]:
        raise DomainError(_("Belum ada perjanjian yang selesai ditandatangani."))
    key = "mou_archive:{documents}:{newest_document}:{pending}".format(**inputs)
    existing = db.session.scalar(select(Job).where(Job.dedupe_key == key))
    if existing is not None:
        return existing
    job = Job(kind=JobKind.MOU_ARCHIVE, owner_id=actor.id, dedupe_key=key, total=inputs["documents"], params=inputs)
    try:
        with db.session.begin_nested():
            db.session.add(job)
    except IntegrityError:  # the same ZIP was asked for at the same moment: share that job
        return db.session.scalar(select(Job).where(Job.dedupe_key == key))
    audit.record("mou.archive_requested", job, actor=actor, details=inputs)
    queue.defer("build_archive", job.id)
    return job


def build_archive(job_id: int) -> None:
    """Write the ZIP for an archive job (run by a worker), committing progress as it goes."""
    job = db.session.get(Job, job_id)
    if job is None or job.status == JobStatus.DONE:
        return
    job.status, job.started_at, job.done = JobStatus.RUNNING, utcnow(), 0
    db.session.commit()
    last = time.monotonic()

    def progress(done: int) -> None:
        nonlocal last
        if time.monotonic() - last > 0.5:
            db.session.execute(update(Job).where(Job.id == job_id).values(done=done))
            db.session.commit()
            last = time.monotonic()

    with tempfile.SpooledTemporaryFile(max_size=64 * 1024 * 1024) as out:
        summary = archive.write_archive(out, progress)
        out.seek(0)
        data = out.read()
    job = db.session.get(Job, job_id)
    job.file_bytes, job.file_sha256 = data, hashlib.sha256(data).hexdigest()
    job.file_name = f"mou-kemitraan-selesai-{utcnow():%Y%m%d-%H%M}.zip"
    job.total = job.done = summary["files"]
    job.result, job.status, job.finished_at = summary, JobStatus.DONE, utcnow()


def fail_job(job_id: int, error: Exception) -> None:
    """Mark a job failed with its reason, freeing its dedupe key so it can be asked for again."""
    job = db.session.get(Job, job_id)
    if job is not None:
        job.status, job.finished_at, job.dedupe_key = JobStatus.FAILED, utcnow(), None
        job.message = f"{type(error).__name__}: {error}"[:500]


def start_mou_batch(kind: JobKind, ids: list[int], *, actor) -> Job:
    """Invite (company ids) or remind (agreement ids) many at once in the background."""
    job = Job(kind=kind, owner_id=actor.id, total=len(ids), params={"ids": sorted(ids)})
    db.session.add(job)
    db.session.flush()
    queue.defer("run_mou_batch", job.id)
    return job


def run_mou_batch(job_id: int) -> None:
    """Work through an invitation or reminder job a chunk per transaction, so a crash repeats nothing:
    a chunk and the progress that counts it commit together."""
    job = db.session.get(Job, job_id)
    if job is None or job.finished:
        return
    job.status, job.started_at = JobStatus.RUNNING, job.started_at or utcnow()
    actor = job.owner
    ids = job.params.get("ids", [])
    while job.done < len(ids):
        chunk = ids[job.done:job.done + BATCH_CHUNK]
        handled = _invite_chunk(chunk, actor) if job.kind == JobKind.MOU_INVITE else _remind_chunk(chunk, actor)
        job.result = {**job.result, "handled": job.result.get("handled", 0) + handled}
        job.done += len(chunk)
        db.session.commit()
        job = db.session.get(Job, job_id)
    job.status, job.finished_at = JobStatus.DONE, utcnow()


def _invite_chunk(company_ids: list[int], actor) -> int:
    from bontang.mou.services import invite_companies

    try:
        return len(invite_companies(company_ids, actor=actor))
    except DomainError:  # invited meanwhile: nothing left to do in this chunk
        return 0


def _remind_chunk(agreement_ids: list[int], actor) -> int:
    from bontang.mou.services import remind_unsigned

    try:
        return remind_unsigned(actor=actor, agreement_ids=agreement_ids)
    except DomainError:  # signed meanwhile
        return 0


def worker_silent() -> bool:
    """True when no worker has reported in lately (the page then says work waits in the queue)."""
    beat = queue.last_heartbeat()
    return beat is None or time.time() - beat > WORKER_SILENT_AFTER
