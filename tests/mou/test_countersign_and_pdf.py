"""Officials countersign one or many; the final PDF is sealed, readable and checked on download."""
from __future__ import annotations

import io
import subprocess

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import func, select, update

from bontang.audit import AuditEvent
from bontang.extensions import db
from bontang.mail import OutboxMessage, readable_body
from bontang.mou import sealing
from bontang.mou.models import Agreement, AgreementStatus, Document, Signature
from tests.mou.factories import (last_code, make_completed, make_countersigned, make_invited, make_official,
                                 make_signed, png_data_url)


def _form(code: str, ids: list[int], **overrides) -> dict:
    data = {"name": "Drs. Suhardi Rahman", "position": "Kepala Dinas", "method": "drawn",
            "signature": png_data_url(), "consent": "y", "code": code, "agreements": [str(i) for i in ids]}
    data.update(overrides)
    return data


def _ask_code(client, agreements) -> None:
    """Open each preview, then ask for a code for these agreements (as the page's buttons do)."""
    for agreement in agreements:
        assert client.post(f"/mou/tanda-tangan/{agreement.id}/pratinjau").status_code == 303
    client.post("/mou/tanda-tangan/kode", data={"agreements": [str(a.id) for a in agreements]})


def test_official_countersigns_a_batch_with_one_code(client, auth, jobs):
    first, _ = make_signed()
    second, _ = make_signed()
    official = make_official()
    auth.login(official)
    queue = client.get("/mou/tanda-tangan")
    assert first.company.name in queue.get_data(as_text=True)
    preview = client.post(f"/mou/tanda-tangan/{first.id}/pratinjau", headers={"HX-Request": "true"})
    assert "Pasal" in preview.get_data(as_text=True) and "<html" not in preview.get_data(as_text=True)
    chosen = client.get(f"/mou/tanda-tangan?agreements={first.id}&agreements={second.id}").get_data(as_text=True)
    assert "Anda akan menandatangani 2 perjanjian" in chosen and first.number in chosen and second.number in chosen
    _ask_code(client, [first, second])
    mail = readable_body(db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_email == official.email)))
    assert "2 MoU" in mail and first.number in mail and second.number in mail
    response = client.post("/mou/tanda-tangan", data=_form(last_code(official.email), [first.id, second.id]))
    assert response.status_code == 303 and response.headers["Location"].startswith("/proses/")
    db.session.expire_all()
    assert {a.status for a in db.session.scalars(select(Agreement))} == {AgreementStatus.COMPLETED}
    assert db.session.scalar(select(func.count(Signature.id))) == 4
    assert db.session.scalar(select(func.count(Document.id))) == 0  # sealing is the worker's job
    assert jobs.pending() == 2
    assert jobs.run_pending() == 2
    assert db.session.scalar(select(func.count(Document.id))) == 2


def test_countersigning_only_agreements_not_ready_is_refused(client, auth):
    invited, _ = make_invited()
    make_signed()  # one is waiting, but not the one chosen
    official = make_official()
    auth.login(official)
    refused = client.post("/mou/tanda-tangan/kode", data={"agreements": [str(invited.id)]})
    assert refused.status_code == 422 and "Belum siap" in refused.get_data(as_text=True)
    response = client.post("/mou/tanda-tangan", data=_form("123456", [invited.id]),
                           headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and "Belum siap" in body and "<html" not in body
    db.session.expire_all()
    assert db.session.get(Agreement, invited.id).status == AgreementStatus.INVITED
    assert db.session.scalar(select(func.count(Signature.id))) == 1  # the waiting one's company signature


def test_a_batch_skips_and_lists_agreements_no_longer_waiting(client, auth, login_as, jobs):
    invited, _ = make_invited()
    signed, _ = make_signed()
    revoked, _ = make_signed()
    done = make_completed()
    official = make_official()
    login_as("staff")
    assert client.post(f"/mou/{revoked.id}/cabut", data={"reason": "Perusahaan tutup"}).status_code == 303
    auth.logout()
    auth.login(official)
    _ask_code(client, [signed])
    client.post("/mou/tanda-tangan/kode", data={"agreements": [str(a.id) for a in (invited, signed, revoked, done)]})
    response = client.post("/mou/tanda-tangan", follow_redirects=True,
                           data=_form(last_code(official.email), [invited.id, signed.id, revoked.id, done.id]))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "0 dari 1 PDF disegel" in page
    for agreement in (invited, revoked, done):
        assert agreement.company.name in page
    db.session.expire_all()
    assert db.session.get(Agreement, signed.id).status == AgreementStatus.COMPLETED
    assert db.session.get(Agreement, invited.id).status == AgreementStatus.INVITED
    assert db.session.get(Agreement, revoked.id).status == AgreementStatus.REVOKED
    assert db.session.scalar(select(func.count(Signature.id)).where(Signature.agreement_id.in_(
        [invited.id, revoked.id]))) == 1  # only the company signature of the revoked one


def test_countersign_needs_a_selection_and_a_code(client, auth):
    make_signed()
    official = make_official()
    auth.login(official)
    response = client.post("/mou/tanda-tangan", data=_form("123456", []))
    assert response.status_code == 422 and "Pilih minimal satu" in response.get_data(as_text=True)


def test_final_pdf_is_sealed_and_readable(app, tmp_path):
    agreement = make_completed()
    document = db.session.scalar(select(Document))
    data = document.bytes
    reader = PdfFileReader(io.BytesIO(data))
    assert [s.sig_object_type for s in reader.embedded_signatures] == ["/Sig", "/DocTimeStamp"]  # seal, then B-LTA
    signature = reader.embedded_signatures[0]
    root = sealing.identity().trust_roots()
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=root, allow_fetching=False))
    assert status.intact and status.valid and status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
    assert "/ETSI.CAdES.detached" in str(signature.sig_object["/SubFilter"])
    path = tmp_path / "mou.pdf"
    path.write_bytes(data)
    pdfsig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in pdfsig and "Total document signed" in pdfsig
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    assert agreement.company.name in text
    assert "Budi Santoso" in text and "Drs. Suhardi Rahman" in text
    assert f"/verifikasi/{agreement.verification_code}" in text.replace(" ", "")
    assert "Pasal 11" in text and "SHA-256" in text


def test_download_checks_the_stored_hash(client, login_as):
    agreement = make_completed()
    login_as("staff")
    good = client.get(f"/mou/{agreement.id}/pdf")
    assert good.status_code == 200 and good.data == db.session.scalar(select(Document)).bytes
    corrupted = bytearray(good.data)
    corrupted[500] ^= 0xFF
    db.session.execute(update(Document).values(bytes=bytes(corrupted)))
    db.session.commit()
    refused = client.get(f"/mou/{agreement.id}/pdf")
    assert refused.status_code == 409 and "integritas" in refused.get_data(as_text=True)


def test_nothing_is_signed_after_revocation(client, auth, login_as):
    agreement, rep = make_signed()
    official = make_official()
    login_as("staff")
    assert client.post(f"/mou/{agreement.id}/cabut", data={"reason": "Perusahaan tutup"}).status_code == 303
    auth.logout()
    auth.login(official)
    client.post(f"/mou/tanda-tangan/{agreement.id}/pratinjau")
    client.post("/mou/tanda-tangan/kode", data={"agreements": [str(agreement.id)]})
    response = client.post("/mou/tanda-tangan", data=_form("123456", [agreement.id]))
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(Agreement, agreement.id).status == AgreementStatus.REVOKED


def test_reads_of_a_pending_pdf_say_it_is_being_prepared_and_write_nothing(client, login_as, runner, jobs):
    first = make_countersigned()
    second = make_countersigned()
    huey_jobs = jobs.pending()
    events = db.session.scalar(select(func.count(AuditEvent.id)))
    page = client.get(f"/verifikasi/{first.verification_code}")
    assert page.status_code == 200 and "PDF sedang disiapkan" in page.get_data(as_text=True)
    login_as("staff")
    events = db.session.scalar(select(func.count(AuditEvent.id)))
    download = client.get(f"/mou/{first.id}/pdf")
    assert download.status_code == 202 and "sedang disiapkan" in download.get_data(as_text=True)
    assert "sedang disiapkan" in client.get(f"/mou/{first.id}").get_data(as_text=True).lower()
    assert db.session.scalar(select(func.count(Document.id))) == 0
    assert db.session.scalar(select(func.count(AuditEvent.id))) == events
    assert jobs.pending() == huey_jobs
    result = runner.invoke(args=["mou", "seal-pending"])
    assert "Queued 2" in result.output
    jobs.run_pending()
    assert db.session.scalar(select(func.count(Document.id))) == 2
    page = client.get(f"/verifikasi/{second.verification_code}").get_data(as_text=True)
    assert db.session.scalar(select(Document.sha256).where(Document.agreement_id == second.id)) in page


def test_preview_pdf_is_marked_until_completion(client, auth, tmp_path):
    agreement, rep = make_signed()
    auth.login(rep)
    response = client.get(f"/mou/{agreement.id}/pdf")
    assert response.status_code == 200 and "PRATINJAU" in response.headers["Content-Disposition"]
    path = tmp_path / "preview.pdf"
    path.write_bytes(response.data)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    assert "menunggu tanda tangan pihak kedua" in text.lower()
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "DejaVu" in fonts
    assert db.session.scalar(select(func.count(Document.id))) == 0


def test_typed_signature_uses_the_handwriting_font(app, tmp_path):
    from bontang.mou.documents import render_agreement_pdf
    from tests.mou.factories import make_invited, signer_data
    from bontang.mou import codes, signing

    agreement, rep = make_invited()
    code = codes.issue_code(rep, signing.company_purpose(agreement), subject="kode", what="uji")
    signing.sign_agreement(agreement, signer_data(code, method="typed", typed="Budi Santoso", signature=""), actor=rep)
    path = tmp_path / "typed.pdf"
    path.write_bytes(render_agreement_pdf(agreement, preview=True))
    assert "Dancing" in subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout


def test_markup_in_signer_fields_is_printed_as_text(app, tmp_path):
    from bontang.mou import codes, signing
    from bontang.mou.documents import render_agreement_pdf
    from tests.mou.factories import make_invited, signer_data

    agreement, rep = make_invited()
    code = codes.issue_code(rep, signing.company_purpose(agreement), subject="kode", what="uji")
    signing.sign_agreement(agreement, signer_data(code, name="<b>Budi</b><script>x()</script>",
                                                  position="<img src=http://evil.example/x.png>"), actor=rep)
    path = tmp_path / "escaped.pdf"
    path.write_bytes(render_agreement_pdf(agreement, preview=True))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "<b>Budi</b><script>x()</script>" in text.replace("\n", "")
    assert "<img src=http://evil.example/x.png>" in text.replace("\n", "")
