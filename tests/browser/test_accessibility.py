"""axe-core finds no serious or critical problem on the pages the menu does not reach: the public
pages and the forms behind buttons (tests/browser/test_navigation.py covers every menu entry)."""
from tests.browser.conftest import assert_accessible, assert_fits, login, open_menu, wait_for_page


def _check(page) -> None:
    assert_accessible(page)
    assert_fits(page, 390, 360)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_public_pages(page):
    page.goto("/masuk")
    _check(page)
    page.get_by_role("link", name="Lupa kata sandi?").click()
    wait_for_page(page)
    _check(page)
    page.get_by_role("link", name="Kemitraan Ketenagakerjaan").click()
    wait_for_page(page)
    _check(page)


def test_forms_behind_buttons(page):
    login(page, "admin@disnaker.example.com")
    for entry, button in [("Pengguna", "Tambah pengguna"), ("Perusahaan", "Tambah perusahaan")]:
        open_menu(page, entry)
        page.get_by_role("link", name=button).click()
        wait_for_page(page)
        _check(page)


def test_invalid_form_shows_errors_next_to_fields(page):
    login(page, "petugas@disnaker.example.com")
    open_menu(page, "Perusahaan")
    page.get_by_role("link", name="Tambah perusahaan").click()
    wait_for_page(page)
    page.get_by_label("NIB").fill("123")
    page.get_by_role("button", name="Simpan").click()
    error = page.locator("#nib-error")
    error.wait_for()
    assert "13 digit" in error.inner_text()
    assert page.get_by_label("NIB").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
