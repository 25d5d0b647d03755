"""CSV and XLSX exports hold the dashboard's numbers; the monthly PDF holds the headline figures."""
from __future__ import annotations

import csv
import re
import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from bontang.accounts.models import Role
from tests.factories import make_company
from tests.reports import factories as f


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.data)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_local_share_xlsx_and_csv_hold_the_figures(client, login_as, scenario):
    login_as(Role.STAFF)
    response = client.get("/laporan/unduh/porsi-lokal.xlsx?periode=2025")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    rows = xlsx_rows(response)
    assert rows[0][0] == "Perusahaan"
    assert rows[1][:6] == ["PT Beta", 4, 75, 1, 0, 0]
    assert rows[2][:6] == ["PT Alfa", 6, 83.3, 4, 3, 75]
    text = client.get("/laporan/unduh/porsi-lokal.csv?periode=2025").data.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[1][:6] == ["PT Beta", "4", "75.0", "1", "0", "0.0"]


def test_mou_and_hiring_tables(client, login_as, scenario):
    login_as(Role.OFFICIAL)
    mou = dict((r[0], r[1]) for r in xlsx_rows(client.get("/laporan/unduh/mou.xlsx?periode=2025"))[1:])
    assert mou["Selesai (kedua pihak)"] == 1 and mou["Belum diundang"] == 0
    hiring = xlsx_rows(client.get("/laporan/unduh/permintaan.xlsx?periode=2025"))
    assert sorted(hiring[1:]) == sorted([["Terverifikasi", 1, 4], ["Terisi sebagian", 1, 4], ["Terisi penuh", 1, 2]])
    plans = xlsx_rows(client.get("/laporan/unduh/rencana.xlsx?periode=2025"))
    assert plans[1:] == [["PT Beta"], ["PT Gamma"]]
    skills = xlsx_rows(client.get("/laporan/unduh/keterampilan.xlsx"))
    assert [r[1] for r in skills[1:]] == ["Pengelasan", "Instalasi listrik"] and skills[1][3:] == [5, 0, 5]


def test_formula_text_is_neutralised(client, login_as):
    company = make_company(name="=HYPERLINK(\"http://x\")")
    f.make_request(company, submitted=None, positions=1)
    login_as(Role.STAFF)
    rows = xlsx_rows(client.get("/laporan/unduh/porsi-lokal.xlsx"))
    assert rows[1][0].startswith("'=")


def test_unknown_table_is_404_and_unknown_format_is_400(client, login_as):
    login_as(Role.STAFF)
    assert client.get("/laporan/unduh/gaji.csv").status_code == 404
    assert client.get("/laporan/unduh/mou.pdf").status_code == 400
    assert client.get("/laporan/unduh/mou.csv?periode=kemarin").status_code == 400


def test_company_requests_export_is_scoped(client, login_as, scenario):
    login_as(Role.COMPANY_HR, company=scenario["b"])
    rows = xlsx_rows(client.get("/laporan/perusahaan-saya/permintaan.xlsx"))
    assert [r[3:5] for r in rows[1:]] == [[4, 1]]
    assert client.get(f"/laporan/perusahaan/{scenario['a'].id}/permintaan.csv").status_code == 403


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_monthly_pdf_holds_headline_figures(client, login_as, scenario):
    login_as(Role.STAFF)
    response = client.get("/laporan/bulanan.pdf?periode=2025-03")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.data, capture_output=True, check=True).stdout.decode()
    assert "Laporan Bulanan Kemitraan Ketenagakerjaan" in text and "Periode: Maret 2025" in text and "Dicetak" in text
    assert "1 dari 3" in text  # MoU completed by the end of March
    assert re.search(r"\b4\s*/\s*2\b", text)  # placements in March / positions requested in March
    assert "75%" in text  # local share of March placements (3 of 4)
    assert "Pengelasan" in text and "Target 75%" in text  # a table and a chart (inline SVG text)


def test_monthly_pdf_needs_a_month(client, login_as):
    login_as(Role.STAFF)
    assert client.get("/laporan/bulanan.pdf?periode=2025").status_code == 400
    assert client.get("/laporan/bulanan.pdf?periode=2025-99").status_code == 400


def test_skills_export_follows_the_kind_filter(client, login_as, scenario):
    from bontang.jobseekers.models import SkillKind

    talk = f.make_skill("Komunikasi", SkillKind.SOFT)
    f.make_request(scenario["a"], submitted=None, positions=2, skills=[talk])
    login_as(Role.STAFF)
    rows = xlsx_rows(client.get("/laporan/unduh/keterampilan.xlsx?jenis=soft"))
    assert [r[1] for r in rows[1:]] == ["Komunikasi"]
    assert client.get("/laporan/unduh/keterampilan.csv?jenis=sihir").status_code == 400


def test_company_placements_table_and_export(client, login_as, scenario):
    login_as(Role.COMPANY_REP, company=scenario["a"])
    html = client.get("/laporan/perusahaan-saya").get_data(as_text=True)
    assert html.count("badge badge--ok\">Ya<") == 3 and html.count("badge badge--warn\">Tidak<") == 1
    rows = xlsx_rows(client.get("/laporan/perusahaan-saya/penempatan.xlsx"))
    assert rows[0] == ["Nama", "Jabatan", "Mulai bekerja", "Kontrak", "Ber-KTP Bontang"]
    assert sorted(r[4] for r in rows[1:]) == ["Tidak", "Ya", "Ya", "Ya"]
    assert client.get("/laporan/perusahaan-saya/gaji.csv").status_code == 404


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_monthly_pdf_stays_indonesian_for_english_users(client, login_as, scenario):
    login_as(Role.OFFICIAL)
    client.post("/bahasa", data={"locale": "en"})
    response = client.get("/laporan/bulanan.pdf?periode=2025-05")
    text = subprocess.run(["pdftotext", "-", "-"], input=response.data, capture_output=True, check=True).stdout.decode()
    assert "Periode: Mei 2025" in text and "Halaman 1 dari" in text
