"""axe-core finds no serious or critical accessibility problem on the main pages of each role."""
import pytest

from tests.browser.conftest import assert_accessible, login

PAGES = {
    None: ["/", "/masuk", "/lupa-sandi"],
    "admin@disnaker.example.com": ["/", "/kelola/pengguna", "/kelola/pengguna/baru", "/admin/kotak-keluar", "/admin/audit"],
    "petugas@disnaker.example.com": ["/kelola/perusahaan", "/kelola/perusahaan/baru", "/kelola/perusahaan/1"],
    "hrd001@mitra.example.com": ["/"],
}


@pytest.mark.parametrize("email", list(PAGES))
def test_pages_have_no_serious_accessibility_violations(page, email):
    if email:
        login(page, email)
    for path in PAGES[email]:
        page.goto(path)
        assert_accessible(page)
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{path} scrolls sideways at 390 px"
        page.set_viewport_size({"width": 1280, "height": 900})


def test_invalid_form_shows_errors_next_to_fields(page):
    login(page, "petugas@disnaker.example.com")
    page.goto("/kelola/perusahaan/baru")
    page.get_by_label("NIB").fill("123")
    page.get_by_role("button", name="Simpan").click()
    error = page.locator("#nib-error")
    error.wait_for()
    assert "13 digit" in error.inner_text()
    assert page.get_by_label("NIB").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
