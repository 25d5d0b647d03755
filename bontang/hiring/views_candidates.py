"""Disnaker's candidate page: the request's rules, the ranking, who is filtered out and why, a search, an ask."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from bontang.core import DomainError
from bontang.extensions import db
from bontang.graduates.forms import AskCloseForm
from bontang.graduates.models import AskStatus, GraduateProposalAsk
from bontang.hiring import bp, matching
from bontang.hiring.forms import ProposeForm
from bontang.hiring.models import CandidateProposal, HiringRequest
from bontang.hiring.ranking import RANKING_PER_PAGE, Matching, weights
from bontang.hiring.workflow import OPEN
from bontang.jobseekers import services as jobseekers
from bontang.security import STAFF, get_or_404, roles
from bontang.together import dialect
from bontang.web import INVALID, redirect_to, render


# What the pages' head and the matching read of the request, loaded with it in one statement. On SQLite the skills
# come in a second one: joined in, SQLite materialises the link table's join with the skills for every request
# (10 ms at 10,000 requests), where PostgreSQL looks up the request's own rows.
REQUEST_HEAD = {"postgresql": (joinedload(HiringRequest.company), joinedload(HiringRequest.scheme),
                               joinedload(HiringRequest.skills))}
REQUEST_HEAD_ELSEWHERE = (joinedload(HiringRequest.company), joinedload(HiringRequest.scheme),
                          selectinload(HiringRequest.skills))
MAX_RANKING_PAGE = 500  # 10,000 people deep; a page number beyond is read as the last one asked for


def _pinned_ask(hiring: HiringRequest) -> GraduateProposalAsk | None:
    """The company's open ask named by ?usulan= (or the form's ask_id), for this request only."""
    ask_id = request.values.get("ask_id", type=int) or request.args.get("usulan", type=int)
    if not ask_id:
        return None
    ask = db.session.get(GraduateProposalAsk, ask_id)
    if ask is None or ask.hiring_request_id != hiring.id:
        abort(404)
    return ask if ask.status == AskStatus.OPEN else None


@bp.route("/kelola/permintaan/<int:request_id>/kandidat", methods=["GET", "POST"])
@roles(STAFF)
def candidates(request_id: int):
    """The ranked candidates of an open request; propose from the ranking, a search or a company's ask."""
    hiring = get_or_404(HiringRequest, request_id, options=REQUEST_HEAD.get(dialect(), REQUEST_HEAD_ELSEWHERE))
    ask = _pinned_ask(hiring)
    form = ProposeForm()
    if form.validate_on_submit():
        try:
            proposals = matching.propose_candidates(hiring, form.job_seeker_ids.data, actor=current_user,
                                                    reason=form.reason.data or "", ask=ask)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
            return _candidates_page(hiring, form, status=INVALID)
        flash(_("%(n)d kandidat diusulkan ke perusahaan.", n=len(proposals)), "success")
        return redirect_to(url_for("hiring.detail", request_id=hiring.id) + "#kandidat")
    if form.is_submitted():
        for message in form.job_seeker_ids.errors or form.reason.errors or form.errors.get("csrf_token", []):
            flash(message, "error")
        return _candidates_page(hiring, form, status=INVALID)
    return _candidates_page(hiring, form)


def _search(hiring: HiringRequest, q: str) -> tuple[list, str]:
    if not q:
        return [], ""
    try:
        ids = jobseekers.lookup_job_seekers(q)
    except DomainError as error:
        return [], error.message
    cards = matching.evaluate(hiring, ids)
    return [cards[i] for i in ids if i in cards], ""


def _candidates_page(hiring: HiringRequest, form: ProposeForm, status: int = 200):
    is_open = hiring.status in OPEN
    ask = _pinned_ask(hiring) if is_open else None
    q = request.args.get("cari", "").strip()[:100]
    found, search_error = _search(hiring, q) if is_open else ([], "")
    pinned = matching.evaluate(hiring, [ask.job_seeker_id]).get(ask.job_seeker_id) if ask else None
    # Who is proposed already, for the search results and the company's ask (the ranking leaves them out itself).
    proposed = set(db.session.scalars(select(CandidateProposal.job_seeker_id)
                                      .where(CandidateProposal.hiring_request_id == hiring.id))) if found or pinned else set()
    page = min(max(request.args.get("hal", 1, type=int), 1), MAX_RANKING_PAGE)
    per_page = RANKING_PER_PAGE
    today = date.today()
    rules = Matching.of(hiring, today, few=True)  # the one rank_candidates uses: built once
    ranked = (matching.rank_candidates(hiring, limit=per_page + 1, offset=(page - 1) * per_page, today=today)
              if is_open else [])
    return render("hiring/candidates.html", status=status, hiring=hiring, form=form, is_open=is_open,
                  ranked=ranked[:per_page], page=page, per_page=per_page, has_next=len(ranked) > per_page,
                  rules=[rule.label for rule in rules.rules], weights=weights(),
                  q=q, found=found, search_error=search_error, ask=ask, pinned=pinned, proposed=proposed,
                  close_form=AskCloseForm(formdata=None), today=today)


@bp.route("/kelola/permintaan/<int:request_id>/kandidat/tidak-memenuhi")
@roles(STAFF)
def unmet(request_id: int):
    """Available job seekers who miss a rule of the request, fewest misses first; each can be proposed with a reason.

    A page of its own (not part of the ranking page): it looks at the whole registry, so it is read on demand.
    """
    hiring = get_or_404(HiringRequest, request_id, options=REQUEST_HEAD.get(dialect(), REQUEST_HEAD_ELSEWHERE))
    is_open = hiring.status in OPEN
    ask = _pinned_ask(hiring) if is_open else None
    unmet = matching.unmet_candidates(hiring, request.args.get("tm", 1, type=int)) if is_open else None
    rules = unmet.rules if unmet else [rule.label for rule in Matching.of(hiring, date.today(), few=True).rules]
    return render("hiring/unmet.html", hiring=hiring, is_open=is_open, ask=ask, unmet=unmet, rules=rules,
                  today=date.today())
