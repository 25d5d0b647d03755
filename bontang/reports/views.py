"""Dashboards and reports for Disnaker and officials; the company page is in views_company."""
from __future__ import annotations

from flask import request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest

from bontang.charts import number
from bontang.core import DomainError, utcnow
from bontang.exports import download, table_response
from bontang.reports import bp, cache, chartsets, models, pdf_report, services  # noqa: F401  (models: report indexes)
from bontang.reports.figures_local import company_shares, overall_share, target
from bontang.reports.labels import HIRING_LABELS, MOU_LABELS
from bontang.reports.periods import WITA_OFFSET, parse_period, period_choices
from bontang.reports.skills_gap import parse_kind, skills_gap
from bontang.reports.tables import report_table
from bontang.security import STAFF_AND_OFFICIALS, roles
from bontang.web import render

EXPORT_FORMATS = ("csv", "xlsx")
PROGRAMMES_SHOWN = 12


def bad_request(error: DomainError) -> BadRequest:
    """A 400 whose message the error page shows."""
    return BadRequest(description=error.message)


def period_arg(*, default: str | None = None):
    """The ?periode= argument as a Period; an unknown period is a 400 with a message."""
    try:
        return parse_period(request.args.get("periode") or default)
    except DomainError as error:
        raise bad_request(error) from None


def kind_arg():
    """The ?jenis= skill kind filter; an unknown kind is a 400 with a message."""
    try:
        return parse_kind(request.args.get("jenis"))
    except DomainError as error:
        raise bad_request(error) from None


def today():
    """Today's date in Bontang."""
    return (utcnow() + WITA_OFFSET).date()


@bp.context_processor
def status_labels():
    """Status names for the report templates."""
    return {"mou_labels": MOU_LABELS, "hiring_labels": HIRING_LABELS}


@bp.app_template_filter("angka")
def angka(value, unit: str = "") -> str:
    """A number in Indonesian notation (1.234 and 66,7), for report templates."""
    return number(value, unit)


@bp.route("/laporan")
@roles(STAFF_AND_OFFICIALS)
def dashboard():
    """The dashboard: MoU, hiring, local share, training and plans for a period."""
    period = period_arg()
    figures, charts = cache.dashboard_page(period)
    return render("reports/dashboard.html", "reports/_dashboard_body.html", figures=figures,
                  charts=charts, programmes=figures["programmes"][:PROGRAMMES_SHOWN],
                  choices=period_choices(), period=period)


@bp.route("/laporan/porsi-lokal")
@roles(STAFF_AND_OFFICIALS)
def local_share():
    """Every company's planned and actual local share, below-target companies first."""
    period = period_arg()
    rows = company_shares(period)
    return render("reports/local_share.html", "reports/_local_table.html", rows=rows, overall=overall_share(rows),
                  target=target(), choices=period_choices(), period=period)


@bp.route("/laporan/kesenjangan-keterampilan")
@roles(STAFF_AND_OFFICIALS)
def skills():
    """Open positions by skill against available certified graduates, largest shortage first."""
    kind = kind_arg()
    rows = skills_gap(today(), kind)
    return render("reports/skills.html", "reports/_skills_body.html", rows=rows, chart=chartsets.skills_chart(rows),
                  kind=kind.value if kind else "")


@bp.route("/laporan/unduh/<name>.<fmt>")
@roles(STAFF_AND_OFFICIALS)
def export(name: str, fmt: str):
    """One report table as CSV or XLSX."""
    if fmt not in EXPORT_FORMATS:
        raise bad_request(DomainError(_("Format unduhan harus csv atau xlsx.")))
    period = period_arg()
    title, headers, rows = report_table(name, period, today(), kind=kind_arg())
    return table_response(fmt, f"laporan-{name}-{period.code}", headers, rows, title=title)


@bp.route("/laporan/bulanan.pdf")
@roles(STAFF_AND_OFFICIALS)
def monthly_pdf():
    """The monthly report as a PDF: headline figures, charts and tables."""
    period = period_arg(default=today().strftime("%Y-%m"))
    if period.kind != "month":
        raise bad_request(DomainError(_("Laporan bulanan memerlukan periode bulan, misalnya 2025-05.")))
    data = pdf_report.monthly_report(period, today())
    return download(data, f"laporan-bulanan-{period.code}.pdf", "application/pdf")


from bontang.reports import views_company  # noqa: E402,F401  (registers the company routes)
