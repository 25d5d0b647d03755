"""Report pages: access by role, company scoping, period filter, htmx fragments and shown figures."""
from __future__ import annotations

import pytest

from bontang.accounts.models import Role
from bontang.extensions import db
from tests.factories import make_company

STAFF_ONLY = ["/laporan", "/laporan/porsi-lokal", "/laporan/kesenjangan-keterampilan", "/laporan/unduh/mou.csv",
              "/laporan/bulanan.pdf?periode=2025-05", "/laporan/perusahaan/{other}",
              "/laporan/perusahaan/{other}/permintaan.csv", "/laporan/perusahaan/{other}/penempatan.xlsx"]
COMPANY_ONLY = ["/laporan/perusahaan-saya", "/laporan/perusahaan-saya/permintaan.xlsx", "/laporan/perusahaan-saya/penempatan.csv"]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("url", STAFF_ONLY + COMPANY_ONLY)
def test_access_by_role(client, login_as, role, url):
    other = make_company()
    login_as(role)
    response = client.get(url.format(other=other.id))
    allowed = role in (Role.ADMIN, Role.STAFF, Role.OFFICIAL) if url in STAFF_ONLY else role in (Role.COMPANY_REP, Role.COMPANY_HR)
    assert response.status_code == (200 if allowed else 403)


def test_anonymous_goes_to_login(client):
    response = client.get("/laporan")
    assert response.status_code == 302 and "/masuk" in response.headers["Location"]


def test_dashboard_shows_the_figures(client, login_as, scenario):
    login_as(Role.OFFICIAL)
    html = client.get("/laporan?periode=2025").get_data(as_text=True)
    assert "Tahun 2025" in html
    assert "1 dari 3" in html  # MoU completed of active companies
    assert "5 / 10" in html  # positions filled / requested
    assert "60%" in html and "3 hari" in html and "10 hari" in html
    assert html.index("PT Beta") < html.index("Lihat semua perusahaan")  # below-target list
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--wide" role="img"' in html
    assert html.count('class="chart chart--narrow"') == html.count('class="chart chart--wide"')
    assert "Rencana kebutuhan dan posisi diminta, Tahun 2025" in html
    assert "style=" not in html


def test_period_filter_answers_with_the_fragment_for_htmx(client, login_as, scenario):
    login_as(Role.STAFF)
    response = client.get("/laporan?periode=2025-Q1", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith('<div id="dashboard"') and "Triwulan I 2025" in html


@pytest.mark.parametrize("code", ["2025-13", "2025-Q5", "semua", "1999", "2025-5", "<script>"])
def test_unknown_period_is_400_with_a_message(client, login_as, code):
    login_as(Role.STAFF)
    response = client.get("/laporan", query_string={"periode": code})
    assert response.status_code == 400
    assert "tidak dikenal" in response.get_data(as_text=True)
    htmx = client.get("/laporan", query_string={"periode": code}, headers={"HX-Request": "true"})
    assert htmx.status_code == 400 and "<html" not in htmx.get_data(as_text=True)


def test_empty_period_shows_an_empty_state(client, login_as, scenario):
    login_as(Role.STAFF)
    response = client.get("/laporan?periode=2024-03")
    assert response.status_code == 200 and 'data-testid="empty-state"' in response.get_data(as_text=True)


def test_unknown_skill_kind_is_400(client, login_as):
    login_as(Role.STAFF)
    response = client.get("/laporan/kesenjangan-keterampilan?jenis=sihir")
    assert response.status_code == 400 and "tidak dikenal" in response.get_data(as_text=True)


def test_skills_page_lists_the_shortage(client, login_as, scenario):
    login_as(Role.STAFF)
    html = client.get("/laporan/kesenjangan-keterampilan").get_data(as_text=True)
    assert html.index("Pengelasan") < html.index("Instalasi listrik")
    fragment = client.get("/laporan/kesenjangan-keterampilan?jenis=soft", headers={"HX-Request": "true"})
    assert "<html" not in fragment.get_data(as_text=True) and "Pengelasan" not in fragment.get_data(as_text=True)


def test_local_share_page_lists_below_target_first(client, login_as, scenario):
    login_as(Role.STAFF)
    html = client.get("/laporan/porsi-lokal?periode=2025").get_data(as_text=True)
    assert html.index("PT Beta") < html.index("PT Alfa") < html.index("PT Gamma")
    assert "PT Delta Nonaktif" not in html


def test_company_page_for_its_own_users(client, login_as, scenario):
    login_as(Role.COMPANY_HR, company=scenario["a"])
    html = client.get("/laporan/perusahaan-saya?periode=2025").get_data(as_text=True)
    assert "PT Alfa" in html and "Selesai (kedua pihak)" in html
    assert "75%" in html and "PT Beta" not in html
    assert 'data-testid="company-requests"><span class="stat__value">2<' in html


def test_company_user_cannot_open_another_company(client, login_as, scenario):
    login_as(Role.COMPANY_REP, company=scenario["a"])
    assert client.get(f"/laporan/perusahaan/{scenario['b'].id}").status_code == 403
    assert client.get("/laporan?periode=2025").status_code == 403


def test_staff_open_any_company_and_missing_one_is_404(client, login_as, scenario):
    login_as(Role.STAFF)
    html = client.get(f"/laporan/perusahaan/{scenario['b'].id}?periode=2025").get_data(as_text=True)
    assert "PT Beta" in html and "Ditandatangani perusahaan" in html
    assert client.get("/laporan/perusahaan/99999").status_code == 404


def test_company_requests_paginate_with_htmx(client, login_as, scenario):
    login_as(Role.STAFF)
    response = client.get(f"/laporan/perusahaan/{scenario['a'].id}?page=1", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert "<html" not in html and html.lstrip().startswith('<div id="company-requests"')


def test_reports_write_nothing(client, login_as, scenario):
    from bontang.audit import AuditEvent
    from sqlalchemy import func, select

    login_as(Role.STAFF)
    before = db.session.scalar(select(func.count(AuditEvent.id)))
    for _ in range(2):
        assert client.get("/laporan?periode=2025").status_code == 200
    assert db.session.scalar(select(func.count(AuditEvent.id))) == before


def test_local_share_filter_answers_with_the_fragment(client, login_as, scenario):
    login_as(Role.STAFF)
    html = client.get("/laporan/porsi-lokal?periode=2025-Q1", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in html and html.lstrip().startswith('<div id="local-table"') and "Triwulan I 2025" in html
    assert client.get("/laporan/porsi-lokal?periode=2025-Q9").status_code == 400
