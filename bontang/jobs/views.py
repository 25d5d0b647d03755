"""Progress pages of background work: the page polls its own fragment until the work is done."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from bontang import audit
from bontang.core import DomainError
from bontang.exports import download
from bontang.extensions import db
from bontang.jobs import bp, services
from bontang.jobs.models import Job, JobKind, JobStatus
from bontang.security import STAFF, logged_in, roles
from bontang.web import redirect_to, render


def _job_or_404(job_id: int) -> Job:
    job = db.session.get(Job, job_id)
    if job is None or not services.can_view(job, current_user):
        abort(404)  # someone else's work is not revealed to exist
    return job


@bp.route("/proses/<int:job_id>")
@logged_in
def detail(job_id: int):
    """The progress of one piece of work; htmx polls return only the progress fragment."""
    job = _job_or_404(job_id)
    progress = services.seal_batch_progress(job) if job.kind == JobKind.SEAL_BATCH else None
    finished = progress["finished"] if progress else job.finished
    # Only the page's own poll (hx-target #job-progress) gets the fragment; an HX-Location visit
    # after countersigning gets the whole page.
    polled = request.headers.get("HX-Target") == "job-progress"
    return render("jobs/detail.html", "jobs/_progress.html" if polled else None, job=job, progress=progress,
                  finished=finished,
                  worker_silent=not finished and services.worker_silent(), form=FlaskForm())


@bp.route("/proses/<int:job_id>/coba-lagi", methods=["POST"])
@roles(STAFF, "official")
def retry(job_id: int):
    """Try again what failed: the unsealed PDFs of a batch, or a failed archive."""
    job = _job_or_404(job_id)
    try:
        if job.kind == JobKind.SEAL_BATCH:
            count = services.retry_seal_batch(job, actor=current_user)
            flash(_("%(n)d PDF diantrekan untuk disegel lagi.", n=count), "success")
            return redirect_to(url_for("jobs.detail", job_id=job.id))
        if job.kind != JobKind.MOU_ARCHIVE:
            raise DomainError(_("Tidak ada yang perlu dicoba lagi."))
        job = services.request_archive(actor=current_user)
    except DomainError as error:
        flash(error.message, "error")
    return redirect_to(url_for("jobs.detail", job_id=job.id))


@bp.route("/proses/<int:job_id>/unduh")
@roles(STAFF)
def download_file(job_id: int):
    """The file an archive job produced."""
    job = _job_or_404(job_id)
    if job.status != JobStatus.DONE or job.file_bytes is None:
        abort(404)
    audit.record("mou.archive_downloaded", job, details={"files": job.result.get("files"), "sha256": job.file_sha256})
    return download(job.file_bytes, job.file_name, "application/zip")
