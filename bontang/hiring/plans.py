"""Annual workforce plans (rencana kebutuhan tenaga kerja): filing, deadline, reminders, conversion."""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, func, select

from bontang import audit
from bontang.accounts.models import Company
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.hiring import notify
from bontang.hiring.models import EmploymentType, HiringRequest, WorkforcePlan, WorkforcePlanItem, WorkforcePlanRound


def planning_year(today: date | None = None) -> int:
    """Plans are filed for the coming year."""
    return (today or date.today()).year + 1


def get_round(year: int) -> WorkforcePlanRound | None:
    """Disnaker's settings for a planning year, if any."""
    return db.session.scalar(select(WorkforcePlanRound).where(WorkforcePlanRound.year == year))


def get_plan(company_id: int, year: int, *, create: bool = False) -> WorkforcePlan | None:
    """A company's plan for a year, created empty on demand."""
    plan = db.session.scalar(select(WorkforcePlan).where(WorkforcePlan.company_id == company_id,
                                                         WorkforcePlan.year == year))
    if plan is None and create:
        plan = WorkforcePlan(company_id=company_id, year=year)
        db.session.add(plan)
        db.session.flush()
    return plan


def add_plan_item(plan: WorkforcePlan, data: dict, *, actor) -> WorkforcePlanItem:
    """Add one planned position to a plan that has not been sent yet."""
    if plan.submitted_at is not None:
        raise DomainError(_("Rencana sudah dikirim ke Disnaker dan tidak dapat diubah."))
    if data.get("count") is None or data["count"] < 1:
        raise DomainError(_("Jumlah minimal 1."), "count")
    if not 1 <= int(data.get("month") or 0) <= 12:
        raise DomainError(_("Pilih bulan."), "month")
    item = WorkforcePlanItem(plan_id=plan.id, title=data["title"].strip(), count=data["count"], month=data["month"],
                             skills=(data.get("skills") or "").strip(), for_turnaround=bool(data.get("for_turnaround")))
    db.session.add(item)
    db.session.flush()
    audit.record("hiring.plan_item_added", plan, actor=actor, details={"item_id": item.id, "title": item.title})
    return item


def remove_plan_item(item: WorkforcePlanItem, *, actor) -> None:
    """Remove a planned position from a plan that has not been sent yet."""
    if item.plan.submitted_at is not None:
        raise DomainError(_("Rencana sudah dikirim ke Disnaker dan tidak dapat diubah."))
    audit.record("hiring.plan_item_removed", item.plan, actor=actor, details={"item_id": item.id})
    db.session.delete(item)
    db.session.flush()


def submit_plan(plan: WorkforcePlan, *, actor) -> WorkforcePlan:
    """Send the plan to Disnaker; it needs at least one position."""
    if plan.submitted_at is not None:
        raise DomainError(_("Rencana ini sudah dikirim."))
    if not plan.items:
        raise DomainError(_("Tambahkan minimal satu posisi sebelum mengirim."))
    plan.submitted_at = utcnow()
    audit.record("hiring.plan_submitted", plan, actor=actor, details={"year": plan.year, "items": len(plan.items)})
    return plan


def set_deadline(year: int, deadline: date | None, *, actor) -> WorkforcePlanRound:
    """Set (or move) the reporting deadline of a planning year."""
    if deadline is None or deadline.year > year:
        raise DomainError(_("Batas waktu harus sebelum tahun yang direncanakan berakhir."), "deadline")
    settings = get_round(year) or WorkforcePlanRound(year=year)
    settings.deadline = deadline
    db.session.add(settings)
    db.session.flush()
    audit.record("hiring.plan_deadline_set", settings, actor=actor, details={"year": year, "deadline": str(deadline)})
    return settings


def plan_overview_query(year: int, reported: str = ""):
    """Active companies with their plan for `year` (None when they have none), for paginate(scalars=False)."""
    query = (select(Company, WorkforcePlan)
             .outerjoin(WorkforcePlan, and_(WorkforcePlan.company_id == Company.id, WorkforcePlan.year == year))
             .where(Company.active.is_(True)).order_by(WorkforcePlan.submitted_at.is_(None), Company.name))
    if reported == "ya":
        query = query.where(WorkforcePlan.submitted_at.is_not(None))
    elif reported == "belum":
        query = query.where(WorkforcePlan.submitted_at.is_(None))
    return query


def plan_counts(year: int, deadline: date | None) -> dict:
    """How many active companies reported, and how many did so by the deadline."""
    total = db.session.scalar(select(func.count(Company.id)).where(Company.active.is_(True))) or 0
    submitted = select(WorkforcePlan.submitted_at).join(Company).where(
        WorkforcePlan.year == year, WorkforcePlan.submitted_at.is_not(None), Company.active.is_(True))
    reported = db.session.scalar(select(func.count()).select_from(submitted.subquery())) or 0
    on_time = reported
    if deadline is not None:
        cutoff = deadline + timedelta(days=1)
        on_time = db.session.scalar(select(func.count()).select_from(
            submitted.where(WorkforcePlan.submitted_at < cutoff).subquery())) or 0
    return {"total": total, "reported": reported, "on_time": on_time, "missing": total - reported}


def remind_companies(year: int, *, actor) -> int:
    """E-mail every active company without a sent plan for `year`; returns the number of companies."""
    settings = get_round(year)
    if settings is None:
        raise DomainError(_("Tetapkan batas waktu pelaporan terlebih dahulu."))
    reported = select(WorkforcePlan.company_id).where(WorkforcePlan.year == year, WorkforcePlan.submitted_at.is_not(None))
    company_ids = db.session.scalars(select(Company.id).where(Company.active.is_(True), Company.id.not_in(reported))
                                     .order_by(Company.id)).all()
    for company_id in company_ids:
        notify.plan_reminder(notify.company_users(company_id), year, settings.deadline)
    settings.reminded_at = utcnow()
    audit.record("hiring.plan_reminders_sent", settings, actor=actor, details={"year": year, "companies": len(company_ids)})
    return len(company_ids)


def item_to_request(item: WorkforcePlanItem, *, actor) -> HiringRequest:
    """Turn a planned position into a draft hiring request, in one step."""
    from bontang.hiring.services import create_request

    if item.hiring_request_id is not None:
        raise DomainError(_("Posisi ini sudah dijadikan permintaan tenaga kerja."))
    plan, today = item.plan, date.today()
    last_day = date(plan.year, item.month, calendar.monthrange(plan.year, item.month)[1])
    data = {"title": item.title, "positions": item.count, "valid_until": max(last_day, today + timedelta(days=30)),
            "age_min": 18, "age_max": 45, "sex": "any", "education_min": "SMA",
            "employment_type": EmploymentType.PKWT.value, "work_location": plan.company.address or "Bontang",
            "planned_local_percent": 100, "disability_friendly": False,
            "notes": _("Dari rencana kebutuhan %(year)d. Keahlian: %(skills)s", year=plan.year, skills=item.skills or "-")
            + (_(" (turnaround/shutdown)") if item.for_turnaround else "")}
    request = create_request(plan.company, data, actor=actor)
    item.hiring_request_id = request.id
    return request
