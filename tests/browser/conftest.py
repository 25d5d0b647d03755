"""Browser tests: the real app under gunicorn on a free port, driven by Playwright + Chromium.

The server runs the real migrations and the demo seed on its own database (a SQLite file, or a
fresh PostgreSQL database when TEST_DATABASE_URL points at one). Tests share that server, so
each test uses its own demo company or creates its own data.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from tests.scratch_db import scratch_database

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DEMO_PASSWORD = "bontang-demo-2025"

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server():
    """Base URL of the running app, seeded with the demo data."""
    tmp = Path(tempfile.mkdtemp(prefix="bontang-browser-"))
    database_url, drop = scratch_database("browser")
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "browser-test", "APP_ENV": "development",
           "BASE_URL": base_url, "LOGIN_LIMIT": "1000 per minute", "CODE_LIMIT": "1000 per minute",
           "FLASK_APP": "app", "INSTANCE_PATH_OVERRIDE": str(tmp)}
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "flask"), "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([str(bin_dir / "flask"), "seed-demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    log = open(tmp / "server.log", "w")
    server = subprocess.Popen([str(bin_dir / "gunicorn"), "--workers", "2", "--graceful-timeout", "5", "--bind", f"127.0.0.1:{port}", "app:app"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    # The task-queue worker beside the server, as `make run` starts it.
    worker = subprocess.Popen([str(bin_dir / "huey_consumer"), "bontang.tasks.worker.huey", "--workers", "2",
                               "--worker-type", "process", "--max-delay", "0.5"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_until_up(base_url, server, tmp / "server.log")
        yield base_url
    finally:
        # On a crowded machine gunicorn may still be finishing a request: give it a moment, then kill.
        _stop(server, lambda: server.terminate(), lambda: server.kill())
        _stop(worker, lambda: os.killpg(worker.pid, signal.SIGINT), lambda: os.killpg(worker.pid, signal.SIGKILL))
        log.close()
        drop()
        shutil.rmtree(tmp, ignore_errors=True)


def _stop(process: subprocess.Popen, ask, force, grace: float = 20) -> None:
    ask()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        force()
        process.wait(timeout=10)


def _wait_until_up(base_url: str, server: subprocess.Popen, log: Path) -> None:
    # Generous: with two pytest workers, two servers and two task workers import the app at the same time.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("server exited:\n" + log.read_text()[-3000:])
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start:\n" + log.read_text()[-3000:])


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A page the size of a phone (390 px wide) with touch."""
    context = browser.new_context(base_url=live_server, viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def login(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real form and wait for the home page."""
    page.goto("/masuk")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url(lambda url: "/masuk" not in url)


def logout(page) -> None:
    page.get_by_role("button", name="Keluar").first.click()
    page.wait_for_url("**/masuk")


def wait_for_page(page) -> None:
    """Wait until htmx has swapped and settled whatever the last click asked for."""
    page.wait_for_function("() => document.readyState === 'complete' && !document.querySelector("
                           "'.htmx-request, .htmx-settling, .htmx-swapping, [aria-busy=true]')")


def open_menu(page, name: str) -> None:
    """Open a main menu entry as a person would: ☰ on a phone, "Lainnya" for secondary entries."""
    nav = page.get_by_role("navigation", name="Navigasi utama")
    toggle = page.get_by_role("button", name="Menu")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    link = nav.get_by_role("link", name=name, exact=True).first
    if not link.is_visible():
        nav.get_by_role("button", name="Lainnya").click()
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(lambda url: urlparse(url).path == href)
    wait_for_page(page)


def menu_entries(page) -> list[str]:
    """Labels of every entry of the main menu, in order."""
    return [text.strip() for text in page.locator("#main-nav a").all_inner_texts()]


# A rule of the stylesheet per component, checked wherever the component is on the page.
COMPONENT_STYLES = {
    ".topbar": ("backgroundColor", "rgb(11, 93, 75)"),
    ".signature-pad__canvas": ("borderTopStyle", "dashed"),
    ".mou-paper": ("maxWidth", "832px"),
    ".chart-frame": ("minWidth", "0px"),  # holds a wide and a narrow drawing; CSS shows one (test_charts_phone.py)
    ".graduate-list": ("display", "grid"),
    ".hiring-grid": ("display", "grid"),
    ".report-period": ("display", "flex"),
    ".skill-picker__list": ("display", "grid"),
}
# Script behaviours: elements that a page script binds mark themselves with a data attribute.
BOUND = {"[data-signature-pad]": "padBound", "[data-select-all]": "selectAllBound", "form[data-umk]": "umkBound",
         "[data-skill-filter]": "filterBound", "[data-nav-toggle]": "navBound", "main table": "labelled"}


_FRESH_ASSETS: dict[str, tuple[set[str], set[str]]] = {}  # address -> what a fresh visit loads


def assert_page_complete(page) -> None:
    """Every stylesheet and script a fresh visit of this address loads is present, its rules apply and
    the page scripts have bound to the content (checked after boosted navigation)."""
    if page.url not in _FRESH_ASSETS:
        fresh = page.request.get(page.url).text()
        _FRESH_ASSETS[page.url] = (
            {urljoin(page.url, href) for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', fresh)},
            {urljoin(page.url, src) for src in re.findall(r'<script src="([^"]+)"', fresh)})
    wanted_css, wanted_js = _FRESH_ASSETS[page.url]
    loaded = page.evaluate("""() => ({
        css: [...document.styleSheets].filter(s => s.href && s.cssRules.length).map(s => s.href),
        js: [...document.scripts].map(s => s.src).filter(Boolean)})""")
    assert wanted_css and wanted_css <= set(loaded["css"]), f"stylesheets missing on {page.url}"
    assert wanted_js <= set(loaded["js"]), f"scripts missing on {page.url}: {wanted_js - set(loaded['js'])}"
    wrong = page.evaluate("""([styles, bound]) => {
        const out = [];
        for (const [sel, [prop, value]] of Object.entries(styles))
          for (const el of document.querySelectorAll(sel))
            if (getComputedStyle(el)[prop] !== value) out.push(`${sel} ${prop}=${getComputedStyle(el)[prop]}`);
        for (const [sel, key] of Object.entries(bound))
          for (const el of document.querySelectorAll(sel))
            if (!el.dataset[key]) out.push(`${sel} not bound`);
        // A boosted link inside an element with hx-target would swap the next page into that element.
        for (const a of document.querySelectorAll("a[href]")) {
          const owner = a.closest("[hx-target]");
          if (owner && owner !== a && !owner.hasAttribute("hx-disinherit") && !a.closest("[hx-boost=false]"))
            out.push(`link ${a.getAttribute("href")} inherits hx-target`);
        }
        return out; }""", [COMPONENT_STYLES, BOUND])
    assert not wrong, f"styles or behaviours missing on {page.url}: {wrong}"


def assert_fits(page, *widths: int) -> None:
    """Nothing scrolls sideways at each width (the viewport is restored afterwards)."""
    size = page.viewport_size
    for width in widths:
        page.set_viewport_size({"width": width, "height": size["height"]})
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{page.url} scrolls sideways at {width} px ({scroll} px wide)"
    page.set_viewport_size(size)


def assert_accessible(page, *, impacts=("serious", "critical")) -> None:
    """Run axe-core on the current page; fail on violations of the given impact.

    Boosted navigation keeps the document, so axe is injected once per document, not per check."""
    from axe_playwright_python.sync_playwright import Axe

    global _AXE_SCRIPT
    if not page.evaluate("!!window.axe"):
        _AXE_SCRIPT = _AXE_SCRIPT or Axe().axe_script
        page.evaluate(_AXE_SCRIPT)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [v for v in results["violations"] if v.get("impact") in impacts]
    summary = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — "
                        f"{[(n['target'], n['html'][:160], n.get('failureSummary', '')[:200]) for n in v['nodes']][:3]}"
                        for v in violations)
    assert not violations, f"accessibility violations on {page.url}:\n{summary}"


_AXE_SCRIPT = ""
