"""Officials read the dashboard and change its period in place; companies see only their own page."""
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login


def test_official_changes_the_period_in_place(page):
    login(page, "kadis@disnaker.example.com")
    page.get_by_role("link", name="Dasbor").first.click()
    expect(page.get_by_role("heading", name="Dasbor kemitraan ketenagakerjaan")).to_be_visible()
    expect(page.locator("svg.chart").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Periode").select_option("2025-Q3")
    expect(page.locator("#dashboard h2")).to_have_text("Triwulan III 2025")
    assert "periode=2025-Q3" in page.url
    expect(page.get_by_test_id("stat-requests")).to_be_visible()
    page.get_by_label("Periode").select_option("2024-02")
    expect(page.get_by_test_id("empty-state")).to_be_visible()


def test_monthly_pdf_downloads(page):
    login(page, "petugas@disnaker.example.com")
    page.goto("/laporan?periode=2025-10")
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh laporan bulanan (PDF)").click()
    assert download.value.suggested_filename == "laporan-bulanan-2025-10.pdf"


def test_dashboard_and_skills_fit_a_phone(phone_page):
    login(phone_page, "kadis@disnaker.example.com")
    for path in ["/laporan?periode=2025", "/laporan/kesenjangan-keterampilan", "/laporan/porsi-lokal", "/laporan/perusahaan/44"]:
        phone_page.goto(path)
        expect(phone_page.locator("h1")).to_be_visible()
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390, f"{path} scrolls sideways"
        assert_accessible(phone_page)


def test_company_sees_its_own_page_only(page):
    login(page, "hrd044@mitra.example.com")
    page.goto("/laporan/perusahaan-saya")
    expect(page.get_by_test_id("mou-status")).to_be_visible()
    expect(page.locator("#company-requests tbody tr").first).to_be_visible()
    assert page.goto("/laporan").status == 403
    assert page.goto("/laporan/perusahaan/45").status == 403
