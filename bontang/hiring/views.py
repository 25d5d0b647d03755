"""Company views: the company's requests, filing and editing, the request page, decisions on candidates."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from bontang.core import DomainError, in_wita
from bontang.extensions import db
from bontang.hiring import bp, interviews, queries, selection, services
from bontang.hiring.forms import (EMPLOYMENT_TYPES, SEX_LABELS, AcceptForm, HiringRequestForm, InterviewForm, NoteForm,
                                  RejectForm)
from bontang.hiring.models import CandidateProposal, HiringRequest, HiringStatus, Occupation, ProposalStage
from bontang.hiring.occupations import occupation_titles
from bontang.hiring.workflow import EDITABLE, STATUS_BADGES, STATUS_LABELS, status_label
from bontang.inputs import ActionForm
from bontang.pagination import paginate
from bontang.security import COMPANY, STAFF, get_or_404, is_disnaker, roles
from bontang.templating import localised_table
from bontang.web import attach_error, page_number, redirect_to, render, render_form, render_invalid


@bp.app_template_filter("hiring_status")
def hiring_status_filter(status) -> str:
    """The Indonesian label of a hiring status."""
    return status_label(status)


@bp.app_template_filter("hiring_badge")
def hiring_badge_filter(status) -> str:
    """The badge class of a hiring status."""
    return STATUS_BADGES[HiringStatus(status)]


@bp.app_template_filter("rupiah")
def rupiah_filter(amount) -> str:
    """An integer amount as Rp 1.234.567."""
    return "—" if not amount else "Rp " + f"{int(amount):,}".replace(",", ".")


@bp.route("/permintaan")
@roles(COMPANY)
def index():
    """The company's hiring requests and its local share."""
    status = request.args.get("status", "")
    status = status if status in {s.value for s in HiringStatus} else ""
    counts = queries.status_counts(current_user.company_id)
    total = counts.get(status, 0) if status else sum(counts.values())  # the counts hold every row of the list
    page = paginate(queries.company_requests_query(current_user.company_id, status), page_number(), 20, total=total)
    return render("hiring/index.html", "hiring/_company_table.html", page=page, chosen=status,
                  statuses=localised_table(STATUS_LABELS), counts=counts,
                  share=selection.company_local_share(current_user.company_id))


@bp.route("/permintaan/baru", methods=["GET", "POST"])
@roles(COMPANY)
def new():
    """File a new hiring request (saved as a draft)."""
    form = HiringRequestForm()
    if form.validate_on_submit():
        try:
            hiring = services.create_request(current_user.company, form.data_for_service(), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            _saved_message(hiring)
            return redirect_to(url_for("hiring.detail", request_id=hiring.id))
    return _form_page(form, None)


@bp.route("/permintaan/<int:request_id>/ubah", methods=["GET", "POST"])
@roles(COMPANY)
def edit(request_id: int):
    """Edit a draft or a request returned for revision."""
    hiring = get_or_404(HiringRequest, request_id)
    if request.method == "GET" and hiring.status not in EDITABLE:
        flash(_("Permintaan yang sudah diajukan tidak dapat diubah."), "error")
        return redirect_to(url_for("hiring.detail", request_id=hiring.id))
    form = HiringRequestForm(obj=hiring)
    if request.method == "GET":
        form.skill_ids.data = [s.id for s in hiring.skills]
        form.scheme_id.data = hiring.scheme_id or 0
        form.employment_type.data = hiring.employment_type.value
    if form.validate_on_submit():
        try:
            services.update_request(hiring, form.data_for_service(), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            _saved_message(hiring)
            return redirect_to(url_for("hiring.detail", request_id=hiring.id))
    return _form_page(form, hiring)


def _saved_message(hiring: HiringRequest) -> None:
    flash(_("Permintaan tersimpan sebagai draf. Ajukan ke Disnaker bila sudah lengkap.")
          if hiring.status == HiringStatus.DRAFT else _("Permintaan tersimpan."), "success")
    for twin in services.similar_requests(hiring):
        flash(_("Perhatian: permintaan serupa sudah ada (\"%(title)s\", %(n)d orang, status %(status)s, nomor %(id)d). "
                "Tarik salah satunya bila tidak sengaja diisi dua kali.", title=twin.title, n=twin.positions,
                status=status_label(twin.status).lower(), id=twin.id), "warning")
    if services.wage_below_umk(hiring):
        flash(_("Perhatian: upah minimal di bawah UMK Bontang."), "warning")


def _form_page(form: HiringRequestForm, hiring: HiringRequest | None):
    occupations = db.session.execute(select(Occupation.code, Occupation.title).order_by(Occupation.code)).all()
    return render_form("hiring/form.html", form, hiring=hiring, occupations=occupations)


def detail_context(hiring: HiringRequest) -> dict:
    """Everything the request page shows."""
    hiring = queries.load_request_page(hiring)
    return {"hiring": hiring, "share": selection.request_local_share(hiring),
            "company_share": selection.company_local_share(hiring.company_id),
            "occupation": occupation_titles([hiring.kbji_code]).get(hiring.kbji_code, ""),
            "below_umk": services.wage_below_umk(hiring), "note_form": NoteForm(), "action_form": ActionForm(),
            "staff": is_disnaker(), "stage_labels": selection.STAGE_LABELS,
            "reasons": {**dict(selection.REJECT_REASONS), **selection.WITHDRAW_REASONS},
            "editable": hiring.status in EDITABLE, **labels()}


def labels() -> dict:
    """Label maps and today's date that the hiring templates share."""
    return {"employment_labels": dict(EMPLOYMENT_TYPES), "sex_labels": SEX_LABELS, "today": date.today()}


@bp.route("/permintaan/<int:request_id>")
@roles(STAFF, COMPANY)
def detail(request_id: int):
    """One request: its data, local share, history, proposed candidates and placements."""
    hiring = get_or_404(HiringRequest, request_id)
    if hiring.status == HiringStatus.DRAFT and is_disnaker():
        abort(404)  # a draft stays the company's own until it is submitted
    return render("hiring/detail.html", **detail_context(hiring))


def refused(hiring: HiringRequest, error: DomainError):
    """A refused action: nothing written, the request page with the reason (422)."""
    db.session.rollback()
    flash(error.message, "error")
    return render_invalid("hiring/detail.html", **detail_context(hiring))


@bp.route("/permintaan/<int:request_id>/ajukan", methods=["POST"])
@roles(COMPANY)
def submit(request_id: int):
    """Send the request to Disnaker for verification."""
    hiring = get_or_404(HiringRequest, request_id)
    try:
        services.submit_request(hiring, actor=current_user)
    except DomainError as error:
        return refused(hiring, error)
    flash(_("Permintaan diajukan ke Disnaker untuk diverifikasi."), "success")
    return redirect_to(url_for("hiring.detail", request_id=hiring.id))


@bp.route("/permintaan/<int:request_id>/tarik", methods=["POST"])
@roles(COMPANY)
def withdraw(request_id: int):
    """Withdraw (cancel) the request."""
    hiring = get_or_404(HiringRequest, request_id)
    try:
        services.withdraw_request(hiring, request.form.get("note", ""), actor=current_user)
    except DomainError as error:
        return refused(hiring, error)
    flash(_("Permintaan ditarik."), "success")
    return redirect_to(url_for("hiring.detail", request_id=hiring.id))


def proposal_of(request_id: int, proposal_id: int) -> CandidateProposal:
    hiring = get_or_404(HiringRequest, request_id)
    proposal = db.session.get(CandidateProposal, proposal_id)
    if proposal is None or proposal.hiring_request_id != hiring.id:
        abort(404)
    return proposal


@bp.route("/permintaan/<int:request_id>/kandidat/<int:proposal_id>/wawancara", methods=["GET", "POST"])
@roles(COMPANY)
def interview(request_id: int, proposal_id: int):
    """Invite a candidate to an interview (date, time, place or link, contact), or reschedule it."""
    proposal = proposal_of(request_id, proposal_id)
    rescheduling = proposal.stage == ProposalStage.INTERVIEW
    form = InterviewForm(obj=_interview_defaults(proposal) if request.method == "GET" and rescheduling else None)
    if form.validate_on_submit():
        try:
            interviews.schedule_interview(proposal, form.data, actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Jadwal wawancara %(name)s tersimpan; kandidat diberi tahu.", name=proposal.job_seeker.name),
                  "success")
            return redirect_to(url_for("hiring.detail", request_id=request_id) + "#kandidat")
    return _decision_page("hiring/interview.html", form, proposal, rescheduling=rescheduling)


def _interview_defaults(proposal: CandidateProposal):
    local = in_wita(proposal.interview_at)
    return SimpleNamespace(interview_date=local.date(), interview_time=local.time(), place=proposal.interview_place,
                           contact=proposal.interview_contact, note=proposal.interview_note)


@bp.route("/permintaan/<int:request_id>/kandidat/<int:proposal_id>/wawancara/batal", methods=["POST"])
@roles(COMPANY)
def cancel_interview(request_id: int, proposal_id: int):
    """Call off a scheduled interview; the candidate stays proposed."""
    proposal = proposal_of(request_id, proposal_id)
    try:
        interviews.cancel_interview(proposal, request.form.get("reason", ""), actor=current_user)
    except DomainError as error:
        return refused(proposal.hiring_request, error)
    flash(_("Wawancara %(name)s dibatalkan; kandidat diberi tahu.", name=proposal.job_seeker.name), "success")
    return redirect_to(url_for("hiring.detail", request_id=request_id) + "#kandidat")


@bp.route("/permintaan/<int:request_id>/kandidat/<int:proposal_id>/terima", methods=["GET", "POST"])
@roles(COMPANY)
def accept(request_id: int, proposal_id: int):
    """Accept a candidate: start date and contract type, then a placement."""
    proposal = proposal_of(request_id, proposal_id)
    form = AcceptForm()
    if request.method == "GET":
        form.contract_type.data = proposal.hiring_request.employment_type.value
    if form.validate_on_submit():
        try:
            selection.accept_candidate(proposal, form.start_date.data, form.contract_type.data, actor=current_user,
                                       justification=form.justification.data or "")
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("%(name)s diterima; penempatan tercatat.", name=proposal.job_seeker.name), "success")
            return redirect_to(url_for("hiring.detail", request_id=request_id) + "#kandidat")
    return _decision_page("hiring/accept.html", form, proposal, nonlocal_warning=selection.nonlocal_warning(proposal))


@bp.route("/permintaan/<int:request_id>/kandidat/<int:proposal_id>/tolak", methods=["GET", "POST"])
@roles(COMPANY)
def reject(request_id: int, proposal_id: int):
    """Decline a candidate with a reason."""
    proposal = proposal_of(request_id, proposal_id)
    form = RejectForm()
    if form.validate_on_submit():
        try:
            selection.reject_candidate(proposal, form.reason_code.data, form.reason_text.data, actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Keputusan atas %(name)s tersimpan.", name=proposal.job_seeker.name), "success")
            return redirect_to(url_for("hiring.detail", request_id=request_id) + "#kandidat")
    return _decision_page("hiring/reject.html", form, proposal)


def _decision_page(template: str, form, proposal: CandidateProposal, **context):
    if form.is_submitted():
        db.session.rollback()  # a refused decision may have flushed; show the stored state
    return render_form(template, form, proposal=proposal, hiring=proposal.hiring_request, seeker=proposal.job_seeker,
                       stage_labels=selection.STAGE_LABELS, **labels(), **context)


from bontang.hiring import cli, views_candidates, views_placements, views_plans, views_staff  # noqa: E402,F401  (their routes, after the helpers they use)
