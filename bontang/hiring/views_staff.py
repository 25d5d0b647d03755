"""Disnaker views: the work queue, verification decisions, withdrawing a proposal (candidates: views_candidates)."""
from __future__ import annotations

from datetime import date

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from bontang.core import DomainError
from bontang.extensions import db
from bontang.hiring import bp, queries, seeker_notify, selection, services
from bontang.hiring.forms import NoteForm
from bontang.hiring.models import CandidateProposal, HiringRequest, HiringStatus
from bontang.hiring.views import proposal_of, refused
from bontang.hiring.workflow import STATUS_LABELS
from bontang.inputs import ActionForm
from bontang.pagination import paginate
from bontang.security import STAFF, get_or_404, roles
from bontang.templating import localised_table
from bontang.web import INVALID, page_number, redirect_to, render, wants_fragment


def _queue_filters() -> dict:
    args = request.args
    status = args.get("status", "menunggu")
    if status not in {s.value for s in HiringStatus} | {"menunggu", ""}:
        status = "menunggu"
    return {"status": status, "company_id": args.get("perusahaan", type=int), "skill_id": args.get("keahlian", type=int),
            "age": args.get("usia", type=int), "q": args.get("q", "").strip()[:100],
            "officer_id": current_user.id if args.get("petugas") == "saya" else args.get("petugas", type=int)}


@bp.route("/kelola/permintaan")
@roles(STAFF)
def queue():
    """Disnaker's work queue, filterable by status, company, skill and age."""
    filters = _queue_filters()
    counts, choices = queries.queue_facts(full_page=not wants_fragment())
    page = queries.queue_page(page_number(), 25, total=queries.queue_total(counts, **filters), **filters)
    page.items = queries.queue_rows(page.items)
    return render("hiring/queue.html", "hiring/_queue_table.html", page=page, filters=filters,
                  statuses=localised_table(STATUS_LABELS), **choices, counts=counts, note_form=NoteForm(), action_form=ActionForm(), today=date.today())


@bp.route("/kelola/permintaan/<int:request_id>/tinjau", methods=["POST"])
@roles(STAFF)
def review(request_id: int):
    """Verify, return (with a note) or reject (with a note) a submitted request."""
    hiring = get_or_404(HiringRequest, request_id)
    decision, note = request.form.get("decision", ""), request.form.get("note", "")
    try:
        services.review_request(hiring, decision, note, actor=current_user)
    except DomainError as error:
        if wants_fragment():
            db.session.rollback()
            return _queue_row(hiring, error=error.message, status=INVALID)
        return refused(hiring, error)
    message = {"verify": _("Permintaan diverifikasi dan dibuka."), "return": _("Permintaan dikembalikan ke perusahaan."),
               "reject": _("Permintaan ditolak.")}[decision]
    if wants_fragment() and request.form.get("from") == "queue":
        return _queue_row(hiring, message=message)
    flash(message, "success")
    return redirect_to(url_for("hiring.detail", request_id=hiring.id))


def _queue_row(hiring: HiringRequest, *, message: str = "", error: str = "", status: int = 200):
    item = queries.QueueRow.of(queries.load_request_page(hiring))
    return render("hiring/queue.html", "hiring/_queue_row.html", status=status, item=item, row_message=message,
                  row_error=error, note_form=NoteForm(), action_form=ActionForm(), officers=queries.officer_choices(),
                  today=date.today())


@bp.route("/kelola/permintaan/<int:request_id>/kandidat/<int:proposal_id>/tarik", methods=["POST"])
@roles(STAFF)
def withdraw_proposal(request_id: int, proposal_id: int):
    """Take back a candidate proposed by mistake (still proposed or invited), with a reason."""
    proposal = proposal_of(request_id, proposal_id)
    try:
        selection.withdraw_proposal(proposal, request.form.get("reason", ""), actor=current_user)
    except DomainError as error:
        return refused(proposal.hiring_request, error)
    flash(_("Usulan %(name)s ditarik; perusahaan diberi tahu.", name=proposal.job_seeker.name), "success")
    return redirect_to(url_for("hiring.detail", request_id=request_id) + "#kandidat")


@bp.route("/kelola/kabari-pencari-kerja")
@roles(STAFF)
def seekers_to_call():
    """Job seekers without an e-mail address whose latest step nobody has told them yet: staff call them."""
    page = paginate(seeker_notify.to_call_query(), page_number(), 50)
    return render("hiring/to_call.html", page=page, step_label=seeker_notify.step_label, action_form=ActionForm(),
                  stage_labels=selection.STAGE_LABELS)


@bp.route("/kelola/kabari-pencari-kerja/<int:proposal_id>", methods=["POST"])
@roles(STAFF)
def mark_called(proposal_id: int):
    """Staff told the job seeker by phone."""
    proposal = get_or_404(CandidateProposal, proposal_id, company_attr=None)
    try:
        seeker_notify.mark_called(proposal, actor=current_user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("%(name)s tercatat sudah dihubungi.", name=proposal.job_seeker.name), "success")
    return redirect_to(url_for("hiring.seekers_to_call"))


@bp.route("/kelola/permintaan/<int:request_id>/petugas", methods=["POST"])
@roles(STAFF)
def assign_officer(request_id: int):
    """Assign the Disnaker officer who handles a request (empty: unassigned)."""
    hiring = get_or_404(HiringRequest, request_id)
    raw = request.form.get("officer_id", "")
    if raw and (not raw.isdigit() or len(raw) > 9):  # only the ids the select offers; nothing written otherwise
        return refused(hiring, DomainError(_("Petugas tidak ditemukan."), "officer_id"))
    try:
        services.assign_officer(hiring, int(raw) if raw else None, actor=current_user)
    except DomainError as error:
        return refused(hiring, error)
    flash(_("Petugas permintaan tersimpan."), "success")
    return redirect_to(url_for("hiring.queue"))
