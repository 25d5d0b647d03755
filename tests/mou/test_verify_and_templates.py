"""Public verification, partner list, and MoU templates (admin)."""
from __future__ import annotations

import io

from sqlalchemy import func, select

from bontang.extensions import db
from bontang.mou.models import Document, MouTemplate
from tests.mou.factories import make_completed, make_invited, make_template


def test_verification_page_and_exact_match(client):
    agreement = make_completed()
    document = db.session.scalar(select(Document))
    page = client.get(f"/verifikasi/{agreement.verification_code}")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "Berlaku" in body and document.sha256 in body
    assert "Budi Santoso" in body and agreement.company.name in body
    ok = client.post(f"/verifikasi/{agreement.verification_code}",
                     data={"file": (io.BytesIO(document.bytes), "mou.pdf")}, headers={"HX-Request": "true"})
    assert ok.status_code == 200 and "Cocok." in ok.get_data(as_text=True) and "<html" not in ok.get_data(as_text=True)
    changed = bytearray(document.bytes)
    changed[len(changed) // 2] ^= 0x01
    bad = client.post(f"/verifikasi/{agreement.verification_code}", data={"file": (io.BytesIO(bytes(changed)), "mou.pdf")})
    assert bad.status_code == 200 and "Tidak cocok." in bad.get_data(as_text=True)


def test_verification_refuses_non_pdf_and_huge_files(client):
    agreement = make_completed()
    url = f"/verifikasi/{agreement.verification_code}"
    not_pdf = client.post(url, data={"file": (io.BytesIO(b"<html>hi</html>"), "x.pdf")})
    assert not_pdf.status_code == 422 and "bukan PDF" in not_pdf.get_data(as_text=True)
    empty = client.post(url, data={})
    assert empty.status_code == 422
    huge = client.post(url, data={"file": (io.BytesIO(b"%PDF-" + b"0" * (11 * 1024 * 1024)), "big.pdf")})
    assert huge.status_code in (413, 422)


def test_revoked_and_waiting_statuses_and_unknown_code(client, login_as):
    agreement, _ = make_invited()
    assert "Menunggu" in client.get(f"/verifikasi/{agreement.verification_code}").get_data(as_text=True)
    assert client.get("/verifikasi/TIDAKADA").status_code == 404
    done = make_completed()
    login_as("staff")
    client.post(f"/mou/{done.id}/cabut", data={"reason": "Izin usaha dicabut"})
    assert "Dicabut" in client.get(f"/verifikasi/{done.verification_code}").get_data(as_text=True)
    assert client.get(f"/verifikasi?kode={done.verification_code.lower()}").status_code == 303


def test_partner_list_is_public(client):
    done = make_completed()
    make_invited()
    page = client.get("/mitra").get_data(as_text=True)
    assert done.company.name in page and "1 perusahaan" in page


def test_template_placeholders_are_validated(client, login_as):
    login_as("admin")
    data = {"title": "MoU", "body": "Halo {{ nama_perusahaan }} dan {{ nama_rahasia }}", "signatory_roles": ["company_rep", "official"],
            "valid_from": "2025-04-15", "valid_until": "2030-04-15"}
    response = client.post("/mou/templat/baru", data=data)
    assert response.status_code == 422 and "nama_rahasia" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(MouTemplate.id))) == 0
    data["body"] = "Halo {{ nama_perusahaan }} <script>alert(1)</script>"
    assert client.post("/mou/templat/baru", data=data).status_code == 303
    template = db.session.scalar(select(MouTemplate))
    preview = client.get(f"/mou/templat/{template.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in preview


def test_published_template_is_frozen_and_new_version_is_a_new_row(client, login_as):
    template = make_template()
    login_as("admin")
    assert client.get(f"/mou/templat/{template.id}/ubah").status_code == 303
    response = client.post(f"/mou/templat/{template.id}/versi-baru")
    assert response.status_code == 303
    versions = sorted(db.session.scalars(select(MouTemplate.version)))
    assert versions == [1, 2]
    copy = db.session.scalar(select(MouTemplate).where(MouTemplate.version == 2))
    assert not copy.published
    assert client.post(f"/mou/templat/{copy.id}/terbitkan").status_code == 303
    db.session.expire_all()
    assert db.session.get(MouTemplate, copy.id).published


def test_agreement_text_escapes_company_values(app):
    from tests.factories import make_company

    agreement, _ = make_invited(make_company(name="PT <b>Tebal</b> & Co"))
    assert "PT &lt;b&gt;Tebal&lt;/b&gt; &amp; Co" in agreement.body_html


def test_the_verification_page_tells_the_whole_truth(client, login_as):
    from sqlalchemy import update as sql_update

    from bontang.mou.models import Document
    from tests.mou.factories import make_completed, make_signed

    agreement = make_completed()
    page = client.get(f"/verifikasi/{agreement.verification_code}").get_data(as_text=True)
    assert "Berlaku" in page and "kode sekali pakai" in page and "Saya menyatakan" in page
    revoked, _rep = make_signed()
    login_as("staff")
    client.post(f"/mou/{revoked.id}/cabut", data={"reason": "Perusahaan berhenti beroperasi"})
    page = client.get(f"/verifikasi/{revoked.verification_code}").get_data(as_text=True)
    assert "Dicabut" in page and "Perusahaan berhenti beroperasi" in page
    db.session.execute(sql_update(Document).where(Document.agreement_id == agreement.id).values(bytes=b"%PDF-diubah"))
    db.session.commit()
    tampered = client.get(f"/verifikasi/{agreement.verification_code}").get_data(as_text=True)
    assert "Peringatan integritas" in tampered and "tidak lagi cocok" in tampered and ">Berlaku<" not in tampered


def test_an_unknown_verification_code_is_404(client):
    assert client.get("/verifikasi/TIDAKADA1234").status_code == 404
