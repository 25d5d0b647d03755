"""Proposing job seekers to the company: from the ranking, from a search (with a reason), or from an ask."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import and_, select
from sqlalchemy.exc import IntegrityError

from bontang import audit
from bontang.core import DomainError
from bontang.extensions import db
from bontang.jobseekers.models import EmploymentStatus, JobSeeker
from bontang.hiring import notify
from bontang.hiring.models import CandidateProposal, HiringRequest, HiringStatus
from bontang.hiring.ranking import (  # noqa: F401  (the ranking's entry points, for views and seeds)
    RANKING_LIMIT, RankedCandidate, evaluate, rank_candidates, rank_reasons, unmet_candidates,
)
from bontang.hiring.workflow import OPEN, S, transition
from bontang.tasks.queue import defer


def _check_proposable(request: HiringRequest, ids: list[int], seekers: list[JobSeeker]) -> None:
    if HiringStatus(request.status) not in OPEN:
        raise DomainError(_("Kandidat hanya dapat diusulkan untuk permintaan yang sudah diverifikasi dan masih dibuka."))
    if not ids:
        raise DomainError(_("Pilih minimal satu pencari kerja."), "job_seeker_ids")
    if len(seekers) != len(ids):
        raise DomainError(_("Ada pencari kerja yang tidak ditemukan."), "job_seeker_ids")
    employed = [s.name for s in seekers if s.employment_status == EmploymentStatus.EMPLOYED]
    if employed:
        raise DomainError(_("Sudah bekerja, tidak dapat diusulkan: %(names)s.", names=", ".join(employed)), "job_seeker_ids")
    refused = [s.name for s in seekers if not s.consent_to_share]
    if refused:
        raise DomainError(_("Belum memberi persetujuan berbagi data: %(names)s.", names=", ".join(refused)),
                          "job_seeker_ids")
    twice = db.session.scalars(select(JobSeeker.name).join(CandidateProposal, and_(
        CandidateProposal.job_seeker_id == JobSeeker.id, CandidateProposal.hiring_request_id == request.id))
        .where(JobSeeker.id.in_(ids))).all()
    if twice:
        raise DomainError(_("Sudah pernah diusulkan untuk permintaan ini: %(names)s.", names=", ".join(twice)),
                          "job_seeker_ids")


def _check_outside(cards: dict[int, RankedCandidate], seekers: list[JobSeeker], reason: str) -> None:
    outside = [f"{s.name} ({', '.join(cards[s.id].unmet)})" for s in seekers if cards[s.id].unmet]
    if outside and not reason:
        raise DomainError(_("Tidak memenuhi syarat permintaan: %(names)s. Tulis alasan untuk tetap mengusulkan.",
                            names="; ".join(outside)), "reason")


def propose_candidates(hiring_request: HiringRequest, job_seeker_ids, *, actor, reason: str = "",
                       ask=None) -> list[CandidateProposal]:
    """Propose job seekers to the company; each at most once per request, never an employed one.

    A job seeker who misses a rule of the request is proposed only with a reason, and the proposal and
    the audit say so. With `ask`, the company's ask for that graduate is answered by the proposal.
    """
    ids = sorted({int(i) for i in job_seeker_ids or []})
    reason = (reason or "").strip()[:1000]
    seekers = list(db.session.scalars(select(JobSeeker).where(JobSeeker.id.in_(ids)))) if ids else []
    _check_proposable(hiring_request, ids, seekers)
    cards = evaluate(hiring_request, ids)
    _check_outside(cards, seekers, reason)
    today = date.today()
    proposals = [CandidateProposal(hiring_request_id=hiring_request.id, job_seeker_id=seeker.id,
                                   rank_reason="; ".join(rank_reasons(hiring_request, cards[seeker.id], today,
                                                                      for_staff=False)),
                                   match_score=cards[seeker.id].score, outside_filters=bool(cards[seeker.id].unmet),
                                   staff_reason=reason, proposed_by_id=getattr(actor, "id", None))
                 for seeker in seekers]
    try:
        with db.session.begin_nested():
            db.session.add_all(proposals)
    except IntegrityError:
        raise DomainError(_("Pencari kerja ini baru saja diusulkan oleh petugas lain. Muat ulang halaman."),
                          "job_seeker_ids") from None
    outside = {p.job_seeker_id: cards[p.job_seeker_id].unmet for p in proposals if p.outside_filters}
    details = {"job_seeker_ids": ids}
    if outside:
        details["outside_filters"] = outside
    if reason:
        details["reason"] = reason
    if ask is not None:
        details["ask_id"] = ask.id
    audit.record("hiring.candidates_proposed", hiring_request, actor=actor, details=details)
    if hiring_request.status == S.VERIFIED:
        transition(hiring_request, S.CANDIDATES_PROPOSED, actor=actor,
                   note=_("%(n)d kandidat diusulkan.", n=len(proposals)))
    notify.candidates_proposed(hiring_request, len(proposals))
    if ask is not None:
        from bontang.graduates import services as graduates

        graduates.answer_ask(ask, proposals, actor=actor)
    defer("refresh_ranking", hiring_request.id)  # the proposed leave the snapshot's pool
    return proposals
