"""Demo history for the dashboards: closed hiring requests and placements from mid-2025 until last month.

The other features seed today's state (requests, agreements, trainings created now); without a
past, every chart over time would be one bar in the current month. These rows are requests that
went the whole way (submitted, verified, candidates proposed, filled, partly filled, expired),
with their status history and placements: some companies hire mostly non-local workers (below
the 75% target), and some placements are graduates hired within six months of their training.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select, update

from bontang import audit
from bontang.extensions import db
from bontang.training.models import Enrolment, EnrolmentResult, TrainingProgramme
from bontang.jobseekers.models import EmploymentStatus, JobSeeker, Skill
from bontang.hiring.models import HiringRequest, HiringStatus as S, HiringStatusChange, Placement
from bontang.hiring.seed import JOBS, fitting_skills

OUTCOMES = [S.FILLED] * 5 + [S.PARTLY_FILLED] * 2 + [S.EXPIRED, S.CANCELLED]
# Demo companies 40-124 get the history (lower numbers are the other features' demo and browser-test companies);
# a few of them hire mostly from outside Bontang.
HISTORY_COMPANIES = tuple(range(40, 125))
LOW_LOCAL_COMPANIES = (44, 71, 95, 119)


def seed(ctx) -> None:
    """Add about 70 closed requests with placements, spread over the months before the current one."""
    rng = ctx.rng
    pools = _pools()
    months = _months(date(2025, 6, 1), date.today().replace(day=1))
    count = 0
    for month in months:
        for _ in range(rng.randint(3, 5)):
            number = rng.choice(LOW_LOCAL_COMPANIES * 4 + HISTORY_COMPANIES)
            _closed_request(ctx, number, month, pools)
            count += 1
    db.session.flush()
    audit.record("demo.report_history_seeded", details={"requests": count, "months": len(months)})


def _months(first: date, stop: date) -> list[date]:
    months, current = [], first
    while current < stop:
        months.append(current)
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def _pools() -> dict:
    """Job seekers to place (local, non-local) and graduates with the end date of their programme."""
    seekers = db.session.execute(select(JobSeeker.id, JobSeeker.has_bontang_ktp)
                                 .where(JobSeeker.employment_status != EmploymentStatus.EMPLOYED)).all()
    graduates = db.session.execute(
        select(Enrolment.job_seeker_id, TrainingProgramme.end_date).join(TrainingProgramme)
        .join(JobSeeker, JobSeeker.id == Enrolment.job_seeker_id)
        .where(Enrolment.result == EnrolmentResult.PASSED, TrainingProgramme.end_date.is_not(None),
               JobSeeker.employment_status != EmploymentStatus.EMPLOYED)).all()
    return {"local": [i for i, local in seekers if local], "nonlocal": [i for i, local in seekers if not local],
            "graduates": graduates, "skills": list(db.session.scalars(select(Skill).order_by(Skill.id))), "used": set()}


def _closed_request(ctx, number: int, month: date, pools: dict) -> None:
    rng = ctx.rng
    company, hr = ctx.companies[number - 1], ctx.users[f"hrd{number:03d}"]
    submitted = datetime.combine(month + timedelta(days=rng.randint(0, 26)), datetime.min.time()) + timedelta(hours=rng.randint(1, 8))
    outcome, positions, job = rng.choice(OUTCOMES), rng.randint(1, 5), rng.choice(JOBS)
    proposed = submitted + timedelta(days=rng.randint(2, 12), hours=rng.randint(0, 6))
    filled_at = proposed + timedelta(days=rng.randint(10, 40)) if outcome == S.FILLED else None
    request = HiringRequest(
        company_id=company.id, title=job[0], kbji_code=job[1], positions=positions, status=outcome, created_by_id=hr.id,
        valid_until=(submitted + timedelta(days=75)).date(), submitted_at=submitted, verified_at=submitted + timedelta(days=1),
        first_proposed_at=proposed, filled_at=filled_at, planned_local_percent=60 if number in LOW_LOCAL_COMPANIES else rng.choice([75, 90, 100]),
        local_justification="Keahlian belum tersedia di Bontang" if number in LOW_LOCAL_COMPANIES else "",
        work_location="Bontang", created_at=submitted - timedelta(days=1), updated_at=filled_at or proposed)
    request.skills = fitting_skills(job, pools["skills"])
    db.session.add(request)
    db.session.flush()
    _history(request, outcome, proposed, ctx.users["staff"].id)
    hires = {S.FILLED: positions, S.PARTLY_FILLED: max(positions - 1, 1)}.get(outcome, 0)
    start = (proposed + timedelta(days=rng.randint(7, 20))).date()
    for _ in range(hires):
        _place(request, start, number in LOW_LOCAL_COMPANIES, pools, rng)


def _history(request: HiringRequest, outcome: S, proposed: datetime, staff_id: int) -> None:
    steps = [(None, S.DRAFT, request.created_at), (S.DRAFT, S.SUBMITTED, request.submitted_at),
             (S.SUBMITTED, S.VERIFIED, request.verified_at), (S.VERIFIED, S.CANDIDATES_PROPOSED, proposed)]
    end = request.filled_at or proposed + timedelta(days=30)
    steps.append((S.CANDIDATES_PROPOSED, outcome, end))
    for before, after, at in steps:
        db.session.add(HiringStatusChange(hiring_request_id=request.id, from_status=before.value if before else None,
                                          to_status=after.value, actor_id=staff_id, created_at=at))


def _place(request: HiringRequest, start: date, mostly_nonlocal: bool, pools: dict, rng) -> None:
    """One placement: a recent graduate when one fits, else a local (or, for some companies, non-local) seeker."""
    recent = [sid for sid, end in pools["graduates"] if 0 <= (start - end).days <= 150 and sid not in pools["used"]]
    if mostly_nonlocal and rng.random() < .7:
        candidates = [i for i in pools["nonlocal"] if i not in pools["used"]]
    else:
        candidates = recent if recent and rng.random() < .5 else [i for i in pools["local"] if i not in pools["used"]]
    if not candidates:
        return
    seeker_id = rng.choice(candidates)
    pools["used"].add(seeker_id)
    is_local = seeker_id not in set(pools["nonlocal"])
    # Some early contracts have ended (their people are available again); the others are employed now.
    ended = start + timedelta(days=rng.randint(90, 180)) if rng.random() < .15 else None
    ended = ended if ended and ended < date.today() else None
    db.session.add(Placement(hiring_request_id=request.id, company_id=request.company_id, job_seeker_id=seeker_id,
                             start_date=start, contract_type="PKWT", is_local=is_local,
                             created_at=datetime.combine(start, datetime.min.time()), ended_on=ended,
                             end_reason="kontrak_selesai" if ended else ""))
    if not ended:
        db.session.execute(update(JobSeeker).where(JobSeeker.id == seeker_id)
                           .values(employment_status=EmploymentStatus.EMPLOYED))
