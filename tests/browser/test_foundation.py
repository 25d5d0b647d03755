"""Logging in and out, wrong passwords, the phone menu and the language switch in a real browser."""
from playwright.sync_api import expect

from tests.browser.conftest import login, logout, menu_entries


def test_each_role_logs_in_and_sees_its_home(page):
    """The home page greets the user; every role's menu: tests/browser/test_navigation.py."""
    login(page, "admin@disnaker.example.com")
    expect(page.locator("h1")).to_contain_text("Selamat datang")
    assert "Pengguna" in menu_entries(page)
    logout(page)
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()


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
