"""Ranking job seekers for a hiring request: skills and certificates, Bontang KTP, waiting time, welfare."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import case, exists, func, literal, or_, select, true
from sqlalchemy.orm import selectinload

from bontang.extensions import db
from bontang.training.models import Certificate
from bontang.jobseekers.models import EmploymentStatus, JobSeeker, job_seeker_skill
from bontang.hiring.models import CandidateProposal, HiringRequest

RANKING_LIMIT = 50
TOP_TIER_MAX = 3000  # above this many ids the top tier is ranked in SQL instead


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


def _holds_scheme(request: HiringRequest, today: date):
    """EXISTS a valid certificate of the request's scheme for the job seeker at hand (or None without a scheme).

    Correlated on purpose: each candidate row is one probe of ix_certificate_scheme_seeker, where a
    joined set of every holder would cost as much as the scheme has certificates.
    """
    if not request.scheme_id:
        return None
    return exists().where(Certificate.job_seeker_id == JobSeeker.id, Certificate.scheme_id == request.scheme_id,
                          or_(Certificate.valid_until.is_(None), Certificate.valid_until >= today))


def _eligible(query, request: HiringRequest, today: date):
    oldest, youngest = _age_bounds(request, today)
    proposed = select(CandidateProposal.job_seeker_id).where(CandidateProposal.hiring_request_id == request.id)
    query = query.where(JobSeeker.employment_status == EmploymentStatus.AVAILABLE, JobSeeker.consent_to_share == true(),
                        JobSeeker.birth_date > oldest, JobSeeker.birth_date <= youngest, JobSeeker.id.not_in(proposed))
    if request.sex in ("L", "P"):
        query = query.where(JobSeeker.sex == request.sex)
    return query


class Ranking:
    """The ranking as a few queries, each a tier of the global order, run best tier first.

    The order starts with the number of matching skills, so seekers matching two or more skills,
    then those matching exactly one, then those matching none, are consecutive tiers. The first
    tiers start from the skill index and touch few rows; a later tier runs only when the earlier
    ones do not fill the list.
    """

    def __init__(self, request: HiringRequest, today: date):
        self.request, self.today = request, today
        self.skill_ids = [s.id for s in request.skills]
        self.holds = _holds_scheme(request, today)
        self.cert = literal(0) if self.holds is None else case((self.holds, 1), else_=0)
        self.tail = (self.cert.desc(), JobSeeker.has_bontang_ktp.desc(), JobSeeker.registered_at.asc(),
                     JobSeeker.welfare_decile.asc().nulls_last(), JobSeeker.id)

    def _base(self, skill_matches):
        query = select(JobSeeker.id, skill_matches.label("skill_matches"), self.cert.label("cert_match"))
        return _eligible(query, self.request, self.today)

    def _matching(self, condition):
        n = func.count().label("n")
        matched = (select(job_seeker_skill.c.job_seeker_id.label("seeker_id"), n)
                   .where(job_seeker_skill.c.skill_id.in_(self.skill_ids))
                   .group_by(job_seeker_skill.c.job_seeker_id).having(condition(func.count())).subquery())
        return (self._base(matched.c.n).join(matched, matched.c.seeker_id == JobSeeker.id)
                .order_by(matched.c.n.desc(), *self.tail))

    def top_tier(self, limit: int):
        """Seekers matching two or more skills, ranked in Python from a short id list; None when too many."""
        counts = dict(db.session.execute(
            select(job_seeker_skill.c.job_seeker_id, func.count()).where(job_seeker_skill.c.skill_id.in_(self.skill_ids))
            .group_by(job_seeker_skill.c.job_seeker_id).having(func.count() >= 2)).all())
        if len(counts) > TOP_TIER_MAX:
            return None
        if not counts:
            return []
        rows = db.session.execute(self._base(literal(0)).add_columns(
            JobSeeker.has_bontang_ktp, JobSeeker.registered_at, JobSeeker.welfare_decile)
            .where(JobSeeker.id.in_(list(counts)))).all()
        rows.sort(key=lambda r: (-counts[r.id], -r.cert_match, not r.has_bontang_ktp, r.registered_at,
                                 r.welfare_decile is None, r.welfare_decile or 0, r.id))
        return [(r.id, counts[r.id], r.cert_match) for r in rows[:limit]]

    def rest(self, *conditions) -> list:
        """Seekers without a wanted skill: certified first, then Bontang KTP, then the others.

        Splitting by certificate and KTP lets each query walk the eligibility index
        (ix_job_seeker_eligible: status, consent, KTP, registered_at) in order and stop after the rows
        it needs, instead of sorting every available job seeker or every certificate holder.
        """
        base = self._base(literal(0)).where(*conditions)
        waiting = (JobSeeker.registered_at.asc(), JobSeeker.welfare_decile.asc().nulls_last(), JobSeeker.id)
        tiers, not_certified = [], true()
        if self.holds is not None:
            tiers += [base.where(self.holds, JobSeeker.has_bontang_ktp == local).order_by(*waiting)
                      for local in (True, False)]
            not_certified = ~self.holds
        for local in (True, False):
            tiers.append(base.where(not_certified, JobSeeker.has_bontang_ktp == local).order_by(*waiting))
        return tiers

    def tiers(self) -> list:
        """Functions that return the next rows in rank order, given how many are still wanted."""
        def run(query):
            return lambda wanted: db.session.execute(query.limit(wanted)).all()

        if not self.skill_ids:
            return [run(query) for query in self.rest()]
        with_skill = select(job_seeker_skill.c.job_seeker_id).where(job_seeker_skill.c.skill_id.in_(self.skill_ids))
        rest = [run(query) for query in self.rest(JobSeeker.id.not_in(with_skill))]
        if len(self.skill_ids) == 1:
            return [run(self._matching(lambda count: count >= 1)), *rest]
        top = self._matching(lambda count: count >= 2)

        def top_rows(wanted):
            rows = self.top_tier(wanted)
            return run(top)(wanted) if rows is None else rows

        return [top_rows, run(self._matching(lambda count: count == 1)), *rest]


def rank_candidates(request: HiringRequest, *, limit: int = RANKING_LIMIT,
                    today: date | None = None) -> list[RankedCandidate]:
    """The best available job seekers for a request, best first, each with the reasons for its place."""
    today = today or date.today()
    rows = []
    for tier in Ranking(request, today).tiers():
        if len(rows) >= limit:
            break
        rows += tier(limit - len(rows))
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
