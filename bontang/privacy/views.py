"""Data-subject requests at the counter: find the person, export their data, withdraw consent, anonymise."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from bontang.accounts.models import Role
from bontang.core import DomainError
from bontang.extensions import db
from bontang.graduates.models import GraduateProfileView
from bontang.jobseekers.models import JobSeeker
from bontang.inputs import ActionForm
from bontang.jobs.models import Job, JobStatus
from bontang.jobs.services import worker_silent
from bontang.privacy import access, bp, export_jobs, services
from bontang.privacy.forms import AnonymiseForm, ExportForm, LookupForm
from bontang.privacy.models import Erasure
from bontang.security import STAFF, roles
from bontang.web import redirect_to, render

HANDLERS = (STAFF, Role.TRAINER)
MIME = {"json": "application/json", "pdf": "application/pdf"}


def _person_or_404(job_seeker_id: int) -> JobSeeker:
    """The job seeker, or 404 when missing or, for a trainer, not a person of its institution."""
    seeker = db.session.get(JobSeeker, job_seeker_id)
    if seeker is None or not access.may_handle(current_user, seeker):
        abort(404)
    return seeker


@bp.route("/")
@roles(*HANDLERS)
def index():
    """Look a person up by NIK or AK1 number."""
    form = LookupForm(request.args)
    if "q" not in request.args or not form.validate():
        return render("privacy/index.html", form=form, not_found=False)
    seeker = services.find_person(form.q.data)
    if seeker is None or not access.may_handle(current_user, seeker):
        return render("privacy/index.html", form=form, not_found=True)
    return redirect_to(url_for("privacy.person", job_seeker_id=seeker.id))


@bp.route("/pencari-kerja/<int:job_seeker_id>")
@roles(*HANDLERS)
def person(job_seeker_id: int):
    """What is held about one person, and the requests that can be handled for them."""
    return _person_page(_person_or_404(job_seeker_id))


def _person_page(seeker: JobSeeker, *, anonymise_form: AnonymiseForm | None = None, status: int = 200):
    views = db.session.scalar(select(func.count(GraduateProfileView.id))
                              .where(GraduateProfileView.job_seeker_id == seeker.id))
    erasure = db.session.scalar(select(Erasure).where(Erasure.job_seeker_id == seeker.id))
    return render("privacy/person.html", status=status, seeker=seeker, views=views, erasure=erasure,
                  export_form=ExportForm(), action_form=ActionForm(), anonymise_form=anonymise_form or AnonymiseForm(),
                  disnaker=current_user.role in access.DISNAKER)


@bp.route("/pencari-kerja/<int:job_seeker_id>/ekspor", methods=["POST"])
@roles(*HANDLERS)
def export(job_seeker_id: int):
    """The file of everything held about the person (audited); another institution's trainer is refused."""
    seeker = db.session.get(JobSeeker, job_seeker_id) or abort(404)
    form = ExportForm()
    if not form.validate():
        abort(400, description=_("Format ekspor tidak dikenal."))
    if not access.may_handle(current_user, seeker):
        abort(403, description=_("Anda hanya dapat mengekspor data peserta lembaga Anda sendiri."))
    if form.fmt.data == "pdf":
        job = export_jobs.request_pdf_export(seeker, actor=current_user)
        return redirect_to(url_for("privacy.export_job", job_id=job.id))
    name, body = services.export_job_seeker(seeker, form.fmt.data, actor=current_user)
    return body, 200, {"Content-Type": MIME[form.fmt.data], "Content-Disposition": f'attachment; filename="{name}"',
                       "Cache-Control": "no-store"}


def _export_job_or_404(job_id: int) -> Job:
    job = db.session.get(Job, job_id)
    if job is None or not export_jobs.can_follow(job, current_user):
        abort(404)  # someone else's export is not revealed to exist
    return job


@bp.route("/ekspor/<int:job_id>")
@roles(*HANDLERS)
def export_job(job_id: int):
    """The PDF copy being prepared; the page polls its own fragment until the file is ready."""
    job = _export_job_or_404(job_id)
    return render("privacy/export_job.html", "privacy/_export_progress.html"
                  if request.headers.get("HX-Target") == "export-progress" else None,
                  job=job, worker_silent=not job.finished and worker_silent())


@bp.route("/ekspor/<int:job_id>/unduh")
@roles(*HANDLERS)
def export_download(job_id: int):
    """The finished PDF copy (the request for it was audited when it was made)."""
    job = _export_job_or_404(job_id)
    if job.status != JobStatus.DONE or job.file_bytes is None:
        abort(404)
    return job.file_bytes, 200, {"Content-Type": MIME["pdf"], "Cache-Control": "no-store",
                                 "Content-Disposition": f'attachment; filename="{job.file_name}"'}


@bp.route("/pencari-kerja/<int:job_seeker_id>/tarik-persetujuan", methods=["POST"])
@roles(STAFF)
def withdraw(job_seeker_id: int):
    """The person withdraws consent: hidden from companies at once."""
    seeker = _person_or_404(job_seeker_id)
    try:
        withdrawn = services.withdraw_consent(seeker, actor=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(_("Persetujuan ditarik: profil tidak lagi tampil bagi perusahaan (%(n)d usulan ditarik).", n=withdrawn),
              "success")
    return redirect_to(url_for("privacy.person", job_seeker_id=job_seeker_id))


@bp.route("/pencari-kerja/<int:job_seeker_id>/anonimkan", methods=["POST"])
@roles(STAFF)
def anonymise(job_seeker_id: int):
    """Anonymise the person on their request; placements and the audit chain are kept under a pseudonym."""
    seeker = _person_or_404(job_seeker_id)
    form = AnonymiseForm()
    if not form.validate():
        return _person_page(seeker, anonymise_form=form, status=422)
    try:
        services.anonymise_job_seeker(seeker, "request", actor=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(_("Data pribadi telah dianonimkan."), "success")
    return redirect_to(url_for("privacy.person", job_seeker_id=job_seeker_id))
