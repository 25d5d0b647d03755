"""The smoke journey through nginx over HTTPS (deploy/smoke/run starts the layout, then runs this).

A company representative signs with a code e-mailed by the worker over SMTP (a sink on loopback plays
the mail server), the official countersigns, the worker seals, staff download the sealed PDF, and the
public verification page matches it. Pages are reached by clicking, as people do; the login page is the
one address typed. Also checks: session cookie Secure (and __Host-), HSTS on pages and static files,
nginx compressing static files, plain HTTP redirected to HTTPS.
"""
from __future__ import annotations

import argparse
import email
import email.policy
import http.client
import re
import shutil
import subprocess  # nosec B404
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.smtp_sink import SmtpSink  # noqa: E402

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PASSWORD = "bontang-demo-2025"  # noqa: S105  (the demo accounts CI seeds)  # nosec
HSTS = "max-age=31536000; includeSubDomains"


def step(text: str) -> None:
    print(f"[smoke {time.strftime('%H:%M:%S')}] {text}", flush=True)


def login(page, address: str) -> None:
    page.goto("/masuk")
    page.get_by_label("E-mail").fill(address)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url(lambda url: "/masuk" not in url)


def logout(page) -> None:
    page.get_by_role("button", name="Keluar").first.click()
    page.wait_for_url("**/masuk")


def settle(page) -> None:
    page.wait_for_function("() => document.readyState === 'complete' && !document.querySelector("
                           "'.htmx-request, .htmx-settling, .htmx-swapping, [aria-busy=true]')")


def open_menu(page, name: str) -> None:
    nav = page.get_by_role("navigation", name="Navigasi utama")
    link = nav.get_by_role("link", name=name, exact=True).first
    if not link.is_visible():
        nav.get_by_role("button", name="Lainnya").click()
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(lambda url: urlparse(url).path == href)
    settle(page)


def code_for(sink: SmtpSink, address: str, seen: int, timeout: float = 60) -> str:
    """The 6-digit code in the newest message to `address` that the worker delivered after `seen` messages."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for raw in reversed(sink.received[seen:]):
            message = email.message_from_string(raw, policy=email.policy.default)
            if address in str(message["To"]) and (match := re.search(r"\b(\d{6})\b", message.get_body().get_content())):
                return match.group(1)
        time.sleep(0.3)
    raise AssertionError(f"no code e-mail for {address} reached the SMTP sink in {timeout} s")


def sign_typed(page, sink: SmtpSink, address: str, name: str, button: str, sent: str = "Kode 6 digit dikirim") -> None:
    page.get_by_label("Ketik nama").check()
    page.get_by_label("Tanda tangan diketik").fill(name)
    page.get_by_label(re.compile("Saya menyatakan telah membaca")).check()
    seen = len(sink.received)
    page.get_by_role("button", name="Kirim kode ke e-mail saya").click()
    expect(page.locator("#code-status")).to_contain_text(sent)
    page.get_by_label("Kode dari e-mail (6 digit)").fill(code_for(sink, address, seen))
    page.get_by_role("button", name=button).click()


def check_transport(base_url: str, http_port: int, context) -> None:
    """Cookies, HSTS, static files from nginx (compressed), HTTP -> HTTPS."""
    cookies = {c["name"]: c for c in context.cookies()}
    session = cookies.get("__Host-session")
    assert session, f"no __Host-session cookie: {sorted(cookies)}"
    assert session["secure"] and session["httpOnly"] and session["sameSite"] == "Lax", session
    assert all(c["secure"] for c in cookies.values()), cookies
    css = context.request.get(base_url + "/static/css/app.css", headers={"Accept-Encoding": "gzip"})
    assert css.ok and css.headers.get("strict-transport-security") == HSTS, css.headers
    assert css.headers.get("content-encoding") == "gzip", css.headers
    assert "no-store" not in css.headers.get("cache-control", ""), css.headers
    host = urlparse(base_url).hostname
    plain = http.client.HTTPConnection(host, http_port, timeout=10)
    plain.request("GET", "/masuk")
    redirect = plain.getresponse()
    assert redirect.status == 301 and redirect.getheader("Location") == f"{base_url}/masuk", redirect.getheaders()
    step("cookies Secure/__Host-, HSTS on pages and static files, gzip from nginx, HTTP redirects to HTTPS")


def journey(base_url: str, http_port: int, smtp_port: int, chromium: str) -> None:
    sink = SmtpSink(smtp_port)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=base_url, ignore_https_errors=True, locale="id-ID",
                                      viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(20_000)

        first = page.goto("/masuk")
        assert first.headers.get("strict-transport-security") == HSTS, first.headers
        login(page, "wakil003@mitra.example.com")
        check_transport(base_url, http_port, context)
        open_menu(page, "MoU perusahaan")
        expect(page.get_by_text("Pasal 3")).to_be_visible()
        sign_typed(page, sink, "wakil003@mitra.example.com", "Budi Santoso", "Tandatangani MoU")
        expect(page.get_by_test_id("mou-status")).to_have_text("Menunggu tanda tangan pejabat")
        logout(page)
        step("the company representative signed with a code the worker e-mailed")

        login(page, "kadis@disnaker.example.com")
        open_menu(page, "Tanda tangan MoU")
        row = page.get_by_role("row", name=re.compile(r"\(003\)"))
        row.get_by_role("button", name="Buka pratinjau").click()  # the official's "viewed" evidence
        expect(page.get_by_test_id("official-preview")).to_contain_text("Pasal 3")
        row.get_by_role("checkbox").check()
        page.get_by_role("button", name="Lanjutkan dengan yang dipilih").click()
        expect(page.get_by_test_id("covered-documents")).to_contain_text("(003)")
        sign_typed(page, sink, "kadis@disnaker.example.com", "Suhardi Rahman", "Tandatangani yang dipilih",
                   sent="Kode ini hanya untuk 1 perjanjian")
        expect(page.get_by_role("heading", name="Penyegelan PDF MoU")).to_be_visible()
        expect(page.get_by_test_id("job-summary")).to_have_text("1 dari 1 PDF disegel", timeout=90_000)
        logout(page)
        step("the official countersigned; the worker sealed the PDF")

        login(page, "petugas@disnaker.example.com")
        open_menu(page, "MoU")
        page.get_by_label("Cari perusahaan atau nomor").fill("(003)")
        settle(page)
        page.get_by_role("link", name=re.compile(r"\(003\)")).click()
        with page.expect_download() as download:
            page.get_by_role("link", name="Unduh PDF").click()
        pdf = Path(tempfile.mkdtemp(prefix="bontang-smoke-pdf-")) / "mou.pdf"
        download.value.save_as(pdf)
        assert pdf.read_bytes().startswith(b"%PDF"), "the download is not a PDF"
        if shutil.which("pdfsig"):
            out = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout  # nosec B603 B607
            assert "Signature is Valid." in out, out
        step(f"the sealed PDF downloaded ({pdf.stat().st_size} bytes, seal valid)")

        page.get_by_role("link", name=re.compile(r"^[0-9A-F]{16}$")).click()
        expect(page.get_by_test_id("verify-status")).to_have_text("Berlaku")
        page.get_by_label("Berkas PDF (maksimal 10 MB)").set_input_files(str(pdf))
        page.get_by_role("button", name="Periksa berkas").click()
        expect(page.get_by_test_id("check-result")).to_contain_text("Cocok.")
        step("the verification page shows the agreement in force and matches the downloaded PDF")
        context.close()
        browser.close()
    sink.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--smtp-port", type=int, required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    journey(args.base_url.rstrip("/"), args.http_port, args.smtp_port, args.chromium)
    step("passed")


if __name__ == "__main__":
    main()
