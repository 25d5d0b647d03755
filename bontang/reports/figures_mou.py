"""MoU progress: how many partner companies stand at each status at the end of a period, and over time."""
from __future__ import annotations

from sqlalchemy import case, func, literal, select

from bontang.accounts.models import Company
from bontang.extensions import db
from bontang.mou.models import Agreement, AgreementStatus as A
from bontang.reports.labels import MOU_LABELS, NOT_INVITED
from bontang.reports.periods import Period
from bontang.reports.sql import cumulative_counts


def _latest_agreements():
    """The newest agreement of each company (a company re-invited after a refusal counts once)."""
    latest = select(func.max(Agreement.id).label("id")).group_by(Agreement.company_id).subquery()
    return select(Agreement).join(latest, latest.c.id == Agreement.id).subquery()


def _status_at(agreement, end):
    """The status an agreement had at `end`, read from its timestamps (None: it did not exist yet)."""
    return case(
        (agreement.c.revoked_at < end, literal(A.REVOKED.value)),
        (agreement.c.declined_at < end, literal(A.DECLINED.value)),
        (agreement.c.completed_at < end, literal(A.COMPLETED.value)),
        (agreement.c.company_signed_at < end, literal(A.SIGNED_BY_COMPANY.value)),
        (agreement.c.viewed_at < end, literal(A.VIEWED.value)),
        (agreement.c.invited_at < end, literal(A.INVITED.value)),
        (agreement.c.created_at < end, literal(A.DRAFT.value)),
        else_=None,
    )


def mou_progress(period: Period) -> dict:
    """Companies by MoU status at the end of the period, and cumulative counts per bucket."""
    agreement = _latest_agreements()
    status = _status_at(agreement, period.end_utc).label("status")
    rows = db.session.execute(
        select(status, func.count()).select_from(agreement).join(Company, Company.id == agreement.c.company_id)
        .where(Company.active).group_by(status)).all()
    counts = {key: 0 for key in MOU_LABELS}
    for key, n in rows:
        if key is not None:
            counts[key] += n
    total = db.session.scalar(select(func.count(Company.id)).where(Company.active)) or 0
    counts[NOT_INVITED] = total - sum(counts.values())
    return {"total": total, "counts": counts, "completed": counts[A.COMPLETED.value],
            "timeline": _timeline(agreement, period)}


def _timeline(agreement, period: Period) -> dict:
    """Cumulative invited, company-signed and completed agreements at the end of each bucket."""
    buckets = period.buckets()
    ends = [b.end_utc for b in buckets]
    columns = (cumulative_counts(agreement.c.invited_at, ends) + cumulative_counts(agreement.c.company_signed_at, ends)
               + cumulative_counts(agreement.c.completed_at, ends))
    values = [int(v) for v in db.session.execute(select(*columns).select_from(agreement)).one()]
    n = len(ends)
    return {"labels": [b.label for b in buckets], "invited": values[:n], "signed": values[n:2 * n],
            "completed": values[2 * n:]}


def mou_rows(progress: dict) -> list[tuple[str, int]]:
    """(label, count) rows in display order, for tables, charts and exports."""
    return [(str(label), progress["counts"][key]) for key, label in MOU_LABELS.items()]


def company_agreement(company_id: int):
    """The company's newest agreement, or None."""
    return db.session.scalar(select(Agreement).where(Agreement.company_id == company_id)
                             .order_by(Agreement.id.desc()).limit(1))
