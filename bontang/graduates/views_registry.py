"""Disnaker's views: the job seeker registry, proposal asks from companies, training institutions."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bontang.core import DomainError
from bontang.extensions import db
from bontang.exports import export_response
from bontang.graduates import bp, services
from bontang.graduates import services_company as company
from bontang.graduates.forms import STATUS_LABELS, AskCloseForm, InstitutionForm, JobSeekerForm
from bontang.graduates.models import (
    Certificate, Enrolment, GraduateProposalAsk, JobSeeker, TrainingInstitution,
)
from bontang.pagination import paginate
from bontang.security import ADMIN, STAFF, get_or_404, roles
from bontang.web import attach_error, page_number, redirect_to, render, render_form, render_invalid

@bp.route("/pencari-kerja")
@roles(STAFF)
def jobseekers():
    """The job seeker registry (AK1 holders), searchable by name, AK1 number or NIK."""
    q, status, consent = request.args.get("q", ""), request.args.get("status", ""), request.args.get("izin", "")
    page = services.registry_page(q, status, consent, page_number())
    return render("graduates/jobseekers.html", "graduates/_jobseeker_table.html", page=page, q=q, status_filter=status,
                  consent=consent, status_labels=STATUS_LABELS, today=date.today())


@bp.route("/pencari-kerja/ekspor.<fmt>")
@roles(STAFF)
def jobseekers_export(fmt: str):
    """The whole filtered registry as CSV or XLSX (masked NIK; text cells neutralised against formulas)."""
    args = request.args
    try:
        return export_response("xlsx" if fmt == "xlsx" else "csv", "pencari-kerja", lambda out, kind: services.export_job_seekers(
            out, kind, args.get("q", ""), args.get("status", ""), args.get("izin", "")))
    except DomainError as error:
        flash(error.message, "error")
        return redirect_to(url_for("graduates.jobseekers"))


@bp.route("/pencari-kerja/baru", methods=["GET", "POST"])
@roles(STAFF)
def jobseeker_new():
    """Register a job seeker."""
    form = JobSeekerForm(creating=True)
    if form.validate_on_submit():
        try:
            seeker = services.create_job_seeker(form.data_for_service(), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Pencari kerja %(name)s terdaftar.", name=seeker.name), "success")
            return redirect_to(url_for("graduates.jobseeker_detail", job_seeker_id=seeker.id))
    return render_form("graduates/jobseeker_form.html", form, seeker=None)


@bp.route("/pencari-kerja/<int:job_seeker_id>")
@roles(STAFF)
def jobseeker_detail(job_seeker_id: int):
    """Everything Disnaker holds on one job seeker, with the companies that opened the profile."""
    seeker = db.session.scalar(select(JobSeeker).where(JobSeeker.id == job_seeker_id).options(
        selectinload(JobSeeker.skills), selectinload(JobSeeker.certificates).joinedload(Certificate.scheme),
        selectinload(JobSeeker.enrolments).joinedload(Enrolment.programme)))
    if seeker is None:
        abort(404)
    return render("graduates/jobseeker_detail.html", seeker=seeker, views=company.profile_views(seeker),
                  status_labels=STATUS_LABELS, today=date.today(), nik=None)


@bp.route("/pencari-kerja/<int:job_seeker_id>/nik", methods=["POST"])
@roles(STAFF)
def jobseeker_nik(job_seeker_id: int):
    """Show the full NIK to a Disnaker officer (the reading is audited)."""
    seeker = get_or_404(JobSeeker, job_seeker_id, company_attr=None)
    try:
        nik = services.reveal_nik(seeker, actor=current_user)
    except DomainError as error:
        flash(error.message, "error")
        return redirect_to(url_for("graduates.jobseeker_detail", job_seeker_id=seeker.id))
    return render("graduates/jobseeker_detail.html", "graduates/_nik.html", seeker=seeker, nik=nik,
                  views=company.profile_views(seeker), status_labels=STATUS_LABELS, today=date.today())


@bp.route("/pencari-kerja/<int:job_seeker_id>/ubah", methods=["GET", "POST"])
@roles(STAFF)
def jobseeker_edit(job_seeker_id: int):
    """Edit a job seeker's data, consent included."""
    seeker = get_or_404(JobSeeker, job_seeker_id, company_attr=None)
    form = JobSeekerForm(obj=seeker, creating=False)
    if request.method == "GET":
        form.nik.data = ""
        form.skill_ids.data = [s.id for s in seeker.skills]
        form.employment_status.data = seeker.employment_status.value
        form.welfare_decile.data = str(seeker.welfare_decile or "")
    if form.validate_on_submit():
        try:
            services.update_job_seeker(seeker, form.data_for_service(), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Data pencari kerja tersimpan."), "success")
            return redirect_to(url_for("graduates.jobseeker_detail", job_seeker_id=seeker.id))
    return render_form("graduates/jobseeker_form.html", form, seeker=seeker)


@bp.route("/permintaan-usulan")
@roles(STAFF)
def asks():
    """Companies' asks to propose a graduate, for Disnaker to act on."""
    status = request.args.get("status", "open")
    page = paginate(company.asks_query(status), page_number())
    return render("graduates/asks.html", "graduates/_ask_table.html", page=page, status_filter=status, form=AskCloseForm())


@bp.route("/permintaan-usulan/<int:ask_id>", methods=["POST"])
@roles(STAFF)
def ask_close(ask_id: int):
    """Mark a company's ask handled or declined."""
    ask = get_or_404(GraduateProposalAsk, ask_id, company_attr=None)
    form = AskCloseForm()
    if not form.validate_on_submit():
        for name, messages in form.errors.items():
            label = form[name].label.text if name in form else ""
            flash(f"{label}: {' '.join(messages)}" if label else " ".join(messages), "error")
        page = paginate(company.asks_query("open"), page_number())
        return render_invalid("graduates/asks.html", page=page, status_filter="open", form=form)
    try:
        company.close_ask(ask, form.status.data, form.note.data, actor=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(_("Permintaan ditandai selesai."), "success")
    return redirect_to(url_for("graduates.asks"))


@bp.route("/lembaga")
@roles(ADMIN)
def institutions():
    """Training institutions (BLK, LPK, LSP) with their licences."""
    items = db.session.scalars(select(TrainingInstitution).order_by(TrainingInstitution.kind, TrainingInstitution.name))
    return render("graduates/institutions.html", institutions=list(items), today=date.today())


@bp.route("/lembaga/baru", methods=["GET", "POST"])
@bp.route("/lembaga/<int:institution_id>/ubah", methods=["GET", "POST"])
@roles(ADMIN)
def institution_form(institution_id: int | None = None):
    """Create or edit a training institution."""
    institution = get_or_404(TrainingInstitution, institution_id, company_attr=None) if institution_id else None
    form = InstitutionForm(obj=institution)
    if request.method == "GET" and institution:
        form.kind.data = institution.kind.value
    if form.validate_on_submit():
        try:
            services.save_institution(institution, form.data_for_service(), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Lembaga pelatihan tersimpan."), "success")
            return redirect_to(url_for("graduates.institutions"))
    return render_form("graduates/institution_form.html", form, institution=institution)
