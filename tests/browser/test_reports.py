"""Officials read the dashboard and change its period in place; companies see only their own page."""
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits, login, open_menu, wait_for_page


def test_official_changes_the_period_in_place(page):
    login(page, "kadis@disnaker.example.com")
    open_menu(page, "Dasbor")
    expect(page.get_by_role("heading", name="Dasbor kemitraan ketenagakerjaan")).to_be_visible()
    expect(page.locator("svg.chart").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Periode").select_option("2025-Q3")
    expect(page.locator("#dashboard h2")).to_have_text("Triwulan III 2025")
    # Only the summary is announced, through the page's one live region.
    expect(page.locator("#live-region")).to_contain_text("Triwulan III 2025:")
    assert page.locator("#dashboard[aria-live]").count() == 0
    assert "periode=2025-Q3" in page.url
    expect(page.get_by_test_id("stat-requests")).to_be_visible()
    page.get_by_label("Periode").select_option("2024-02")
    expect(page.get_by_test_id("empty-state")).to_be_visible()


def test_monthly_pdf_downloads(page):
    login(page, "petugas@disnaker.example.com")
    open_menu(page, "Dasbor")
    page.get_by_label("Periode").select_option("2025-10")
    wait_for_page(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh laporan bulanan (PDF)").click()
    assert download.value.suggested_filename == "laporan-bulanan-2025-10.pdf"


def test_dashboard_and_skills_fit_a_phone(phone_page):
    login(phone_page, "kadis@disnaker.example.com")
    open_menu(phone_page, "Dasbor")
    for period in ["2025", "2025-Q3"]:
        phone_page.get_by_label("Periode").select_option(period)
        wait_for_page(phone_page)
        assert_fits(phone_page, 390, 360)
        assert_accessible(phone_page)
    for link in ["Kesenjangan keterampilan", "Porsi lokal per perusahaan"]:
        open_menu(phone_page, "Dasbor")
        phone_page.get_by_role("link", name=link).click()
        wait_for_page(phone_page)
        expect(phone_page.locator("h1")).to_be_visible()
        assert_fits(phone_page, 390, 360)
        assert_accessible(phone_page)
    phone_page.locator("main table tbody a").first.click()
    wait_for_page(phone_page)
    expect(phone_page.locator("h1")).to_be_visible()
    assert_fits(phone_page, 390, 360)
    assert_accessible(phone_page)


def test_company_sees_its_own_page_only(page):
    login(page, "hrd044@mitra.example.com")
    open_menu(page, "Profil perusahaan")
    expect(page.get_by_test_id("mou-status")).to_be_visible()
    expect(page.locator("#company-requests tbody tr").first).to_be_visible()
    # Access to other companies and to the dashboard is refused on the server (tests/reports/test_views.py);
    # here the menu offers no way there.
    assert page.get_by_role("link", name="Dasbor").count() == 0
