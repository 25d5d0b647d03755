"""The company page: for the company's own users, and for Disnaker and officials about any company."""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from bontang.accounts.models import Company
from bontang.exports import table_response
from bontang.extensions import db
from bontang.pagination import paginate
from bontang.reports import bp, chartsets, services
from bontang.reports.tables import company_request_rows
from bontang.reports.views import EXPORT_FORMATS, period_arg
from bontang.security import COMPANY, STAFF_AND_OFFICIALS, roles
from bontang.web import page_number, render


def _company_page(company: Company, endpoint: str):
    period = period_arg()
    figures = services.company_figures(company, period)
    page = paginate(services.company_requests(company.id), page_number(), 20, scalars=False)
    chart = chartsets.company_chart(figures["share"], figures["target"], company.name)
    return render("reports/company.html", "reports/_company_requests.html", company=company, figures=figures,
                  page=page, chart=chart, endpoint=endpoint, period=period)


def _company_export(company: Company, fmt: str):
    if fmt not in EXPORT_FORMATS:
        abort(404)
    headers, rows = company_request_rows(db.session.execute(services.company_requests(company.id)))
    return table_response(fmt, f"permintaan-perusahaan-{company.id}", headers, rows, title="Permintaan")


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


@bp.route("/laporan/perusahaan-saya/permintaan.<fmt>")
@roles(COMPANY)
def company_export(fmt: str):
    """The company's own requests as CSV or XLSX."""
    return _company_export(_own_company(), fmt)


@bp.route("/laporan/perusahaan/<int:company_id>")
@roles(STAFF_AND_OFFICIALS)
def company_detail(company_id: int):
    """Any company's page, for Disnaker and officials."""
    return _company_page(_any_company(company_id), "reports.company_detail")


@bp.route("/laporan/perusahaan/<int:company_id>/permintaan.<fmt>")
@roles(STAFF_AND_OFFICIALS)
def company_detail_export(company_id: int, fmt: str):
    """Any company's requests as CSV or XLSX."""
    return _company_export(_any_company(company_id), fmt)
