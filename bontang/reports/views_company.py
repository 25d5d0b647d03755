"""The company page: for the company's own users, and for Disnaker and officials about any company."""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from bontang.accounts.models import Company
from bontang.exports import table_response
from bontang.extensions import db
from bontang.pagination import paginate
from bontang.reports import bp, chartsets, services
from bontang.reports.tables import COMPANY_TABLES
from bontang.reports.views import EXPORT_FORMATS, period_arg
from bontang.security import COMPANY, STAFF_AND_OFFICIALS, roles
from bontang.web import page_number, render

PLACEMENTS_SHOWN = 10


def _company_page(company: Company, endpoint: str):
    period = period_arg()
    figures = services.company_figures(company, period)
    page = paginate(services.company_requests(company.id), page_number(), 20, scalars=False)
    chart = chartsets.company_chart(figures["share"], figures["target"], company.name)
    placements = db.session.execute(services.company_placements(company.id).limit(PLACEMENTS_SHOWN)).all()
    return render("reports/company.html", "reports/_company_requests.html", company=company, figures=figures,
                  page=page, chart=chart, endpoint=endpoint, period=period, placements=placements)


def _company_export(company: Company, table: str, fmt: str):
    if fmt not in EXPORT_FORMATS or table not in COMPANY_TABLES:
        abort(404)
    select_ = services.company_requests if table == "permintaan" else services.company_placements
    headers, rows = COMPANY_TABLES[table](db.session.execute(select_(company.id)))
    return table_response(fmt, f"{table}-perusahaan-{company.id}", headers, rows, title=table.capitalize())


def _own_company() -> Company:
    company = db.session.get(Company, current_user.company_id)
    if company is None:
        abort(404)
    return company


def _any_company(company_id: int) -> Company:
    company = db.session.get(Company, company_id)
    if company is None:
        abort(404)
    return company


@bp.route("/laporan/perusahaan-saya")
@roles(COMPANY)
def company():
    """The company's own page: MoU status, requests, placements and local share."""
    return _company_page(_own_company(), "reports.company")


@bp.route("/laporan/perusahaan-saya/<table>.<fmt>")
@roles(COMPANY)
def company_export(table: str, fmt: str):
    """The company's own requests or placements as CSV or XLSX."""
    return _company_export(_own_company(), table, fmt)


@bp.route("/laporan/perusahaan/<int:company_id>")
@roles(STAFF_AND_OFFICIALS)
def company_detail(company_id: int):
    """Any company's page, for Disnaker and officials."""
    return _company_page(_any_company(company_id), "reports.company_detail")


@bp.route("/laporan/perusahaan/<int:company_id>/<table>.<fmt>")
@roles(STAFF_AND_OFFICIALS)
def company_detail_export(company_id: int, table: str, fmt: str):
    """Any company's requests or placements as CSV or XLSX."""
    return _company_export(_any_company(company_id), table, fmt)
