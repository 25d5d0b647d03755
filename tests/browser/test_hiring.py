"""HR files and submits a request, staff verify it and propose two candidates, HR accepts one."""
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.conftest import login, logout

TITLE = "Teknisi Instrumen Uji Browser"


def _file_request(page) -> str:
    page.goto("/permintaan/baru")
    page.get_by_label("Nama jabatan").fill(TITLE)
    page.get_by_label("Jumlah tenaga kerja").fill("2")
    page.get_by_label("Lowongan dibuka sampai").fill((date.today() + timedelta(days=30)).isoformat())
    page.get_by_label("Lokasi kerja").fill("Kawasan industri Bontang")
    page.get_by_label("Kode KBJI").fill("3114")
    page.get_by_label("Upah minimal (Rp/bulan)").fill("4500000")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_test_id("status")).to_have_text("Draf")
    page.get_by_role("button", name="Ajukan ke Disnaker").click()
    expect(page.get_by_test_id("status")).to_have_text("Diajukan")
    return page.url


def test_hiring_journey(page):
    login(page, "hrd010@mitra.example.com")
    detail_url = _file_request(page)
    logout(page)

    login(page, "petugas@disnaker.example.com")
    page.goto("/kelola/permintaan")
    row = page.locator("tr", has_text=TITLE)
    row.get_by_role("button", name="Verifikasi").click()
    expect(page.locator("tr", has_text=TITLE).get_by_text("Terverifikasi (dibuka)")).to_be_visible()
    assert "/kelola/permintaan" in page.url  # updated in place, no navigation
    page.locator("tr", has_text=TITLE).get_by_role("link", name="Usulkan kandidat").click()
    boxes = page.locator("input[name=job_seeker_ids]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="Usulkan yang dipilih ke perusahaan").click()
    expect(page.get_by_test_id("status")).to_have_text("Kandidat diusulkan")
    logout(page)

    login(page, "hrd010@mitra.example.com")
    page.goto(detail_url)
    page.get_by_role("link", name="Terima").first.click()
    page.get_by_label("Tanggal mulai bekerja").fill((date.today() + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Terima dan catat penempatan").click()
    expect(page.get_by_test_id("status")).to_have_text("Terisi sebagian")
    expect(page.get_by_test_id("filled")).to_have_text("1 dari 2 terisi")
    expect(page.get_by_test_id("local-share")).to_contain_text("dari 1 pekerja ber-KTP Bontang")


def test_hiring_pages_fit_a_phone(phone_page):
    login(phone_page, "hrd001@mitra.example.com")
    phone_page.goto("/permintaan")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
