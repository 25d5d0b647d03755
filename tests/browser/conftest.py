"""Browser tests: the real app under gunicorn on a free port, driven by Playwright + Chromium.

The server runs the real migrations and the demo seed on its own database (a SQLite file, or a
fresh PostgreSQL database when TEST_DATABASE_URL points at one). Tests share that server, so
each test uses its own demo company or creates its own data.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

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
    server = subprocess.Popen([str(bin_dir / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}", "app:app"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    # The task-queue worker beside the server, as `make run` starts it.
    worker = subprocess.Popen([str(bin_dir / "huey_consumer"), "bontang.tasks.worker.huey", "--workers", "2",
                               "--worker-type", "process", "--max-delay", "0.5"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_until_up(base_url, server, tmp / "server.log")
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=10)
        os.killpg(worker.pid, signal.SIGINT)
        worker.wait(timeout=20)
        log.close()
        drop()
        shutil.rmtree(tmp, ignore_errors=True)


def _wait_until_up(base_url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
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


def assert_accessible(page, *, impacts=("serious", "critical")) -> None:
    """Run axe-core on the current page; fail on violations of the given impact."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = [v for v in results.response["violations"] if v.get("impact") in impacts]
    summary = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
                        for v in violations)
    assert not violations, f"accessibility violations on {page.url}:\n{summary}"
