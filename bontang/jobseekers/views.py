"""Disnaker's views of the job seeker registry (AK1 holders): search, register, edit, reveal NIK, export."""
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
from bontang.graduates import services as graduates
from bontang.jobseekers import bp, services
from bontang.jobseekers.forms import STATUS_LABELS, JobSeekerForm
from bontang.jobseekers.models import JobSeeker
from bontang.security import STAFF, get_or_404, roles
from bontang.training.models import Certificate, Enrolment
from bontang.web import attach_error, page_number, redirect_to, render, render_form


@bp.route("/pencari-kerja")
@roles(STAFF)
def index():
    """The job seeker registry (AK1 holders), searchable by name, AK1 number or NIK."""
    q, status, consent = request.args.get("q", ""), request.args.get("status", ""), request.args.get("izin", "")
    page = services.registry_page(q, status, consent, page_number())
    return render("jobseekers/jobseekers.html", "jobseekers/_jobseeker_table.html", page=page, q=q, status_filter=status,
                  consent=consent, status_labels=STATUS_LABELS, today=date.today())


@bp.route("/pencari-kerja/ekspor.<fmt>")
@roles(STAFF)
def export(fmt: str):
    """The whole filtered registry as CSV or XLSX (masked NIK; text cells neutralised against formulas)."""
    args = request.args
    try:
        return export_response("xlsx" if fmt == "xlsx" else "csv", "pencari-kerja", lambda out, kind: services.export_job_seekers(
            out, kind, args.get("q", ""), args.get("status", ""), args.get("izin", "")))
    except DomainError as error:
        flash(error.message, "error")
        return redirect_to(url_for("jobseekers.index"))


@bp.route("/pencari-kerja/baru", methods=["GET", "POST"])
@roles(STAFF)
def new():
    """Register a job seeker."""
    form = JobSeekerForm(creating=True)
    if form.validate_on_submit():
        try:
            seeker = services.create_job_seeker(form.data_for_service(), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Pencari kerja %(name)s terdaftar.", name=seeker.name), "success")
            return redirect_to(url_for("jobseekers.detail", job_seeker_id=seeker.id))
    return render_form("jobseekers/jobseeker_form.html", form, seeker=None)


@bp.route("/pencari-kerja/<int:job_seeker_id>")
@roles(STAFF)
def detail(job_seeker_id: int):
    """Everything Disnaker holds on one job seeker, with the companies that opened the profile."""
    seeker = db.session.scalar(select(JobSeeker).where(JobSeeker.id == job_seeker_id).options(
        selectinload(JobSeeker.skills), selectinload(JobSeeker.certificates).joinedload(Certificate.scheme),
        selectinload(JobSeeker.enrolments).joinedload(Enrolment.programme)))
    if seeker is None:
        abort(404)
    return render("jobseekers/jobseeker_detail.html", seeker=seeker, views=graduates.profile_views(seeker),
                  status_labels=STATUS_LABELS, today=date.today(), nik=None)


@bp.route("/pencari-kerja/<int:job_seeker_id>/nik", methods=["POST"])
@roles(STAFF)
def nik(job_seeker_id: int):
    """Show the full NIK to a Disnaker officer (the reading is audited)."""
    seeker = get_or_404(JobSeeker, job_seeker_id, company_attr=None)
    try:
        nik = services.reveal_nik(seeker, actor=current_user)
    except DomainError as error:
        flash(error.message, "error")
        return redirect_to(url_for("jobseekers.detail", job_seeker_id=seeker.id))
    return render("jobseekers/jobseeker_detail.html", "jobseekers/_nik.html", seeker=seeker, nik=nik,
                  views=graduates.profile_views(seeker), status_labels=STATUS_LABELS, today=date.today())


@bp.route("/pencari-kerja/<int:job_seeker_id>/ubah", methods=["GET", "POST"])
@roles(STAFF)
def edit(job_seeker_id: int):
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
            return redirect_to(url_for("jobseekers.detail", job_seeker_id=seeker.id))
    return render_form("jobseekers/jobseeker_form.html", form, seeker=seeker)
