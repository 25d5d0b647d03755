"""Screenshots of the demo for the README: each role's home page and the signing flow on a phone.

Usage: make screenshots  (or .venv/bin/python tools/screenshots.py [--base-url URL])

Without --base-url the script serves the app itself (gunicorn on a free port, the database that
`make seed` filled) and stops it afterwards. It logs in through the form and clicks the menu like
a person, so the pictures show what a visitor sees. It never signs: the demo keeps its state.
PNGs are reduced to a 128-colour palette so the whole set stays a few hundred KB.
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PASSWORD = "bontang-demo-2025"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
HOMES = [  # file name, account, menu entry to open after the home page (None: the home page itself)
    ("staff-home", "petugas@disnaker.example.com", None),
    ("staff-mou", "petugas@disnaker.example.com", "MoU"),
    ("admin-audit", "admin@disnaker.example.com", "Log audit"),
    ("official-dashboard", "kadis@disnaker.example.com", "Dasbor"),
    ("company-rep-home", "wakil050@mitra.example.com", None),
    ("company-hr-requests", "hrd001@mitra.example.com", "Permintaan tenaga kerja"),
    ("trainer-programmes", "blk@pelatihan.example.com", "Pelatihan"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve() -> tuple[str, subprocess.Popen]:
    port = _free_port()
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "--workers", "2", "--bind",
                               f"127.0.0.1:{port}", "app:app"], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return base, server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the app did not start")


def _save(page, name: str, *, full_page: bool = False) -> None:
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    Image.open(path).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print(f"  {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")


def _login(context, email: str):
    page = context.new_page()
    page.goto("/masuk")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url(lambda url: "/masuk" not in url)
    return page


def _settle(page) -> None:
    page.wait_for_function("() => !document.querySelector('.htmx-request, [aria-busy=true]')")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.wait_for_timeout(300)  # the top bar fades out


def _open(page, entry: str) -> None:
    nav = page.get_by_role("navigation", name="Navigasi utama")
    toggle = page.get_by_role("button", name="Menu")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    link = nav.get_by_role("link", name=entry, exact=True).first
    if not link.is_visible():
        nav.get_by_role("button", name="Lainnya").click()
    link.click()
    _settle(page)


def _homes(browser, base: str) -> None:
    for name, email, entry in HOMES:
        context = browser.new_context(base_url=base, viewport=DESKTOP, locale="id-ID")
        page = _login(context, email)
        if entry:
            _open(page, entry)
        _settle(page)
        _save(page, name)
        context.close()


def _signing_on_a_phone(browser, base: str) -> None:
    context = browser.new_context(base_url=base, viewport=PHONE, is_mobile=True, has_touch=True, locale="id-ID")
    page = _login(context, "wakil050@mitra.example.com")
    page.get_by_role("button", name="Menu").click()
    _save(page, "phone-1-menu")
    _open(page, "MoU perusahaan")
    _save(page, "phone-2-mou")
    canvas = page.locator("[data-signature-canvas]")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 25, box["y"] + box["height"] * 0.65)
    page.mouse.down()
    for step in range(1, 24):
        page.mouse.move(box["x"] + 25 + step * 12, box["y"] + box["height"] * (0.65 - 0.25 * ((step % 6) / 6)))
    page.mouse.up()
    page.get_by_label("Saya menyatakan telah membaca", exact=False).check()
    page.locator("[data-signature-pad]").scroll_into_view_if_needed()
    _save(page, "phone-3-signature")
    context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="a running demo (default: serve one on a free port)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    base, server = (args.base_url, None) if args.base_url else _serve()
    print(f"Screenshots of {base} into {OUT.relative_to(ROOT)}/")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            _homes(browser, base)
            _signing_on_a_phone(browser, base)
            browser.close()
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)
    total = sum(path.stat().st_size for path in OUT.glob("*.png"))
    print(f"{total // 1024} KB in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
