"""Read-side queries: the staff queue, a company's list, and one request with everything its page shows."""
from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import defer, joinedload, selectinload

from bontang.accounts.models import Company
from bontang.extensions import db
from bontang.training.models import Certificate
from bontang.jobseekers.models import JobSeeker
from bontang.hiring.models import (CandidateProposal, HiringRequest, HiringStatus, HiringStatusChange, Placement,
                                   hiring_request_skill)
from bontang.hiring.workflow import AWAITING_REVIEW


# The long texts of a request, shown on its own page only: lists leave them in the database.
LONG_TEXTS = (defer(HiringRequest.job_description), defer(HiringRequest.duties), defer(HiringRequest.notes),
              defer(HiringRequest.local_justification))


def queue_query(*, status: str = "", company_id: int | None = None, skill_id: int | None = None,
                age: int | None = None, q: str = "", officer_id: int | None = None):
    """Requests for Disnaker, filtered; requests awaiting review first, then the most recently changed."""
    # selectinload, not joinedload: the page's 25 rows are picked from hiring_request alone, then their
    # companies and officers fetched by key, instead of joining every waiting request before the sort.
    query = select(HiringRequest).options(selectinload(HiringRequest.company), selectinload(HiringRequest.skills),
                                          selectinload(HiringRequest.assigned_officer), *LONG_TEXTS)
    if officer_id == -1:
        query = query.where(HiringRequest.assigned_officer_id.is_(None))
    elif officer_id:
        query = query.where(HiringRequest.assigned_officer_id == officer_id)
    if status == "menunggu":
        query = query.where(HiringRequest.status.in_(AWAITING_REVIEW))
    elif status:
        query = query.where(HiringRequest.status == HiringStatus(status))
    else:
        query = query.where(HiringRequest.status != HiringStatus.DRAFT)
    if company_id:
        query = query.where(HiringRequest.company_id == company_id)
    if skill_id:
        query = query.where(HiringRequest.id.in_(select(hiring_request_skill.c.hiring_request_id)
                                                 .where(hiring_request_skill.c.skill_id == skill_id)))
    if age:
        query = query.where(HiringRequest.age_min <= age, HiringRequest.age_max >= age)
    if q:
        like = f"%{q.strip()}%"
        query = query.where(or_(HiringRequest.title.ilike(like), HiringRequest.kbji_code == q.strip()))
    return query.order_by(HiringRequest.updated_at.desc(), HiringRequest.id.desc())


def company_requests_query(company_id: int, status: str = ""):
    """One company's requests, most recently changed first."""
    query = (select(HiringRequest).where(HiringRequest.company_id == company_id)
             .options(selectinload(HiringRequest.skills), *LONG_TEXTS))
    if status:
        query = query.where(HiringRequest.status == HiringStatus(status))
    return query.order_by(HiringRequest.updated_at.desc(), HiringRequest.id.desc())


def status_counts(company_id: int | None = None) -> dict[str, int]:
    """Number of requests per status (one aggregate query)."""
    query = select(HiringRequest.status, func.count()).group_by(HiringRequest.status)
    if company_id is not None:
        query = query.where(HiringRequest.company_id == company_id)
    return {HiringStatus(status).value: n for status, n in db.session.execute(query)}


def queue_total(counts: dict[str, int], *, status: str = "", company_id: int | None = None, skill_id: int | None = None,
                age: int | None = None, q: str = "", officer_id: int | None = None) -> int | None:
    """The number of rows of `queue_query(...)` read off `status_counts()` when only the status narrows the queue,
    so the page does not count the requests a second time; None when another filter applies."""
    if company_id or skill_id or age or q or officer_id:
        return None
    if status == "menunggu":
        return sum(counts.get(s.value, 0) for s in AWAITING_REVIEW)
    if status:
        return counts.get(status, 0)
    return sum(n for value, n in counts.items() if value != HiringStatus.DRAFT.value)


def load_request_page(request: HiringRequest) -> HiringRequest:
    """Eager-load what the detail page shows, in a fixed number of queries."""
    return db.session.scalars(select(HiringRequest).where(HiringRequest.id == request.id).options(
        joinedload(HiringRequest.company), joinedload(HiringRequest.scheme), selectinload(HiringRequest.skills),
        selectinload(HiringRequest.history).joinedload(HiringStatusChange.actor),
        selectinload(HiringRequest.placements).joinedload(Placement.job_seeker),
        selectinload(HiringRequest.proposals).joinedload(CandidateProposal.job_seeker).options(
            selectinload(JobSeeker.skills), selectinload(JobSeeker.certificates).joinedload(Certificate.scheme)),
    ).execution_options(populate_existing=True)).one()


def company_choices() -> list[tuple[int, str]]:
    """Companies for the queue filter."""
    return list(db.session.execute(select(Company.id, Company.name).order_by(Company.name)).all())


def officer_choices() -> list[tuple[int, str]]:
    """(id, name) of active Disnaker officers, for assignment and the queue filter."""
    from bontang.accounts.models import Role, User

    return [(u.id, u.name) for u in db.session.execute(select(User.id, User.name).where(
        User.active.is_(True), User.role.in_((Role.STAFF, Role.ADMIN))).order_by(User.name))]
