"""Proposing ranked job seekers to the company."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import and_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from bontang import audit
from bontang.core import DomainError
from bontang.extensions import db
from bontang.jobseekers.models import EmploymentStatus, JobSeeker
from bontang.hiring import notify
from bontang.hiring.models import CandidateProposal, HiringRequest, HiringStatus
from bontang.hiring.ranking import RANKING_LIMIT, RankedCandidate, rank_candidates, rank_reasons  # noqa: F401
from bontang.hiring.workflow import OPEN, S, transition


def _facts_for(request: HiringRequest, seekers: list[JobSeeker], today: date) -> dict[int, RankedCandidate]:
    wanted = {s.id for s in request.skills}
    facts = {}
    for seeker in seekers:
        cert = any(c.scheme_id == request.scheme_id and c.is_valid_on(today) for c in seeker.certificates)
        facts[seeker.id] = RankedCandidate(seeker, len(wanted & {s.id for s in seeker.skills}), cert)
    return facts


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


def propose_candidates(hiring_request: HiringRequest, job_seeker_ids, *, actor) -> list[CandidateProposal]:
    """Propose job seekers to the company; each at most once per request, never an employed one."""
    ids = sorted({int(i) for i in job_seeker_ids or []})
    seekers = list(db.session.scalars(select(JobSeeker).where(JobSeeker.id.in_(ids)).options(
        selectinload(JobSeeker.skills), selectinload(JobSeeker.certificates)))) if ids else []
    _check_proposable(hiring_request, ids, seekers)
    today = date.today()
    facts = _facts_for(hiring_request, seekers, today)
    proposals = [CandidateProposal(hiring_request_id=hiring_request.id, job_seeker_id=seeker.id,
                                   rank_reason="; ".join(rank_reasons(hiring_request, facts[seeker.id], today,
                                                                      for_staff=False)),
                                   proposed_by_id=getattr(actor, "id", None)) for seeker in seekers]
    try:
        with db.session.begin_nested():
            db.session.add_all(proposals)
    except IntegrityError:
        raise DomainError(_("Pencari kerja ini baru saja diusulkan oleh petugas lain. Muat ulang halaman."),
                          "job_seeker_ids") from None
    audit.record("hiring.candidates_proposed", hiring_request, actor=actor, details={"job_seeker_ids": ids})
    if hiring_request.status == S.VERIFIED:
        transition(hiring_request, S.CANDIDATES_PROPOSED, actor=actor,
                   note=_("%(n)d kandidat diusulkan.", n=len(proposals)))
    notify.candidates_proposed(hiring_request, len(proposals))
    return proposals
