"""Ranking job seekers for a hiring request and proposing them to the company."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import and_, case, func, literal, or_, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from bontang import audit
from bontang.core import DomainError
from bontang.extensions import db
from bontang.graduates.models import Certificate, EmploymentStatus, JobSeeker, job_seeker_skill
from bontang.hiring import notify
from bontang.hiring.models import CandidateProposal, HiringRequest, HiringStatus
from bontang.hiring.workflow import OPEN, S, transition

RANKING_LIMIT = 50


@dataclass
class RankedCandidate:
    """A job seeker with the facts that decide its rank, and the reasons in words."""

    seeker: JobSeeker
    skill_matches: int
    cert_match: bool
    reasons: list[str] = field(default_factory=list)
    rank: int = 0


def _age_bounds(request: HiringRequest, today: date) -> tuple[date, date]:
    """Birth dates that give an age within [age_min, age_max] today: (oldest exclusive, youngest inclusive)."""
    youngest = _years_before(today, request.age_min)
    oldest = _years_before(today, request.age_max + 1)
    return oldest, youngest


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _certified(request: HiringRequest, today: date):
    """Job seekers holding a valid certificate of the request's scheme, as a small subquery (or None)."""
    if not request.scheme_id:
        return None
    return (select(Certificate.job_seeker_id.label("seeker_id")).where(
        Certificate.scheme_id == request.scheme_id,
        or_(Certificate.valid_until.is_(None), Certificate.valid_until >= today)).distinct().subquery())


def _eligible(query, request: HiringRequest, today: date):
    oldest, youngest = _age_bounds(request, today)
    proposed = select(CandidateProposal.job_seeker_id).where(CandidateProposal.hiring_request_id == request.id)
    query = query.where(JobSeeker.employment_status == EmploymentStatus.AVAILABLE, JobSeeker.consent_to_share == true(),
                        JobSeeker.birth_date > oldest, JobSeeker.birth_date <= youngest, JobSeeker.id.not_in(proposed))
    if request.sex in ("L", "P"):
        query = query.where(JobSeeker.sex == request.sex)
    return query


class _Ranking:
    """The ranking as a few queries, each a tier of the global order, run best tier first.

    The order starts with the number of matching skills, so seekers matching two or more skills,
    then those matching exactly one, then those matching none, are consecutive tiers. The first
    tiers start from the skill index and touch few rows; a later tier runs only when the earlier
    ones do not fill the list.
    """

    def __init__(self, request: HiringRequest, today: date):
        self.request, self.today = request, today
        self.skill_ids = [s.id for s in request.skills]
        self.certified = _certified(request, today)
        self.cert = literal(0) if self.certified is None else case((self.certified.c.seeker_id.is_not(None), 1),
                                                                   else_=0)
        self.tail = (self.cert.desc(), JobSeeker.has_bontang_ktp.desc(), JobSeeker.registered_at.asc(),
                     JobSeeker.welfare_decile.asc().nulls_last(), JobSeeker.id)

    def _base(self, skill_matches):
        query = select(JobSeeker.id, skill_matches.label("skill_matches"), self.cert.label("cert_match"))
        if self.certified is not None:
            query = query.outerjoin(self.certified, self.certified.c.seeker_id == JobSeeker.id)
        return _eligible(query, self.request, self.today)

    def _matching(self, condition):
        n = func.count().label("n")
        matched = (select(job_seeker_skill.c.job_seeker_id.label("seeker_id"), n)
                   .where(job_seeker_skill.c.skill_id.in_(self.skill_ids))
                   .group_by(job_seeker_skill.c.job_seeker_id).having(condition(func.count())).subquery())
        return (self._base(matched.c.n).join(matched, matched.c.seeker_id == JobSeeker.id)
                .order_by(matched.c.n.desc(), *self.tail))

    def tiers(self) -> list:
        """The tier queries in rank order."""
        if not self.skill_ids:
            return [self._base(literal(0)).order_by(*self.tail)]
        with_skill = select(job_seeker_skill.c.job_seeker_id).where(job_seeker_skill.c.skill_id.in_(self.skill_ids))
        rest = self._base(literal(0)).where(JobSeeker.id.not_in(with_skill)).order_by(*self.tail)
        if len(self.skill_ids) == 1:
            return [self._matching(lambda count: count >= 1), rest]
        return [self._matching(lambda count: count >= 2), self._matching(lambda count: count == 1), rest]


def rank_candidates(request: HiringRequest, *, limit: int = RANKING_LIMIT,
                    today: date | None = None) -> list[RankedCandidate]:
    """The best available job seekers for a request, best first, each with the reasons for its place."""
    today = today or date.today()
    rows = []
    for query in _Ranking(request, today).tiers():
        if len(rows) >= limit:
            break
        rows += db.session.execute(query.limit(limit - len(rows))).all()
    ids = [row[0] for row in rows]
    seekers = {s.id: s for s in db.session.scalars(select(JobSeeker).where(JobSeeker.id.in_(ids)).options(
        selectinload(JobSeeker.skills), selectinload(JobSeeker.certificates).joinedload(Certificate.scheme)))} if ids else {}
    ranked = []
    for rank, (seeker_id, skill_matches, cert_match) in enumerate(rows, start=1):
        candidate = RankedCandidate(seekers[seeker_id], int(skill_matches or 0), bool(cert_match), rank=rank)
        candidate.reasons = rank_reasons(request, candidate, today, for_staff=True)
        ranked.append(candidate)
    return ranked


def rank_reasons(request: HiringRequest, candidate: RankedCandidate, today: date, *, for_staff: bool) -> list[str]:
    """Why a candidate ranks where it does, in the order the ranking applies the criteria."""
    seeker = candidate.seeker
    reasons = []
    if request.skills:
        reasons.append(_("%(n)d dari %(total)d keahlian cocok", n=candidate.skill_matches, total=len(request.skills)))
    if request.scheme_id:
        reasons.append(_("Sertifikat skema diminta: ada") if candidate.cert_match else _("Tanpa sertifikat skema diminta"))
    reasons.append(_("KTP Bontang") if seeker.has_bontang_ktp else _("KTP luar Bontang"))
    months = (today.year - seeker.registered_at.year) * 12 + today.month - seeker.registered_at.month
    reasons.append(_("Menunggu %(m)d bulan sejak AK1", m=max(months, 0)))
    if for_staff and seeker.welfare_decile is not None:
        reasons.append(_("Desil kesejahteraan %(d)d", d=seeker.welfare_decile))
    return reasons


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
