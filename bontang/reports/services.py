"""What the report pages show: figures gathered per page with a fixed number of aggregate queries."""
from __future__ import annotations

from sqlalchemy import func, select

from bontang.accounts.models import Company
from bontang.extensions import db
from bontang.jobseekers.models import JobSeeker
from bontang.hiring.models import HiringRequest, HiringStatus, Placement
from bontang.reports import figures_hiring, figures_local, figures_mou, figures_training
from bontang.reports.periods import Period

BELOW_TARGET_ON_DASHBOARD = 10


def dashboard_figures(period: Period) -> dict:
    """Every figure of the dashboard for one period."""
    shares = figures_local.company_shares(period)
    hiring = figures_hiring.hiring_summary(period)
    programmes = figures_training.programme_rows(period)
    figures = {
        "period": period,
        "mou": figures_mou.mou_progress(period),
        "hiring": hiring,
        "local": figures_local.overall_share(shares),
        "headcount_share": figures_local.headcount_share(),
        "below_target": [r for r in shares if r.below(figures_local.target())][:BELOW_TARGET_ON_DASHBOARD],
        "training": figures_training.summarise(programmes),
        "programmes": programmes,
        "plans": figures_hiring.workforce_plans(period),
    }
    figures["empty"] = is_empty(figures)
    return figures


def is_empty(figures: dict) -> bool:
    """True when the period holds no requests, placements, trainings, plans or invited MoUs."""
    timeline = figures["mou"]["timeline"]
    mou_activity = any(timeline["invited"]) or any(timeline["completed"])
    return not (figures["hiring"]["requests"] or figures["hiring"]["filled"] or figures["training"]["participants"]
                or figures["plans"]["planned"] or mou_activity)


def company_figures(company: Company, period: Period) -> dict:
    """One company's MoU status, requests by status, placements and local share."""
    rows = db.session.execute(
        select(HiringRequest.status, func.count(), func.coalesce(func.sum(HiringRequest.positions), 0))
        .where(HiringRequest.company_id == company.id, HiringRequest.status != HiringStatus.DRAFT)
        .group_by(HiringRequest.status)).all()
    shares = figures_local.company_shares(period, company.id)
    return {
        "period": period,
        "agreement": figures_mou.company_agreement(company.id),
        "requests_by_status": {getattr(s, "value", s): (n, int(p)) for s, n, p in rows},
        "share": shares[0] if shares else None,
        "target": figures_local.target(),
        "placements_total": db.session.scalar(select(func.count(Placement.id))
                                              .where(Placement.company_id == company.id)) or 0,
    }


def company_requests(company_id: int):
    """Select of the company's submitted requests with their placement counts, newest first."""
    placed = (select(Placement.hiring_request_id, func.count(Placement.id).label("n"))
              .where(Placement.company_id == company_id).group_by(Placement.hiring_request_id).subquery())
    return (select(HiringRequest.id, HiringRequest.title, HiringRequest.status, HiringRequest.positions,
                   func.coalesce(placed.c.n, 0).label("filled"), HiringRequest.planned_local_percent,
                   HiringRequest.submitted_at)
            .outerjoin(placed, placed.c.hiring_request_id == HiringRequest.id)
            .where(HiringRequest.company_id == company_id, HiringRequest.status != HiringStatus.DRAFT)
            .order_by(HiringRequest.submitted_at.desc(), HiringRequest.id.desc()))


def company_placements(company_id: int):
    """Select of the company's placements (who, which position, start, local), latest first."""
    return (select(Placement.id, Placement.start_date, Placement.contract_type, Placement.is_local,
                   HiringRequest.title, JobSeeker.name)
            .join(HiringRequest, HiringRequest.id == Placement.hiring_request_id)
            .join(JobSeeker, JobSeeker.id == Placement.job_seeker_id)
            .where(Placement.company_id == company_id)
            .order_by(Placement.start_date.desc(), Placement.id.desc()))
