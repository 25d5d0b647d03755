"""Hiring figures: requests by status, positions requested against filled, lead times, workforce plans."""
from __future__ import annotations

from sqlalchemy import and_, func, select

from bontang.accounts.models import Company
from bontang.extensions import db
from bontang.hiring.models import HiringRequest, Placement, WorkforcePlan, WorkforcePlanItem
from bontang.reports.labels import HIRING_LABELS, value_of
from bontang.reports.periods import Period
from bontang.reports.sql import bucket_index, count_if, days_between, medians


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
    buckets = period.buckets()
    by_status, requested = _requests(period, buckets)
    filled, filled_local = _placements(period, buckets)
    to_proposal, to_filled = medians(
        select(days_between(HiringRequest.submitted_at, HiringRequest.first_proposed_at)).where(_submitted_in(period)),
        select(days_between(HiringRequest.submitted_at, HiringRequest.filled_at)).where(_submitted_in(period)))
    return {
        "by_status": by_status,
        "requests": sum(v["requests"] for v in by_status.values()),
        "positions": sum(v["positions"] for v in by_status.values()),
        "filled": sum(filled),
        "filled_local": filled_local,
        "days_to_proposal": to_proposal,
        "days_to_filled": to_filled,
        "timeline": {"labels": [b.label for b in buckets], "requested": requested, "filled": filled},
    }


def _requests(period: Period, buckets) -> tuple[dict, list[int]]:
    """Requests and positions per status, and positions requested per bucket, in one grouped query."""
    bucket = bucket_index(HiringRequest.submitted_at, [b.end_utc for b in buckets])
    rows = db.session.execute(
        select(HiringRequest.status, bucket, func.count(), func.coalesce(func.sum(HiringRequest.positions), 0))
        .where(_submitted_in(period)).group_by(HiringRequest.status, bucket)).all()
    by_status = {key: {"requests": 0, "positions": 0} for key in HIRING_LABELS}
    requested = [0] * len(buckets)
    for status, index, requests, positions in rows:
        entry = by_status[value_of(status)]
        entry["requests"] += requests
        entry["positions"] += int(positions)
        requested[min(index, len(buckets) - 1)] += int(positions)
    return by_status, requested


def _placements(period: Period, buckets) -> tuple[list[int], int]:
    """Placements per bucket (by start date) and how many of them were local."""
    bucket = bucket_index(Placement.start_date, [b.end for b in buckets])
    rows = db.session.execute(select(bucket, func.count(Placement.id), count_if(Placement.is_local))
                              .where(_placed_in(period)).group_by(bucket)).all()
    filled = [0] * len(buckets)
    for index, count, _local in rows:
        filled[min(index, len(buckets) - 1)] += count
    return filled, sum(int(local) for *_rest, local in rows)


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
