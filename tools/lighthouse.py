"""Lighthouse accessibility and best-practices scores of each role's main page (and the login page).

Usage: make lighthouse  (or .venv/bin/python tools/lighthouse.py [--base-url URL] [--desktop] [--min 100])

Without --base-url the script serves the app itself on a scratch SQLite database filled with the
demo data (gunicorn on a free port) and stops it afterwards. For each role it logs in through the
form with Chromium (Playwright) and hands Lighthouse the session cookie (`--extra-headers`) and the
same user agent, since sessions are bound to the browser that logged in. Lighthouse itself comes
from npm, pinned in tools/lighthouse/package.json (12.x: 13.x needs Node 22) and installed there
with `npm ci`; it drives Debian's /usr/bin/chromium. Exits 1 when a score is under --min.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
PASSWORD = "bontang-demo-2025"
# One agent for the login and for Lighthouse (a Chrome on Android, as Lighthouse's own mobile default).
AGENT = ("Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/130.0.0.0 Mobile Safari/537.36")
CATEGORIES = ("accessibility", "best-practices")
ROLES = [  # role, account (None: not logged in, the login page)
    ("visitor (login page)", None),
    ("admin", "admin@disnaker.example.com"),
    ("staff", "petugas@disnaker.example.com"),
    ("official", "kadis@disnaker.example.com"),
    ("company representative", "wakil050@mitra.example.com"),
    ("company HR", "hrd001@mitra.example.com"),
    ("trainer", "blk@pelatihan.example.com"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(tmp: Path) -> tuple[str, subprocess.Popen]:
    """The app on a scratch SQLite database with the demo data."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'lighthouse.db'}", "SECRET_KEY": "lighthouse",
           "APP_ENV": "development", "BASE_URL": base, "FLASK_APP": "app", "INSTANCE_PATH_OVERRIDE": str(tmp),
           "LOGIN_LIMIT": "1000 per minute"}
    bin_dir = Path(sys.executable).parent
    print("==> Preparing a scratch demo database", flush=True)
    subprocess.run([str(bin_dir / "flask"), "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([str(bin_dir / "flask"), "seed-demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen([str(bin_dir / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}", "app:app"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return base, server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the app did not start")


def _cookie_header(browser, base: str, email: str) -> str:
    """Log in through the form; the session cookies as one Cookie header."""
    context = browser.new_context(base_url=base, user_agent=AGENT)
    page = context.new_page()
    page.goto("/masuk")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url(lambda url: "/masuk" not in url)
    header = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())
    context.close()
    return header


def _lighthouse(url: str, cookies: str, out: Path, desktop: bool) -> dict:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
               f"--emulated-user-agent={AGENT}"]
    if desktop:
        command.append("--preset=desktop")
    if cookies:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookies}))
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=240)
    return json.loads(out.read_text())


def _failures(report: dict) -> list[str]:
    """The audits that cost points, with the first elements they name."""
    lines = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items") or []
                nodes = [str((item.get("node") or {}).get("snippet") or item.get("description") or item)[:120]
                         for item in items[:3]]
                lines.append(f"    {category}: {audit['id']}: {audit['title']} {nodes}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="a running app with the demo data (default: serve one)")
    parser.add_argument("--desktop", action="store_true", help="Lighthouse's desktop preset (default: mobile)")
    parser.add_argument("--min", type=int, default=100, help="the score each category must reach")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: cd tools/lighthouse && npm ci")
    tmp = Path(tempfile.mkdtemp(prefix="bontang-lighthouse-"))
    server = None
    try:
        base = args.base_url
        if not base:
            base, server = _serve(tmp)
        rows, low = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"])
            for role, email in ROLES:
                cookies = _cookie_header(browser, base, email) if email else ""
                url = base + ("/" if email else "/masuk")
                started = time.monotonic()
                report = _lighthouse(url, cookies, tmp / "report.json", args.desktop)
                if email and "/masuk" in report.get("finalDisplayedUrl", report.get("finalUrl", "")):
                    raise SystemExit(f"{role}: Lighthouse was sent to the login page (cookie refused)")
                scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
                rows.append((role, scores))
                print(f"{role:<24} accessibility {scores['accessibility']:>3}  best practices "
                      f"{scores['best-practices']:>3}  ({time.monotonic() - started:.0f} s)", flush=True)
                for line in _failures(report):
                    print(line)
                low += [role for score in scores.values() if score < args.min]
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
