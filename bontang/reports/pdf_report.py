"""The monthly report as a PDF (WeasyPrint through the sandboxed renderer), always in Indonesian."""
from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import force_locale, format_date

from bontang.pdf import render_template_pdf
from bontang.reports import chartsets, figures_hiring, figures_mou, services
from bontang.reports.periods import Period, parse_period
from bontang.reports.skills_gap import skills_gap

TOP_SKILLS = 15


def report_data(period: Period, today: date) -> dict:
    """Plain data for the monthly report: figures, charts as SVG markup, and tables."""
    figures = services.dashboard_figures(period)
    return {
        "city": current_app.config["CITY_NAME"],
        "period": period,
        "printed_on": format_date(today, "d MMMM yyyy"),
        "figures": figures,
        "charts": chartsets.dashboard_charts(figures),
        "mou_rows": figures_mou.mou_rows(figures["mou"]),
        "status_rows": figures_hiring.status_rows(figures["hiring"]),
        "programmes": figures["programmes"],
        "skills": skills_gap(today)[:TOP_SKILLS],
    }


def monthly_report(period: Period, today: date) -> bytes:
    """Render the monthly report for a month period to PDF bytes."""
    with force_locale("id"):
        period = parse_period(period.code, today=today)
        return render_template_pdf("reports/pdf/monthly.html", **report_data(period, today))
