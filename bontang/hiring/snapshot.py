"""Ranking snapshots: the candidate page ranks a few hundred people instead of the whole registry, exactly.

Ranking every available job seeker against a request costs a scan of the registry (100,000 people in
Bontang's register), so the task queue stores, per open request, the best `SNAPSHOT_SIZE` people that
meet its rules, in order (`refresh_snapshot`). The page then ranks only the snapshot's people plus
everyone whose data changed since (`pool`): the job seeker row or one of their certificates, found by
the `updated_at` indexes. The result is the same as a full ranking, because

- people who did not change since the snapshot keep their score (the snapshot is for today, so waiting
  time and age did not move, and for the request's current rules and weights: `criteria`), and
  every unchanged person outside the snapshot scored below every person in it;
- so while at least `limit` of the snapshot's people are unchanged and still qualify (not proposed,
  not employed meanwhile), nobody outside the pool can enter the top `limit` (`exact`).

When that does not hold (a stale snapshot, rules edited, too many changes), the page ranks the whole
registry as before. The "tidak memenuhi" list (available people who miss a rule, fewest misses first) has
its own best `SNAPSHOT_SIZE` in the same snapshot, used the same way (`pool(..., unmet=True)`), and how many
were on it (up to `UNMET_COUNTED`): each change since can take at most one person off, so while that number
minus the changes is over the page's cap, the page shows "more than" without counting the registry again.
Changes to a job seeker's skills count as changes of the job seeker (`_touch_changed_seekers`; `add_skills`
in the search index touches them too), and so do proposals for the request made since (they take people
off both lists without changing them). Snapshots are written only by jobs: a GET never writes.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from sqlalchemy import Boolean, Date, Integer, String, Text, bindparam, cast, event, literal, null, or_, select, union_all
from sqlalchemy.orm import Session

from bontang.core import utcnow
from bontang.extensions import REUSABLE_PLAN, db
from bontang.hiring.models import CandidateProposal, HiringRequest, RankingSnapshot
from bontang.hiring.workflow import OPEN
from bontang.jobseekers.models import JobSeeker
from bontang.training.models import Certificate

SNAPSHOT_SIZE = 150
CHANGED_LIMIT = 2_000  # more changes than this since the snapshot: rank the whole registry instead
# A change flushed up to this long before a snapshot's query started, but committed after it, is still seen.
MARGIN = timedelta(minutes=10)
REFRESH_AFTER = timedelta(hours=1)
REFRESH_BATCH = 200


def unmet_counted_cap() -> int:
    """How far a snapshot counts the "tidak memenuhi" list: past the page's cap by more than the changes a
    snapshot can absorb, so a floor above the cap survives every usable pool."""
    from bontang.hiring.ranking import UNMET_COUNT_CAP

    return UNMET_COUNT_CAP + CHANGED_LIMIT + 1


def criteria(matching) -> str:
    """A digest of everything that decides who qualifies and how they score, besides the people."""
    r = matching.request
    facts = [r.age_min, r.age_max, r.sex, r.education_min, r.experience_years, r.scheme_id, bool(r.scheme_required),
             r.skills_min, sorted(matching.skill_ids), sorted(matching.weights.items()), matching.cap]
    return hashlib.sha256(json.dumps(facts, default=str).encode()).hexdigest()


@dataclass
class Pool:
    """The people to rank for one request: a snapshot's and those changed since."""

    ids: set[int]
    unchanged: list[int]  # the snapshot's people who did not change since it was taken, in the snapshot's order
    complete: bool  # the snapshot holds everyone who qualified
    at_least: int = 0  # of the "tidak memenuhi" list: how many are on it now at least (its count less the changes)

    def exact(self, rows, limit: int) -> bool:
        """Whether the pool's ranking (`rows`, every pool member that qualifies, best first) is the full one."""
        unchanged = set(self.unchanged)
        return self.complete or sum(1 for row in rows if row.id in unchanged) >= limit

    def head(self, limit: int) -> Pool:
        """A smaller pool for the first `limit` places: the changed people and only the first 2 × `limit` unchanged.

        Unchanged people keep their scores and so the snapshot's order: when `limit` of that head still qualify,
        nobody unchanged behind them can enter the first `limit` places (`exact` then holds for the head too).
        Proposals for the request take people out without changing them, hence the margin.
        """
        keep = 2 * limit
        if len(self.unchanged) <= keep:
            return self
        cut = set(self.unchanged[keep:])
        return Pool(self.ids - cut, self.unchanged[:keep], False, self.at_least)


@cache
def _pool_statement(unmet: bool):
    """One statement, built once: the request's snapshot if it is usable (of parameter `today`, for `criteria`), with
    the one list asked for and its count (the row of kind 0), then one row (kind 1) per change since it was taken."""
    listed = RankingSnapshot.unmet_ids if unmet else RankingSnapshot.seeker_ids
    complete = RankingSnapshot.unmet_complete if unmet else RankingSnapshot.complete
    snap = (select(RankingSnapshot.changed_after, listed.label("listed"), complete.label("complete"),
                   RankingSnapshot.unmet_counted)
            .where(RankingSnapshot.hiring_request_id == bindparam("request_id"),
                   RankingSnapshot.computed_for == bindparam("today", type_=Date),
                   RankingSnapshot.criteria == bindparam("criteria", type_=String))
            .cte("snap"))
    # No usable snapshot: `since` is NULL and nobody counts as changed. UNION ALL: no hash of the (usually empty)
    # result to build; a person changed twice counts twice against the limit.
    since = select(snap.c.changed_after).scalar_subquery()
    changed = union_all(select(JobSeeker.id.label("id")).where(JobSeeker.updated_at > since),
                        select(Certificate.job_seeker_id).where(Certificate.updated_at > since),
                        select(CandidateProposal.job_seeker_id).where(
                            CandidateProposal.hiring_request_id == bindparam("request_id"),
                            CandidateProposal.proposed_at > since)).limit(CHANGED_LIMIT + 1).subquery()
    head = select(literal(0).label("kind"), snap.c.listed, snap.c.complete, snap.c.unmet_counted,
                  cast(null(), Integer).label("id"))
    # The moment `since` comes from the snapshot row, so even a custom plan is made without it: one plan serves.
    return union_all(head, select(literal(1), cast(null(), Text), cast(null(), Boolean), cast(null(), Integer),
                                  changed.c.id)).order_by("kind").execution_options(**REUSABLE_PLAN)


def pool(matching, *, unmet: bool = False) -> Pool | None:
    """The pool for `matching`'s request from its snapshot (of the ranking, or with `unmet` of the "tidak memenuhi"
    list), or None when the snapshot cannot be used (another day's, other rules, too many changes since)."""
    rows = db.session.execute(_pool_statement(unmet), {"request_id": matching.request.id, "today": matching.today,
                                                       "criteria": criteria(matching)}).all()
    if not rows or rows[0].kind != 0:
        return None
    _kind, listed, complete, counted, _id = rows[0]
    found = [row.id for row in rows[1:]]
    if len(found) > CHANGED_LIMIT:
        return None
    changed = set(found)
    listed = json.loads(listed)
    at_least = max(counted - len(found), 0) if unmet else 0
    return Pool(set(listed) | changed, [i for i in listed if i not in changed], bool(complete), at_least)


def refresh_snapshot(request: HiringRequest, today: date | None = None) -> RankingSnapshot:
    """Rank the whole registry for `request` and store the best SNAPSHOT_SIZE; flushes, the caller commits."""
    from bontang.hiring.ranking import Matching

    changed_after = utcnow() - MARGIN
    matching = Matching.of(request, today or date.today())
    ids = list(db.session.scalars(
        select(JobSeeker.id).select_from(matching.source).where(matching.eligible, matching.meets_all)
        .order_by(*matching.order).limit(SNAPSHOT_SIZE)))
    unmet = list(db.session.scalars(
        select(JobSeeker.id).select_from(matching.source).where(*matching.unmet_where)
        .order_by(*matching.unmet_order).limit(SNAPSHOT_SIZE))) if matching.rules else []
    unmet_counted = db.session.scalar(matching.unmet_count, {"cap": unmet_counted_cap()}) if matching.rules else 0
    snapshot = db.session.merge(RankingSnapshot(
        hiring_request_id=request.id, criteria=criteria(matching), computed_for=matching.today,
        changed_after=changed_after, complete=len(ids) < SNAPSHOT_SIZE, seeker_ids=json.dumps(ids),
        unmet_ids=json.dumps(unmet), unmet_complete=len(unmet) < SNAPSHOT_SIZE, unmet_counted=unmet_counted or 0,
        computed_at=utcnow()))
    db.session.flush()
    return snapshot


def refresh_due(today: date | None = None, *, batch: int = REFRESH_BATCH) -> int:
    """Refresh the snapshots of open requests that have none, an old one or one of another day; returns how many.

    Oldest first and at most `batch` per run, so a large backlog spreads over the periodic runs.
    """
    today = today or date.today()
    snapshot = RankingSnapshot
    due = db.session.scalars(
        select(HiringRequest).outerjoin(snapshot, snapshot.hiring_request_id == HiringRequest.id)
        .where(HiringRequest.status.in_(sorted(OPEN)),
               or_(snapshot.hiring_request_id.is_(None), snapshot.computed_for != today,
                   snapshot.computed_at < utcnow() - REFRESH_AFTER))
        .order_by(snapshot.computed_at.is_not(None), snapshot.computed_at, HiringRequest.id).limit(batch)).all()
    for request in due:
        refresh_snapshot(request, today)
    return len(due)


@event.listens_for(Session, "before_flush")
def _touch_changed_seekers(session, _context, _instances) -> None:
    """A job seeker whose skills list changed is a changed job seeker, though no column of theirs moved."""
    for obj in session.dirty:
        if isinstance(obj, JobSeeker) and session.is_modified(obj):
            obj.updated_at = utcnow()
