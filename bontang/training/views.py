"""Training programmes: trainers for their own institution, Disnaker for all; enrolments, results, certificates."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from bontang.accounts.models import Role
from bontang.core import DomainError
from bontang.extensions import db
from bontang.jobseekers import services as jobseekers
from bontang.training import bp
from bontang.training import services as training
from bontang.inputs import ActionForm
from bontang.pagination import paginate
from bontang.security import ADMIN, STAFF, get_or_404, roles
from bontang.training.forms import PROGRAMME_LABELS, CertificateForm, EnrolForm, ImportForm, InstitutionForm, ProgrammeForm
from bontang.training.models import (
    Certificate, Enrolment, EnrolmentResult, ImportBatch, TrainingInstitution, TrainingProgramme,
)
from bontang.web import attach_error, page_number, redirect_to, render, render_form, render_invalid

MANAGERS = (STAFF, Role.TRAINER)


def load_programme(programme_id: int) -> TrainingProgramme:
    """The programme, or 404 for a trainer of another institution."""
    programme = get_or_404(TrainingProgramme, programme_id, company_attr=None)
    if not training.may_manage(current_user, programme):
        abort(404)
    return programme


def _trainer_institution():
    return current_user.institution_id if current_user.role == Role.TRAINER else None


@bp.route("/pelatihan")
@roles(*MANAGERS)
def programmes():
    """Training programmes: a trainer sees its institution's, Disnaker all."""
    query = training.programmes_for(current_user).options(joinedload(TrainingProgramme.institution),
                                                          joinedload(TrainingProgramme.scheme))
    page = paginate(query, page_number())
    return render("training/programmes.html", "training/_programme_table.html", page=page, labels=PROGRAMME_LABELS)


@bp.route("/pelatihan/baru", methods=["GET", "POST"])
@bp.route("/pelatihan/<int:programme_id>/ubah", methods=["GET", "POST"])
@roles(*MANAGERS)
def programme_form(programme_id: int | None = None):
    """Create or edit a programme."""
    programme = load_programme(programme_id) if programme_id else None
    form = ProgrammeForm(obj=programme, trainer_institution=_trainer_institution())
    if request.method == "GET" and programme:
        form.skill_ids.data = [s.id for s in programme.skills]
        form.status.data = programme.status.value
        form.scheme_id.data = programme.scheme_id or 0
    if form.validate_on_submit():
        try:
            programme = training.save_programme(programme, form.data_for_service(), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Program pelatihan tersimpan."), "success")
            return redirect_to(url_for("training.programme_detail", programme_id=programme.id))
    return render_form("training/programme_form.html", form, programme=programme)


def _detail_context(programme: TrainingProgramme, **extra) -> dict:
    enrolments = list(db.session.scalars(select(Enrolment).where(Enrolment.programme_id == programme.id).options(
        joinedload(Enrolment.job_seeker)).order_by(Enrolment.id)))
    ids = [e.job_seeker_id for e in enrolments]
    certificates = list(db.session.scalars(select(Certificate).where(
        Certificate.enrolment_id.in_([e.id for e in enrolments])).options(
        joinedload(Certificate.scheme), joinedload(Certificate.job_seeker)).order_by(Certificate.issue_date.desc())))
    batches = list(db.session.scalars(select(ImportBatch).where(ImportBatch.programme_id == programme.id)
                                      .order_by(ImportBatch.id.desc()).limit(10)))
    context = {"programme": programme, "enrolments": enrolments, "certificates": certificates, "batches": batches,
               "labels": PROGRAMME_LABELS, "today": date.today(), "action_form": ActionForm(),
               "enrol_form": EnrolForm(formdata=None), "import_form": ImportForm(formdata=None),
               "passed": sum(1 for e in enrolments if e.result == EnrolmentResult.PASSED), "seekers": len(set(ids))}
    context.update(extra)
    return context


@bp.route("/pelatihan/<int:programme_id>")
@roles(*MANAGERS)
def programme_detail(programme_id: int):
    """A programme with its participants, results, certificates and imports."""
    programme = load_programme(programme_id)
    return render("training/programme_detail.html", **_detail_context(programme))


@bp.route("/pelatihan/<int:programme_id>/peserta", methods=["POST"])
@roles(*MANAGERS)
def enrol(programme_id: int):
    """Enrol a registered job seeker by NIK or AK1 number."""
    programme = load_programme(programme_id)
    form = EnrolForm()
    if form.validate_on_submit():
        try:
            training.enrol_job_seeker(programme, jobseekers.find_by_nik_or_ak1(form.who.data), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Peserta ditambahkan."), "success")
            return redirect_to(url_for("training.programme_detail", programme_id=programme.id))
    return render_invalid("training/programme_detail.html", "training/_enrol_form.html",
                          **_detail_context(programme, enrol_form=form))


@bp.route("/pelatihan/<int:programme_id>/peserta/<int:enrolment_id>/hasil", methods=["POST"])
@roles(*MANAGERS)
def result(programme_id: int, enrolment_id: int):
    """Record a participant's result (lulus / tidak lulus)."""
    programme = load_programme(programme_id)
    enrolment = get_or_404(Enrolment, enrolment_id, company_attr=None)
    if enrolment.programme_id != programme.id:
        abort(404)
    if ActionForm().validate_on_submit():
        try:
            training.record_result(enrolment, request.form.get("result", ""), actor=current_user)
        except DomainError as error:
            flash(error.message, "error")
            return render_invalid("training/programme_detail.html", **_detail_context(programme))
        flash(_("Hasil %(name)s tersimpan.", name=enrolment.job_seeker.name), "success")
    return redirect_to(url_for("training.programme_detail", programme_id=programme.id))


@bp.route("/pelatihan/<int:programme_id>/sertifikat/baru", methods=["GET", "POST"])
@roles(*MANAGERS)
def certificate_new(programme_id: int):
    """Record a competency certificate for a participant who passed."""
    programme = load_programme(programme_id)
    passed = [e for e in db.session.scalars(select(Enrolment).where(
        Enrolment.programme_id == programme.id, Enrolment.result == EnrolmentResult.PASSED).options(
        joinedload(Enrolment.job_seeker)))]
    form = CertificateForm(enrolments=passed)
    if request.method == "GET":
        form.scheme_id.data = programme.scheme_id or 0
    if form.validate_on_submit():
        enrolment = next((e for e in passed if e.id == form.enrolment_id.data), None)
        try:
            if enrolment is None:
                raise DomainError(_("Pilih peserta yang lulus."), "enrolment_id")
            training.issue_certificate(enrolment, form.data_for_service(), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Sertifikat tercatat."), "success")
            return redirect_to(url_for("training.programme_detail", programme_id=programme.id))
    return render_form("training/certificate_form.html", form, programme=programme)


@bp.route("/sertifikat/<int:certificate_id>/verifikasi", methods=["POST"])
@roles(STAFF)
def certificate_verify(certificate_id: int):
    """Disnaker marks a certificate verified."""
    certificate = get_or_404(Certificate, certificate_id, company_attr=None)
    if ActionForm().validate_on_submit():
        try:
            training.verify_certificate(certificate, actor=current_user)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Sertifikat %(number)s diverifikasi.", number=certificate.number), "success")
    return redirect_to(request.referrer or url_for("jobseekers.detail", job_seeker_id=certificate.job_seeker_id))


@bp.route("/lembaga")
@roles(ADMIN)
def institutions():
    """Training institutions (BLK, LPK, LSP) with their licences."""
    items = db.session.scalars(select(TrainingInstitution).order_by(TrainingInstitution.kind, TrainingInstitution.name))
    return render("training/institutions.html", institutions=list(items), today=date.today())


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
            training.save_institution(institution, form.data_for_service(), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Lembaga pelatihan tersimpan."), "success")
            return redirect_to(url_for("training.institutions"))
    return render_form("training/institution_form.html", form, institution=institution)


from bontang.training import views_imports  # noqa: E402,F401  (register the import routes)
