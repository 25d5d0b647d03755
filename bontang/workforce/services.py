"""Workforce reports: the due semester and its deadline, filing a report, the local share it gives, reminders."""
from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from bontang import audit
from bontang.accounts.models import Company
from bontang.core import DomainError
from bontang.extensions import db
from bontang.hiring.models import Placement
from bontang.workforce.models import WorkforceReport, semester_end

PARTS = ("local", "nonlocal_")
LEVELS = ("managers", "supervisors", "operatives")
MAX_WORKERS = 1_000_000


def semester_label(year: int, semester: int) -> str:
    return _("Semester %(s)d tahun %(y)d", s=semester, y=year)


def due_period(today: date | None = None) -> tuple[int, int]:
    """The last finished semester: the one companies report on now."""
    today = today or date.today()
    return (today.year - 1, 2) if today.month <= 6 else (today.year, 1)


def deadline(year: int, semester: int) -> date:
    """Reports are due WORKFORCE_REPORT_DAYS days after the semester ends (30 by default)."""
    return semester_end(year, semester) + timedelta(days=current_app.config["WORKFORCE_REPORT_DAYS"])


def get_report(company_id: int, year: int, semester: int) -> WorkforceReport | None:
    return db.session.scalar(select(WorkforceReport).where(
        WorkforceReport.company_id == company_id, WorkforceReport.year == year, WorkforceReport.semester == semester))


def latest_report(company_id: int) -> WorkforceReport | None:
    return db.session.scalar(select(WorkforceReport).where(WorkforceReport.company_id == company_id)
                             .order_by(WorkforceReport.period_end.desc()).limit(1))


def _numbers(data: dict) -> dict:
    numbers = {}
    for key in ("total", *PARTS, *LEVELS):
        value = data.get(key)
        if not isinstance(value, int) or value < 0 or value > MAX_WORKERS:
            raise DomainError(_("Isi dengan bilangan bulat 0 sampai %(n)s.", n=f"{MAX_WORKERS:,}".replace(",", ".")),
                              key)
        numbers[key] = value
    if numbers["total"] < 1:
        raise DomainError(_("Jumlah seluruh pekerja minimal 1."), "total")
    if numbers["local"] + numbers["nonlocal_"] != numbers["total"]:
        raise DomainError(_("Pekerja ber-KTP Bontang (%(a)d) ditambah pekerja luar Bontang (%(b)d) = %(s)d, tidak sama "
                            "dengan jumlah seluruh pekerja (%(t)d).", a=numbers["local"], b=numbers["nonlocal_"],
                            s=numbers["local"] + numbers["nonlocal_"], t=numbers["total"]), "local")
    levels = sum(numbers[k] for k in LEVELS)
    if levels != numbers["total"]:
        raise DomainError(_("Jumlah per jenjang jabatan (%(s)d) tidak sama dengan jumlah seluruh pekerja (%(t)d).",
                            s=levels, t=numbers["total"]), "managers")
    return numbers


def submit_report(company: Company, year: int, semester: int, data: dict, *, actor,
                  today: date | None = None) -> WorkforceReport:
    """File (or correct) a company's report for a finished semester; parts must add up to the total."""
    today = today or date.today()
    if semester not in (1, 2) or not 2000 <= year <= today.year:
        raise DomainError(_("Periode laporan tidak dikenal."), "period")
    if semester_end(year, semester) >= today:
        raise DomainError(_("Semester ini belum selesai; laporkan setelah %(d)s.",
                            d=semester_end(year, semester).strftime("%d-%m-%Y")), "period")
    numbers = _numbers(data)
    report = get_report(company.id, year, semester)
    corrected = report is not None
    if report is None:
        report = WorkforceReport(company_id=company.id, year=year, semester=semester,
                                 period_end=semester_end(year, semester))
        db.session.add(report)
    for key, value in numbers.items():
        setattr(report, key, value)
    report.submitted_by_id = getattr(actor, "id", None)
    db.session.flush()
    if latest_report(company.id) is report:  # the company profile shows its latest known headcount
        company.headcount_local, company.headcount_nonlocal = report.local, report.nonlocal_
    audit.record("workforce.report_corrected" if corrected else "workforce.report_submitted", company, actor=actor,
                 details={"year": year, "semester": semester, **numbers})
    return report


def placement_changes(company_id: int | None = None):
    """Per company with a report: placements since its latest report (added) and departures since (removed)."""
    latest = (select(WorkforceReport.company_id, func.max(WorkforceReport.period_end).label("period_end"))
              .group_by(WorkforceReport.company_id))
    if company_id is not None:
        latest = latest.where(WorkforceReport.company_id == company_id)
    latest = latest.subquery()
    after = and_(Placement.start_date > latest.c.period_end, Placement.ended_on.is_(None))
    left = and_(Placement.start_date <= latest.c.period_end, Placement.ended_on > latest.c.period_end)

    def count(condition, local: bool = False):
        return func.coalesce(func.sum(case((and_(condition, Placement.is_local) if local else condition, 1),
                                           else_=0)), 0)

    return (select(latest.c.company_id, count(after).label("added"), count(after, True).label("added_local"),
                   count(left).label("left"), count(left, True).label("left_local"))
            .join(Placement, Placement.company_id == latest.c.company_id).group_by(latest.c.company_id))


def workforce_totals(company_id: int | None = None) -> dict[int, dict]:
    """Company id -> the latest report plus placements since: total, local, and the report it starts from."""
    report = aliased(WorkforceReport)
    latest = (select(WorkforceReport.company_id, func.max(WorkforceReport.period_end).label("period_end"))
              .group_by(WorkforceReport.company_id))
    if company_id is not None:
        latest = latest.where(WorkforceReport.company_id == company_id)
    latest = latest.subquery()
    rows = db.session.execute(select(report.company_id, report.year, report.semester, report.total, report.local)
                              .join(latest, and_(latest.c.company_id == report.company_id,
                                                 latest.c.period_end == report.period_end))).all()
    changes = {r.company_id: r for r in db.session.execute(placement_changes(company_id))}
    totals = {}
    for row in rows:
        change = changes.get(row.company_id)
        added, added_local, left, left_local = (change[1:] if change else (0, 0, 0, 0))
        total, local = row.total + added - left, row.local + added_local - left_local
        totals[row.company_id] = {"year": row.year, "semester": row.semester, "reported_total": row.total,
                                  "reported_local": row.local, "added": int(added), "left": int(left),
                                  "total": max(total, 0), "local": max(local, 0)}
    return totals


def share_percent(local: int, total: int) -> float | None:
    return None if not total else round(100 * local / total, 1)


def company_share(company_id: int) -> dict | None:
    """The company's local share against the quota from its latest report plus placements since (None: no report)."""
    totals = workforce_totals(company_id).get(company_id)
    if totals is None:
        return None
    return {**totals, "percent": share_percent(totals["local"], totals["total"]),
            "quota": current_app.config["LOCAL_QUOTA_PERCENT"]}


def share_after_hire(company_id: int, is_local: bool) -> float | None:
    """The company's local share if one more worker (local or not) joins; None without a report."""
    share = company_share(company_id)
    if share is None:
        return None
    return share_percent(share["local"] + int(is_local), share["total"] + 1)
