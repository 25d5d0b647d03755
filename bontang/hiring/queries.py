"""Read-side queries: the staff queue, a company's list, and one request with everything its page shows."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, lru_cache

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import defer, joinedload, selectinload

from bontang.accounts.models import Company, Role, User
from bontang.choices import Choice, choice_list, choice_lists
from bontang.extensions import db
from bontang.pagination import Page
from bontang.together import Together, dialect, ids_parameter, part, together
from bontang.training.models import Certificate
from bontang.jobseekers.models import JobSeeker, Skill
from bontang.hiring.models import (CandidateProposal, HiringRequest, HiringStatus, HiringStatusChange, Placement,
                                   hiring_request_skill)
from bontang.hiring.ranking import CardSkill
from bontang.reference import page_labels
from bontang.reports.models import FiguresGeneration
from bontang.hiring.workflow import AWAITING_REVIEW


# The long texts of a request, shown on its own page only: lists leave them in the database.
LONG_TEXTS = (defer(HiringRequest.job_description), defer(HiringRequest.duties), defer(HiringRequest.notes),
              defer(HiringRequest.local_justification))


@dataclass
class QueueRow:
    """What a row of Disnaker's queue shows of a request, read as plain rows: loading 25 requests as ORM
    objects with their companies and skills cost more than rendering them."""

    id: int
    title: str
    company_name: str
    positions: int
    age_min: int
    age_max: int
    status: HiringStatus
    submitted_at: datetime | None
    assigned_officer_id: int | None
    skills: list[CardSkill] = field(default_factory=list)  # by name, as HiringRequest.skills

    @classmethod
    def of(cls, hiring: HiringRequest) -> QueueRow:
        """The row of one loaded request (the row a review answers with)."""
        label = page_labels()
        return cls(hiring.id, hiring.title, hiring.company.name, hiring.positions, hiring.age_min, hiring.age_max,
                   hiring.status, hiring.submitted_at, hiring.assigned_officer_id,
                   [CardSkill(skill.id, skill.name, skill.code, label(skill.name, "skill", skill.code))
                    for skill in hiring.skills])


QUEUE_COLUMNS = (HiringRequest.id, HiringRequest.title, Company.name, HiringRequest.positions, HiringRequest.age_min,
                 HiringRequest.age_max, HiringRequest.status, HiringRequest.submitted_at,
                 HiringRequest.assigned_officer_id)


@cache
def _request_skills(dialect_name: str) -> Together:
    """The skills of the requests in parameter `ids`, by name."""
    owner = hiring_request_skill.c.hiring_request_id
    return together(skills=part(select(owner, Skill.id, Skill.name, Skill.code)
                                .join(Skill, Skill.id == hiring_request_skill.c.skill_id)
                                .where(ids_parameter(owner, "ids", dialect_name)), Skill.name, Skill.id))


def queue_rows(rows) -> list[QueueRow]:
    """QueueRows of a page of `queue_query()` rows, with their skills in one more statement."""
    items = {row.id: QueueRow(*row) for row in rows}
    if items:
        label = page_labels()
        for request_id, skill_id, name, code in _request_skills(dialect()).read(ids=sorted(items))["skills"]:
            items[request_id].skills.append(CardSkill(skill_id, name, code, label(name, "skill", code)))
    return list(items.values())


def _queue_select(status: str, *, company_id=None, skill_id=None, age=None, q=None, officer_id=None):
    """The queue's statement: `status` is "menunggu", a status's value or "" (every status but draft); the other
    filters are values or bound parameters (for the statements built once), None when not filtered."""
    # The company is joined by key for the name a row shows.
    query = select(*QUEUE_COLUMNS).join(Company, Company.id == HiringRequest.company_id)
    if officer_id == -1:
        query = query.where(HiringRequest.assigned_officer_id.is_(None))
    elif officer_id is not None:
        query = query.where(HiringRequest.assigned_officer_id == officer_id)
    if status == "menunggu":
        query = query.where(HiringRequest.status.in_(AWAITING_REVIEW))
    elif status:
        query = query.where(HiringRequest.status == HiringStatus(status))
    else:
        query = query.where(HiringRequest.status != HiringStatus.DRAFT)
    if company_id is not None:
        query = query.where(HiringRequest.company_id == company_id)
    if skill_id is not None:
        query = query.where(HiringRequest.id.in_(select(hiring_request_skill.c.hiring_request_id)
                                                 .where(hiring_request_skill.c.skill_id == skill_id)))
    if age is not None:
        query = query.where(HiringRequest.age_min <= age, HiringRequest.age_max >= age)
    if q is not None:
        like, exact = q
        query = query.where(or_(HiringRequest.title.ilike(like), HiringRequest.kbji_code == exact))
    return query.order_by(HiringRequest.updated_at.desc(), HiringRequest.id.desc())


def queue_query(*, status: str = "", company_id: int | None = None, skill_id: int | None = None,
                age: int | None = None, q: str = "", officer_id: int | None = None):
    """Requests for Disnaker as QUEUE_COLUMNS rows, filtered; the most recently changed first."""
    return _queue_select(status, company_id=company_id or None, skill_id=skill_id or None, age=age or None,
                         q=(f"%{q.strip()}%", q.strip()) if q else None, officer_id=officer_id or None)


@lru_cache(maxsize=64)
def _queue_statements(status: str, company: bool, skill: bool, age: bool, q: bool, officer: str):
    """(a page, the count) of the queue for one shape of filters, built once with the values as parameters."""
    query = _queue_select(status, company_id=bindparam("company_id") if company else None,
                          skill_id=bindparam("skill_id") if skill else None, age=bindparam("age") if age else None,
                          q=(bindparam("like"), bindparam("exact")) if q else None,
                          officer_id=-1 if officer == "none" else bindparam("officer_id") if officer else None)
    page = query.limit(bindparam("limit")).offset(bindparam("offset"))
    return page, select(func.count()).select_from(query.order_by(None).subquery())


def queue_page(page: int, per_page: int, *, total: int | None, status: str = "", company_id: int | None = None,
               skill_id: int | None = None, age: int | None = None, q: str = "", officer_id: int | None = None) -> Page:
    """One page of `queue_query(...)` rows (`total`: the rows' number when known, else counted), through statements
    built once per shape of filters: building the queue's statement cost as much as running it."""
    status = status if status == "menunggu" or not status else HiringStatus(status).value
    officer = "none" if officer_id == -1 else "one" if officer_id else ""
    page_statement, count_statement = _queue_statements(status, bool(company_id), bool(skill_id), bool(age), bool(q),
                                                        officer)
    params = {"company_id": company_id, "skill_id": skill_id, "age": age, "officer_id": officer_id,
              "like": f"%{q.strip()}%", "exact": q.strip()}
    if total is None:
        total = db.session.scalar(count_statement, params) or 0
    pages = max(-(-total // per_page), 1)
    page = min(max(page, 1), pages)
    rows = db.session.execute(page_statement, {**params, "limit": per_page, "offset": (page - 1) * per_page}).all()
    return Page(items=rows, page=page, per_page=per_page, total=total)


def company_requests_query(company_id: int, status: str = ""):
    """One company's requests, most recently changed first."""
    query = (select(HiringRequest).where(HiringRequest.company_id == company_id)
             .options(selectinload(HiringRequest.skills), *LONG_TEXTS))
    if status:
        query = query.where(HiringRequest.status == HiringStatus(status))
    return query.order_by(HiringRequest.updated_at.desc(), HiringRequest.id.desc())


# (generation of the counted rows, company or None) -> requests per status; only the newest generation's are kept.
_COUNTED: dict[tuple[int, int | None], dict[str, int]] = {}
_COUNTED_MAX = 512


def _count_statuses(company_id: int | None) -> dict[str, int]:
    query = select(HiringRequest.status, func.count()).group_by(HiringRequest.status)
    if company_id is not None:
        query = query.where(HiringRequest.company_id == company_id)
    return {HiringStatus(status).value: n for status, n in db.session.execute(query)}


def status_counts(company_id: int | None = None, *, generation: int | None = None) -> dict[str, int]:
    """Number of requests per status (one aggregate query), remembered per process for the generation of the counted
    rows (bontang.reports.cache), which every committed change to a hiring request moves: the queue and the home
    pages count the 10,000 requests once per change instead of on every view. `generation`: as the caller read it."""
    from bontang.reports import cache

    if cache.counted_rows_changed_here():  # this transaction's own changes are not that generation's
        return _count_statuses(company_id)
    if generation is None:
        generation = cache.current_generation()
    counts = _COUNTED.get((generation, company_id))
    if counts is None:
        counts = _count_statuses(company_id)
        if len(_COUNTED) >= _COUNTED_MAX or any(key[0] != generation for key in list(_COUNTED)):  # threads: a copy
            _COUNTED.clear()
        _COUNTED[generation, company_id] = counts
    return dict(counts)


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


def _officers():
    return choice_list(User.id, User.name, order_by=(User.name,),
                       where=(User.active.is_(True), User.role.in_((Role.STAFF, Role.ADMIN))))


@cache
def _queue_lists(full_page: bool) -> Together:
    generation = part(select(FiguresGeneration.value).where(FiguresGeneration.id == 1), FiguresGeneration.value)
    if not full_page:
        return together(generation=generation, officers=_officers())
    return together(generation=generation, companies=choice_list(Company.id, Company.name, order_by=(Company.name,)),
                    skills=choice_list(Skill.id, Skill.name, order_by=(Skill.name,)), officers=_officers())


def queue_facts(*, full_page: bool) -> tuple[dict[str, int], dict[str, list[Choice]]]:
    """The queue's number of requests per status and its option lists: officers (each row's assignment), and for
    the full page the companies and skills of the filter form, read with the counted rows' generation in one
    statement; the counts are then counted only when that generation has not been counted yet."""
    found = _queue_lists(full_page).read()
    generation = found.pop("generation")
    counts = status_counts(generation=generation[0][0] if generation else 0)
    return counts, {name: [Choice(*row) for row in rows] for name, rows in found.items()}


@cache
def _officer_list() -> Together:
    return together(officers=_officers())


def officer_choices() -> list[Choice]:
    """Active Disnaker officers (staff and administrators) by name, for assignment and the queue filter."""
    return choice_lists(_officer_list())["officers"]
