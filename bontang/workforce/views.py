"""Company: file the semester workforce report and see its local share. Disnaker: who has reported."""
from __future__ import annotations

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from bontang.core import DomainError
from bontang.extensions import db
from bontang.security import COMPANY, STAFF_AND_OFFICIALS, roles
from bontang.web import attach_error, redirect_to, render, render_form
from bontang.workforce import bp, reminders, services
from bontang.workforce.forms import WorkforceReportForm
from bontang.workforce.models import WorkforceReport


def _periods() -> list[tuple[int, int]]:
    """The due semester first, then the three before it (for late reports and corrections)."""
    year, semester = services.due_period()
    periods = []
    for _n in range(4):
        periods.append((year, semester))
        year, semester = (year, 1) if semester == 2 else (year - 1, 2)
    return periods


@bp.route("/wajib-lapor", methods=["GET", "POST"])
@roles(COMPANY)
def company_reports():
    """The company's workforce reports: the due one, the form, the history and the local share they give."""
    company = current_user.company
    form = WorkforceReportForm(_periods())
    if form.validate_on_submit():
        year, semester = form.chosen_period()
        try:
            services.submit_report(company, year, semester, form.numbers(), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Laporan %(period)s tersimpan.", period=services.semester_label(year, semester)), "success")
            return redirect_to(url_for("workforce.company_reports"))
    if form.is_submitted():
        db.session.rollback()
    year, semester = services.due_period()
    reports = db.session.scalars(select(WorkforceReport).where(WorkforceReport.company_id == company.id)
                                 .order_by(WorkforceReport.period_end.desc())).all()
    return render_form("workforce/company.html", form, reports=reports, share=services.company_share(company.id),
                       due_label=services.semester_label(year, semester), deadline=services.deadline(year, semester),
                       due_report=services.get_report(company.id, year, semester), label=services.semester_label)


@bp.route("/kelola/wajib-lapor")
@roles(STAFF_AND_OFFICIALS)
def status():
    """Disnaker: which companies reported the due semester, with their local share."""
    only = request.args.get("tampil", "")
    only = only if only in ("missing", "reported") else ""
    return render("workforce/status.html", due=reminders.reporting_status(only=only), only=only,
                  shares=services.workforce_totals(), percent=services.share_percent)
