"""Each demo role logs in through the browser and sees a home page that fits the role."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, logout, menu_entries

ROLES = [
    ("admin@disnaker.example.com", "Administrator Disnaker", "Pengguna"),
    ("petugas@disnaker.example.com", "Petugas Disnaker", "Perusahaan"),
    ("kadis@disnaker.example.com", "Pejabat", None),
    ("blk@pelatihan.example.com", "Lembaga pelatihan", None),
    ("wakil001@mitra.example.com", "Wakil perusahaan", None),
    ("hrd001@mitra.example.com", "HRD perusahaan", None),
]


@pytest.mark.parametrize("email, role_label, nav_link", ROLES)
def test_each_role_logs_in_and_sees_its_home(page, email, role_label, nav_link):
    login(page, email)
    assert page.get_by_test_id("role").inner_text() == role_label
    assert "Selamat datang" in page.locator("h1").inner_text()
    if nav_link:
        assert nav_link in menu_entries(page)
    logout(page)


def test_wrong_password_shows_message(page):
    page.goto("/masuk")
    page.get_by_label("E-mail").fill("petugas@disnaker.example.com")
    page.get_by_label("Kata sandi").fill("salah-sekali")
    page.get_by_role("button", name="Masuk").last.click()
    expect(page.get_by_role("alert").filter(has_text="E-mail atau kata sandi salah")).to_be_visible()


def test_phone_layout_has_menu_toggle(phone_page):
    login(phone_page, "hrd001@mitra.example.com")
    toggle = phone_page.get_by_role("button", name="Menu")
    assert toggle.is_visible()
    toggle.click()
    expect(phone_page.get_by_role("button", name="Keluar")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone: {width}px"


def test_language_switch_to_english_and_back(page):
    page.goto("/masuk")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
