"""MoU in a real browser: the representative draws a signature and signs with an emailed code,
the official countersigns, staff download the sealed PDF; the signing page works on a phone."""
from __future__ import annotations

import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login, logout, open_menu, wait_for_page

def _code_from_mailbox(browser, live_server, email: str) -> str:
    """Read the newest signing code in the signer's own mailbox ("Kotak surat saya"), signed in on a
    second device, as the signer would; nobody else can read it."""
    context = browser.new_context(base_url=live_server, locale="id-ID")
    mailbox = context.new_page()
    login(mailbox, email)
    open_menu(mailbox, "Kotak surat saya")
    mailbox.get_by_role("link", name=re.compile("Kode tanda tangan MoU")).first.click()
    body = mailbox.get_by_test_id("mail-body").inner_text()
    context.close()
    return re.search(r"\b(\d{6})\b", body).group(1)


def _draw(page) -> None:
    canvas = page.locator("[data-signature-canvas]")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] * 0.7)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 20 + step * 18, box["y"] + box["height"] * (0.7 - 0.05 * (step % 4)))
    page.mouse.up()


def _representative_signs(page, browser, live_server) -> None:
    login(page, "wakil003@mitra.example.com")
    open_menu(page, "MoU perusahaan")
    expect(page.get_by_text("Pasal 3")).to_be_visible()
    _draw(page)
    page.get_by_label(re.compile("Saya menyatakan telah membaca")).check()
    page.get_by_role("button", name="Kirim kode ke e-mail saya").click()
    expect(page.locator("#code-status")).to_contain_text("Kode 6 digit dikirim")
    page.get_by_label("Kode dari e-mail (6 digit)").fill(_code_from_mailbox(browser, live_server, "wakil003@mitra.example.com"))
    page.get_by_role("button", name="Tandatangani MoU").click()
    expect(page.get_by_test_id("mou-status")).to_have_text("Menunggu tanda tangan pejabat")
    # The success message is focused, so a screen reader reads it out.
    expect(page.locator("#flash-messages .flash")).to_be_focused()
    logout(page)


def _official_countersigns(page, browser, live_server) -> None:
    login(page, "kadis@disnaker.example.com")
    open_menu(page, "Tanda tangan MoU")
    row = page.get_by_role("row", name=re.compile(r"\(003\)"))
    row.get_by_role("button", name="Buka pratinjau").click()
    expect(page.get_by_test_id("official-preview")).to_contain_text("Pasal 3")
    expect(row).to_contain_text("Dibuka")
    row.get_by_role("checkbox").check()
    page.get_by_role("button", name="Lanjutkan dengan yang dipilih").click()
    expect(page.get_by_role("heading", name="Anda akan menandatangani 1 perjanjian")).to_be_visible()
    expect(page.get_by_test_id("covered-documents")).to_contain_text("(003)")
    page.get_by_label("Ketik nama").check()
    page.get_by_label("Tanda tangan diketik").fill("Suhardi Rahman")
    page.get_by_label(re.compile("Saya menyatakan telah membaca")).check()
    page.get_by_role("button", name="Kirim kode ke e-mail saya").click()
    expect(page.locator("#code-status")).to_contain_text("Kode ini hanya untuk 1 perjanjian")
    page.get_by_label("Kode dari e-mail (6 digit)").fill(_code_from_mailbox(browser, live_server, "kadis@disnaker.example.com"))
    page.get_by_role("button", name="Tandatangani yang dipilih").click()
    expect(page.get_by_role("heading", name="Penyegelan PDF MoU")).to_be_visible()
    # The progress view polls itself until the worker has sealed the PDF.
    expect(page.get_by_test_id("job-summary")).to_have_text("1 dari 1 PDF disegel", timeout=60_000)
    expect(page.get_by_test_id("job-finished")).to_contain_text("semua PDF final telah disegel")
    logout(page)


def test_sign_countersign_and_download(page, browser, live_server):
    _representative_signs(page, browser, live_server)
    _official_countersigns(page, browser, live_server)
    login(page, "petugas@disnaker.example.com")
    open_menu(page, "MoU")
    page.get_by_label("Cari perusahaan atau nomor").fill("(003)")
    wait_for_page(page)
    page.get_by_role("link", name=re.compile(r"\(003\)")).click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh PDF").click()
    path = Path(tempfile.mkdtemp()) / "mou.pdf"
    download_info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert "Signature is Valid." in subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    page.reload()  # the history lists the changes and sums the download up beneath them
    expect(page.locator(".timeline")).to_contain_text("Ditandatangani pejabat")
    expect(page.locator(".timeline")).not_to_contain_text("PDF diunduh")
    expect(page.get_by_test_id("downloads")).to_contain_text(re.compile(r"PDF diunduh atau dipratinjau \d+ kali\."))
    expect(page.get_by_test_id("downloads")).to_contain_text("Terakhir: PDF diunduh")
    page.get_by_role("link", name=re.compile(r"^[0-9A-F]{16}$")).click()
    expect(page.get_by_test_id("verify-status")).to_have_text("Berlaku")
    page.get_by_label("Berkas PDF (maksimal 10 MB)").set_input_files(str(path))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_test_id("seal-verdict")).to_contain_text("Sah dan tersimpan", timeout=20_000)
    expect(page.get_by_test_id("seal-verdict")).to_be_focused()
    expect(page.get_by_test_id("check-result")).to_contain_text("Cocok.")
    expect(page.get_by_test_id("seal-facts")).to_contain_text("PAdES B-LTA): lolos")


def test_staff_prepare_and_download_the_zip_of_sealed_pdfs(page):
    login(page, "petugas@disnaker.example.com")
    open_menu(page, "MoU")
    page.get_by_role("button", name="Siapkan ZIP PDF selesai").click()
    expect(page.get_by_role("heading", name="Arsip ZIP PDF MoU")).to_be_visible()
    expect(page.get_by_test_id("job-download")).to_be_visible(timeout=60_000)
    with page.expect_download() as download_info:
        page.get_by_test_id("job-download").click()
    archive = zipfile.ZipFile(download_info.value.path())
    manifest = archive.read("MANIFEST.csv").decode("utf-8-sig")
    assert "(001)" in manifest and any(name.endswith(".pdf") for name in archive.namelist())


def test_signing_page_fits_a_phone_and_draws_with_touch(phone_page):
    login(phone_page, "wakil030@mitra.example.com")
    open_menu(phone_page, "MoU perusahaan")
    canvas = phone_page.locator("[data-signature-canvas]")
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()
    for x in (30, 60, 90):
        canvas.dispatch_event("pointerdown", {"pointerId": 1, "pointerType": "touch", "clientX": box["x"] + x,
                                              "clientY": box["y"] + 40, "isPrimary": True})
        canvas.dispatch_event("pointermove", {"pointerId": 1, "pointerType": "touch", "clientX": box["x"] + x + 40,
                                              "clientY": box["y"] + 60, "isPrimary": True})
        canvas.dispatch_event("pointerup", {"pointerId": 1, "pointerType": "touch", "isPrimary": True})
    value = phone_page.locator("[data-signature-input]").input_value()
    assert value.startswith("data:image/png;base64,")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone: {width}px"
    assert_accessible(phone_page)


def test_public_verification_page(page):
    page.goto("/masuk")
    page.get_by_role("link", name="Kemitraan Ketenagakerjaan").click()
    page.get_by_role("link", name="Mitra yang telah menandatangani").click()
    expect(page.get_by_role("cell", name=re.compile(r"\(001\)"))).to_be_visible()
    assert_accessible(page)



def test_representative_signs_with_a_passkey_in_a_virtual_authenticator(browser, live_server):
    # Browsers refuse an IP address as WebAuthn RP ID: the portal is opened at localhost, its RP ID.
    context = browser.new_context(base_url=live_server.replace("127.0.0.1", "localhost"),
                                  viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(10_000)
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})
    login(page, "wakil018@mitra.example.com")
    open_menu(page, "Akun saya")
    page.get_by_label("Nama passkey").fill("Laptop kantor")
    page.get_by_role("button", name="Daftarkan passkey").click()
    expect(page.get_by_test_id("passkeys")).to_contain_text("Laptop kantor")
    open_menu(page, "MoU perusahaan")
    _draw(page)
    page.get_by_label(re.compile("Saya menyatakan telah membaca")).check()
    page.get_by_role("button", name="Tandatangani dengan passkey").click()
    expect(page.get_by_test_id("mou-status")).to_have_text("Menunggu tanda tangan pejabat")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh pratinjau PDF").click()
    path = Path(tempfile.mkdtemp()) / "pratinjau.pdf"
    download_info.value.save_as(path)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    assert "passkey (WebAuthn)" in text
    context.close()
