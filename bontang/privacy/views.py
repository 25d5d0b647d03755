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
from bontang.privacy import access, bp, services
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
    try:
        name, body = services.export_job_seeker(seeker, form.fmt.data, actor=current_user)
    except PermissionError:
        abort(403, description=_("Anda hanya dapat mengekspor data peserta lembaga Anda sendiri."))
    return body, 200, {"Content-Type": MIME[form.fmt.data], "Content-Disposition": f'attachment; filename="{name}"',
                       "Cache-Control": "no-store"}


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
