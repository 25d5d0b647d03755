"""Every role clicks through every menu entry, as a person would, at desktop and phone width.

After each boosted navigation the page must have every stylesheet and script that a fresh visit
loads, its styles and behaviours must work (the signature pads take a drawn stroke), nothing may
scroll sideways at 390 and 360 px, and axe-core must find no serious or critical violation.
One logged-in context per role serves both widths.
"""
from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (assert_accessible, assert_fits, assert_page_complete, login, menu_entries,
                                    open_menu, wait_for_page)

# Roles that reach the same pages (admins see all that staff see, officials a part of it; HR the
# company pages of the representative): axe checks each page once per group and width, and the first
# record of a list is opened once per group. Every role still clicks every one of its menu entries.
AXE_GROUP = {"admin": "disnaker", "staff": "disnaker", "official": "disnaker", "company_rep": "company",
             "company_hr": "company"}
_axe_done: set[tuple[str, str, bool]] = set()

_drilled: set[tuple[str, str]] = set()

ROLES = {  # role: (demo account, role label on the home page)
    "admin": ("admin@disnaker.example.com", "Administrator Disnaker"),
    "staff": ("petugas@disnaker.example.com", "Petugas Disnaker"),
    "official": ("kadis@disnaker.example.com", "Pejabat"),
    "company_rep": ("wakil040@mitra.example.com", "Wakil perusahaan"),
    "company_hr": ("hrd001@mitra.example.com", "HRD perusahaan"),
    "trainer": ("blk@pelatihan.example.com", "Lembaga pelatihan"),
}


def draw_stroke(page) -> None:
    """Draw a short line on the visible signature pad with the mouse."""
    canvas = page.locator("[data-signature-canvas]")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] * 0.6)
    page.mouse.down()
    for step in range(1, 10):
        page.mouse.move(box["x"] + 20 + step * 15, box["y"] + box["height"] * (0.6 - 0.04 * (step % 3)))
    page.mouse.up()


def assert_signature_pad_works(page) -> None:
    """One method panel shows at a time and a drawn stroke reaches the hidden form field."""
    expect(page.locator("[data-method-panel=typed]")).to_be_hidden()
    field = page.locator("[data-signature-input]")
    assert field.input_value() == ""
    draw_stroke(page)
    assert field.input_value().startswith("data:image/png;base64,")
    page.get_by_role("button", name="Hapus gambar").click()
    assert field.input_value() == ""


# The first record of a list page (a table row's link or a graduate card): the page one click deeper.
DETAIL_LINK = ("main :is(table tbody, .graduate-list) a[href^='/']:not([hx-boost=false]):not([download])"
               ":not([hx-get])")


def check_page(page, role: str, *, phone: bool) -> None:
    expect(page.locator("main h1")).to_be_visible()
    assert_page_complete(page)
    if phone:
        assert_fits(page, 390, 360)
    key = (AXE_GROUP.get(role, role), page.url, phone)
    if key not in _axe_done:
        _axe_done.add(key)
        assert_accessible(page)
    if page.locator("[data-signature-pad]").count():
        assert_signature_pad_works(page)


def visit_every_entry(page, role: str, *, phone: bool) -> list[str]:
    """Click each menu entry and check the page it opens; return the labels visited.

    At desktop width the first record of each list is opened too, and checked at both widths."""
    entries = menu_entries(page)
    assert entries, "the menu is empty"
    for entry in entries:
        open_menu(page, entry)
        check_page(page, role, phone=phone)
        detail = page.locator(DETAIL_LINK).first
        drill = (AXE_GROUP.get(role, role), entry)
        if not phone and drill not in _drilled and detail.count():
            _drilled.add(drill)
            href = urlparse(detail.get_attribute("href")).path
            detail.click()
            page.wait_for_url(lambda url: urlparse(url).path == href)
            wait_for_page(page)
            check_page(page, role, phone=False)
            page.set_viewport_size({"width": 390, "height": 844})
            check_page(page, role, phone=True)
            page.set_viewport_size({"width": 1280, "height": 900})
    return entries


@pytest.mark.parametrize("role", ["staff", "admin", "official", "company_rep", "company_hr", "trainer"])
def test_every_menu_entry_works_after_boosted_navigation(browser, live_server, role):
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        email, label = ROLES[role]
        login(page, email)
        expect(page.get_by_test_id("role")).to_have_text(label)
        nav_height = page.locator(".topbar").bounding_box()["height"]
        assert nav_height < 70, f"the menu wraps onto a second row at 1280 px ({nav_height} px high)"
        entries = visit_every_entry(page, role, phone=False)
        page.set_viewport_size({"width": 390, "height": 844})
        assert visit_every_entry(page, role, phone=True) == entries
    finally:
        context.close()


def test_signature_pad_after_menu_navigation_on_a_phone(phone_page):
    """The reported journey: ☰ → MoU perusahaan → draw; the field fills and the page fits."""
    login(phone_page, "wakil041@mitra.example.com")
    open_menu(phone_page, "Beranda")
    open_menu(phone_page, "MoU perusahaan")
    assert_page_complete(phone_page)
    assert_signature_pad_works(phone_page)
    assert_fits(phone_page, 390, 360)


def test_focus_moves_to_the_new_heading_after_navigation(page):
    login(page, "petugas@disnaker.example.com")
    open_menu(page, "Perusahaan")
    assert page.evaluate("document.activeElement.tagName") == "H1"
    page.get_by_label("Cari nama atau NIB").fill("(007)")
    wait_for_page(page)
    expect(page.locator("#live-region")).to_have_text("Perusahaan ditemukan: 1")


RECORD_WAIT = """() => {
  window.seen = new Set();
  new MutationObserver(records => records.forEach(r => {
    const el = r.target;
    if (el.id === "nav-progress" && el.classList.contains("htmx-request")) seen.add("progress");
    if (el.matches && el.matches("button[disabled]")) seen.add("disabled:" + el.textContent.trim());
    if (el.matches && el.matches("button.is-busy")) seen.add("spinner:" + el.textContent.trim());
    if (el.getAttribute && el.getAttribute("aria-busy") === "true" && el.id) seen.add("busy:" + el.id);
  })).observe(document.body, {attributes: true, subtree: true, attributeFilter: ["class", "disabled", "aria-busy"]});
}"""


def test_every_wait_shows_feedback(page):
    """Starting work disables its button with a spinner, marks the region aria-busy and runs the bar."""
    login(page, "wakil042@mitra.example.com")
    open_menu(page, "MoU perusahaan")
    page.evaluate(RECORD_WAIT)
    page.get_by_role("button", name="Kirim kode ke e-mail saya").click()
    expect(page.locator("#code-status")).to_contain_text("Kode 6 digit dikirim")
    seen = set(page.evaluate("[...window.seen]"))
    assert {"progress", "disabled:Kirim kode ke e-mail saya", "spinner:Kirim kode ke e-mail saya",
            "busy:code-status"} <= seen, seen
    page.get_by_role("button", name="Tandatangani MoU").click()  # no signature, no code: errors come back
    expect(page.locator("#sign-form [role=alert]").first).to_be_focused()  # the errors are read out
    seen = set(page.evaluate("[...window.seen]"))
    assert {"disabled:Tandatangani MoU", "busy:sign-form"} <= seen, seen
