"""Who has reported the due semester, and reminders for those who have not (before and after the deadline)."""
from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from bontang import audit
from bontang.accounts.models import Company
from bontang.extensions import db
from bontang.hiring.notify import company_users
from bontang.mail import queue_mail
from bontang.workforce.models import WorkforceReminder, WorkforceReport
from bontang.workforce.services import deadline, due_period, semester_label


def reporting_status(today: date | None = None, only: str = "") -> dict:
    """The due semester, its deadline, and every active company with its report (or none) for it."""
    today = today or date.today()
    year, semester = due_period(today)
    due = deadline(year, semester)
    reports = {r.company_id: r for r in db.session.scalars(select(WorkforceReport).where(
        WorkforceReport.year == year, WorkforceReport.semester == semester))}
    rows = [{"company": c, "report": reports.get(c.id)}
            for c in db.session.scalars(select(Company).where(Company.active).order_by(Company.name))]
    if only == "missing":
        rows = [r for r in rows if r["report"] is None]
    elif only == "reported":
        rows = [r for r in rows if r["report"] is not None]
    return {"year": year, "semester": semester, "label": semester_label(year, semester), "deadline": due,
            "overdue": today > due, "rows": rows, "reported": len(reports)}


def send_reminders(today: date | None = None) -> int:
    """Remind each company without a report once in the last WORKFORCE_REMINDER_DAYS before the deadline and once
    after it; returns how many companies were reminded. Idempotent: a reminder sent is recorded."""
    today = today or date.today()
    year, semester = due_period(today)
    due = deadline(year, semester)
    if today > due:
        kind = "overdue"
    elif today >= due - timedelta(days=current_app.config["WORKFORCE_REMINDER_DAYS"]):
        kind = "soon"
    else:
        return 0
    reported = select(WorkforceReport.company_id).where(WorkforceReport.year == year, WorkforceReport.semester == semester)
    reminded = select(WorkforceReminder.company_id).where(WorkforceReminder.year == year,
                                                          WorkforceReminder.semester == semester,
                                                          WorkforceReminder.kind == kind)
    companies = db.session.scalars(select(Company).where(Company.active, Company.id.not_in(reported),
                                                         Company.id.not_in(reminded)).order_by(Company.id)).all()
    url = f"{current_app.config['BASE_URL']}/wajib-lapor"
    for company in companies:
        subject = (_l("Laporan ketenagakerjaan %(period)s terlambat", period=semester_label(year, semester))
                   if kind == "overdue" else
                   _l("Pengingat: laporan ketenagakerjaan %(period)s", period=semester_label(year, semester)))
        for user in company_users(company.id):
            queue_mail(user.email, subject, "workforce_reminder", kind="workforce.reminder", user=user, recipient=user,
                       company=company, period=semester_label(year, semester), deadline=due, overdue=kind == "overdue",
                       url=url)
        db.session.add(WorkforceReminder(company_id=company.id, year=year, semester=semester, kind=kind))
    if companies:
        audit.record("workforce.reminders_sent", details={"year": year, "semester": semester, "kind": kind,
                                                          "companies": len(companies)})
    db.session.flush()
    return len(companies)
