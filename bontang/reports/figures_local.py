"""Local share (Perda 10/2018): planned and actual share of Bontang KTP holders, overall and per company.

A company that files workforce reports (bontang/workforce) is held against the target by its whole
workforce (latest report plus placements since); the others by their placements through Disnaker.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select

from bontang.accounts.models import Company
from bontang.extensions import db
from bontang.hiring.models import HiringRequest, Placement
from bontang.reports.periods import Period
from bontang.reports.sql import count_if, percent
from bontang.workforce.services import workforce_totals


@dataclass
class CompanyShare:
    """One company's local share row."""

    company_id: int
    name: str
    positions: int
    planned: float | None
    placements: int
    local: int
    headcount: float | None
    # Wajib lapor (issue 12b): the whole workforce from the latest report plus placements since; None unreported.
    workforce_total: int | None = None
    workforce_local: int | None = None

    @property
    def actual(self) -> float | None:
        return percent(self.local, self.placements)

    @property
    def reported(self) -> bool:
        return self.workforce_total is not None

    @property
    def share(self) -> float | None:
        """The share held against the target: the reported workforce when there is one, else the placements."""
        return percent(self.workforce_local, self.workforce_total) if self.reported else self.actual

    def below(self, target: float) -> bool:
        return self.share is not None and self.share < target


def target() -> int:
    """The local-quota percentage (Perda 10/2018: 75)."""
    return current_app.config.get("LOCAL_QUOTA_PERCENT", 75)


def _request_totals(period: Period, company_id=None):
    """Positions and planned local positions of requests submitted in the period, per company."""
    query = (select(HiringRequest.company_id, func.sum(HiringRequest.positions).label("positions"),
                    func.sum(HiringRequest.positions * HiringRequest.planned_local_percent).label("planned"))
             .where(HiringRequest.submitted_at >= period.start_utc, HiringRequest.submitted_at < period.end_utc)
             .group_by(HiringRequest.company_id))
    return query.where(HiringRequest.company_id == company_id) if company_id else query


def _placement_totals(period: Period, company_id=None):
    query = (select(Placement.company_id, func.count(Placement.id).label("placements"),
                    count_if(Placement.is_local).label("local"))
             .where(Placement.start_date >= period.start, Placement.start_date < period.end)
             .group_by(Placement.company_id))
    return query.where(Placement.company_id == company_id) if company_id else query


def company_shares(period: Period, company_id: int | None = None) -> list[CompanyShare]:
    """Per active company, below-target companies first (lowest share first), then the others by name."""
    requests, placements = _request_totals(period, company_id).subquery(), _placement_totals(period, company_id).subquery()
    query = (select(Company.id, Company.name, Company.headcount_local, Company.headcount_nonlocal,
                    requests.c.positions, requests.c.planned, placements.c.placements, placements.c.local)
             .outerjoin(requests, requests.c.company_id == Company.id)
             .outerjoin(placements, placements.c.company_id == Company.id).where(Company.active))
    if company_id:
        query = query.where(Company.id == company_id)
    workforce = workforce_totals(company_id)
    rows = []
    for cid, name, head_local, head_non, pos, planned, placed, local in db.session.execute(query):
        reported = workforce.get(cid)
        headcount = (percent(reported["local"], reported["total"]) if reported
                     else percent(head_local, (head_local or 0) + (head_non or 0)))
        rows.append(CompanyShare(cid, name, int(pos or 0), None if not pos else round((planned or 0) / pos, 1),
                                 int(placed or 0), int(local or 0), headcount,
                                 reported["total"] if reported else None, reported["local"] if reported else None))
    goal = target()
    return sorted(rows, key=lambda r: (not r.below(goal), r.share is None, r.share or 0, r.name))


def overall_share(rows: list[CompanyShare]) -> dict:
    """Totals over the company rows: planned and actual share, and the headcount share."""
    positions = sum(r.positions for r in rows)
    planned = sum((r.planned or 0) * r.positions for r in rows)
    placements, local = sum(r.placements for r in rows), sum(r.local for r in rows)
    goal = target()
    return {"target": goal, "positions": positions, "planned": None if not positions else round(planned / positions, 1),
            "placements": placements, "local": local, "actual": percent(local, placements),
            "below": sum(1 for r in rows if r.below(goal)),
            "with_placements": sum(1 for r in rows if r.placements)}


def headcount_share() -> float | None:
    """Share of Bontang KTP holders among the partner companies' current workers: each reporting company by its
    latest workforce report plus placements since, the others by the headcount on their profile."""
    workforce = workforce_totals()
    local = total = 0
    for cid, head_local, head_non in db.session.execute(
            select(Company.id, Company.headcount_local, Company.headcount_nonlocal).where(Company.active)):
        reported = workforce.get(cid)
        local += reported["local"] if reported else (head_local or 0)
        total += reported["total"] if reported else (head_local or 0) + (head_non or 0)
    return percent(local, total)
