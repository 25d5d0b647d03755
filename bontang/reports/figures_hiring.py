"""Hiring figures: requests by status, positions requested against filled, lead times, workforce plans."""
from __future__ import annotations

from sqlalchemy import and_, func, select

from bontang.accounts.models import Company
from bontang.extensions import db
from bontang.hiring.models import HiringRequest, Placement, WorkforcePlan, WorkforcePlanItem
from bontang.reports.labels import HIRING_LABELS, value_of
from bontang.reports.periods import Period
from bontang.reports.sql import count_if, days_between, median, sum_if


def _active_companies():
    """Reports cover the active partner companies only (a deactivated company drops out of every figure)."""
    return select(Company.id).where(Company.active)


def _submitted_in(period: Period):
    return and_(HiringRequest.submitted_at >= period.start_utc, HiringRequest.submitted_at < period.end_utc,
                HiringRequest.company_id.in_(_active_companies()))


def _placed_in(period: Period):
    return and_(Placement.start_date >= period.start, Placement.start_date < period.end,
                Placement.company_id.in_(_active_companies()))


def hiring_summary(period: Period) -> dict:
    """Requests submitted in the period by status, positions, placements and median lead times."""
    rows = db.session.execute(
        select(HiringRequest.status, func.count(), func.coalesce(func.sum(HiringRequest.positions), 0))
        .where(_submitted_in(period)).group_by(HiringRequest.status)).all()
    by_status = {key: {"requests": 0, "positions": 0} for key in HIRING_LABELS}
    for status, requests, positions in rows:
        by_status[value_of(status)] = {"requests": requests, "positions": int(positions)}
    placed = db.session.execute(select(func.count(Placement.id), count_if(Placement.is_local))
                                .where(_placed_in(period))).one()
    return {
        "by_status": by_status,
        "requests": sum(v["requests"] for v in by_status.values()),
        "positions": sum(v["positions"] for v in by_status.values()),
        "filled": placed[0],
        "filled_local": int(placed[1]),
        "days_to_proposal": median(select(days_between(HiringRequest.submitted_at, HiringRequest.first_proposed_at))
                                   .where(_submitted_in(period), HiringRequest.first_proposed_at.is_not(None))),
        "days_to_filled": median(select(days_between(HiringRequest.submitted_at, HiringRequest.filled_at))
                                 .where(_submitted_in(period), HiringRequest.filled_at.is_not(None))),
        "timeline": _timeline(period),
    }


def _timeline(period: Period) -> dict:
    """Positions requested (by submission) and positions filled (by start date) in each bucket."""
    buckets = period.buckets()
    requested = db.session.execute(select(*[
        sum_if(and_(HiringRequest.submitted_at >= b.start_utc, HiringRequest.submitted_at < b.end_utc),
               HiringRequest.positions) for b in buckets]).where(_submitted_in(period))).one()
    filled = db.session.execute(select(*[
        count_if(and_(Placement.start_date >= b.start, Placement.start_date < b.end)) for b in buckets])
        .where(_placed_in(period))).one()
    return {"labels": [b.label for b in buckets], "requested": [int(v) for v in requested],
            "filled": [int(v) for v in filled]}


def status_rows(summary: dict) -> list[tuple[str, int, int]]:
    """(label, requests, positions) per status, in display order, without empty statuses."""
    return [(str(HIRING_LABELS[key]), v["requests"], v["positions"])
            for key, v in summary["by_status"].items() if v["requests"]]


def workforce_plans(period: Period) -> dict:
    """Companies without a submitted plan for the period's year; planned hires against requested positions."""
    filed = select(WorkforcePlan.company_id).where(WorkforcePlan.year == period.year,
                                                   WorkforcePlan.submitted_at.is_not(None))
    missing = db.session.execute(
        select(Company.id, Company.name).where(Company.active, Company.id.not_in(filed)).order_by(Company.name)).all()
    months = [b.start.month for b in period.buckets()] if period.kind != "month" else [period.start.month]
    planned = db.session.execute(
        select(WorkforcePlanItem.month, func.sum(WorkforcePlanItem.count)).join(WorkforcePlan)
        .where(WorkforcePlan.year == period.year, WorkforcePlan.submitted_at.is_not(None),
               WorkforcePlanItem.month.in_(months)).group_by(WorkforcePlanItem.month)).all()
    planned_by_month = {month: int(total) for month, total in planned}
    return {"missing": [{"id": cid, "name": name} for cid, name in missing],
            "planned": sum(planned_by_month.values()), "planned_by_month": planned_by_month,
            "filed": db.session.scalar(select(func.count()).select_from(filed.subquery())) or 0}
