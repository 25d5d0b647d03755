"""Sealing in the worker: exactly once, skipped when revoked meanwhile, retried while the TSA is down,
and the official's progress page that follows it."""
from __future__ import annotations

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from sqlalchemy import func, select

from bontang.audit import AuditEvent
from bontang.extensions import db
from bontang.mou import documents
from bontang.mou.models import Agreement, Document
from tests.mou.factories import last_code, make_countersigned, make_official, make_signed, png_data_url
from tests.tsa import LoopbackTSA, RefusedPort, tsa_chain_file


def _documents(agreement_id: int) -> int:
    return db.session.scalar(select(func.count(Document.id)).where(Document.agreement_id == agreement_id))


def _countersign(client, auth, official, agreements) -> str:
    """The official countersigns through the form; returns the progress page's path."""
    auth.login(official)
    for agreement in agreements:  # the official opens each preview, then asks for a code for the selection
        client.post(f"/mou/tanda-tangan/{agreement.id}/pratinjau")
    client.post("/mou/tanda-tangan/kode", data={"agreements": [str(a.id) for a in agreements]})
    response = client.post("/mou/tanda-tangan", data={
        "name": official.name, "position": official.position, "method": "drawn", "signature": png_data_url(),
        "consent": "y", "code": last_code(official.email), "agreements": [str(a.id) for a in agreements]})
    assert response.status_code == 303 and response.headers["Location"].startswith("/proses/")
    return response.headers["Location"]


def test_a_seal_job_run_twice_stores_one_document(jobs):
    agreement = make_countersigned()
    assert documents.seal_agreement(agreement.id) == "sealed"
    db.session.commit()
    assert documents.seal_agreement(agreement.id) == "already_sealed"
    db.session.commit()
    assert jobs.run_pending() == 1  # the job queued by countersigning finds the document and stops
    assert _documents(agreement.id) == 1
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "mou.document_sealed")) == 1


def test_a_job_for_an_agreement_revoked_meanwhile_does_not_seal_and_says_why(client, login_as, jobs):
    agreement = make_countersigned()
    agreement.status = agreement.status.REVOKED  # revoked by staff after countersigning, before the worker ran
    db.session.commit()
    jobs.run_pending()
    db.session.expire_all()
    stored = db.session.get(Agreement, agreement.id)
    assert _documents(agreement.id) == 0
    assert "Tidak disegel" in stored.seal_error and "Dicabut" in stored.seal_error
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "mou.seal_skipped"))


def test_progress_page_follows_the_batch_to_its_end(client, auth, jobs):
    official = make_official()
    agreements = [make_signed()[0] for _ in range(3)]
    path = _countersign(client, auth, official, agreements)
    page = client.get(path)
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "0 dari 3 PDF disegel" in body and 'hx-trigger="every 2s"' in body
    poll = {"HX-Request": "true", "HX-Target": "job-progress"}
    assert "<html" in client.get(path, headers={"HX-Request": "true"}).get_data(as_text=True)  # HX-Location
    fragment = client.get(path, headers=poll).get_data(as_text=True)
    assert "<html" not in fragment and 'id="job-progress"' in fragment
    assert jobs.run_pending() == 3
    done = client.get(path, headers=poll).get_data(as_text=True)
    assert "3 dari 3 PDF disegel" in done and "every 2s" not in done and "semua PDF final telah disegel" in done


def test_the_progress_page_says_when_no_worker_is_running(client, auth):
    path = _countersign(client, auth, make_official(), [make_signed()[0]])
    assert "belum ada proses latar (worker) yang aktif" in client.get(path).get_data(as_text=True)


@pytest.mark.parametrize("role", ["company_rep", "company_hr", "trainer"])
def test_other_users_cannot_follow_a_batch(client, auth, login_as, role):
    path = _countersign(client, auth, make_official(), [make_signed()[0]])
    auth.logout()
    login_as(role)
    assert client.get(path).status_code in (403, 404)
    assert client.post(path + "/coba-lagi").status_code in (403, 404)


def test_another_official_cannot_follow_a_batch(client, auth):
    path = _countersign(client, auth, make_official(), [make_signed()[0]])
    auth.logout()
    auth.login(make_official())
    assert client.get(path).status_code == 404


def test_a_refused_tsa_is_retried_with_backoff_until_it_answers(app, client, auth, jobs, tmp_path):
    refused = RefusedPort()
    app.config.update(SIGNING_TSA_URL=f"http://127.0.0.1:{refused.port}/", SEAL_RETRY_DELAY=0.01,
                      SIGNING_TSA_CHAIN=tsa_chain_file(tmp_path))
    try:
        official = make_official()
        agreement = make_signed()[0]
        path = _countersign(client, auth, official, [agreement])
        db.session.expire_all()
        assert db.session.get(Agreement, agreement.id).status.value == "completed"  # signing did not wait
        jobs.run_pending()
        stored = db.session.get(Agreement, agreement.id)
        assert stored.seal_attempts == 1 and "TSA" in stored.seal_error and stored.seal_retry_at is not None
        assert _documents(agreement.id) == 0 and jobs.scheduled() == 1
        page = client.get(path).get_data(as_text=True)
        assert "percobaan ke-1" in page and "Dicoba lagi otomatis" in page and "TSA" in page
        assert jobs.run_retries_once() == 1
        assert db.session.get(Agreement, agreement.id).seal_attempts == 2
        tsa = LoopbackTSA(refused.release())
        try:
            jobs.run_pending(scheduled=True)
        finally:
            tsa.stop()
    finally:
        app.config.update(SIGNING_TSA_URL="", SEAL_RETRY_DELAY=30, SIGNING_TSA_CHAIN="")
    document = db.session.scalar(select(Document).where(Document.agreement_id == agreement.id))
    signature = PdfFileReader(io.BytesIO(document.bytes)).embedded_signatures[0]
    assert tsa.answered >= 1 and signature.sig_object_type == "/Sig"
    assert signature.signer_info["unsigned_attrs"].native[0]["type"] == "signature_time_stamp_token"
    assert "1 dari 1 PDF disegel" in client.get(path).get_data(as_text=True)


def test_after_the_last_attempt_a_person_can_retry(app, client, auth, jobs):
    refused = RefusedPort()
    app.config.update(SIGNING_TSA_URL=f"http://127.0.0.1:{refused.port}/", SEAL_RETRY_DELAY=0.01,
                      SEAL_MAX_ATTEMPTS=2)
    try:
        agreement = make_signed()[0]
        path = _countersign(client, auth, make_official(), [agreement])
        jobs.run_pending(scheduled=True)
        page = client.get(path).get_data(as_text=True)
        assert "Tidak dicoba lagi otomatis" in page and "Coba lagi sekarang" in page
        assert "Selesai dengan catatan" in page
        app.config.update(SIGNING_TSA_URL="")
        assert client.post(path + "/coba-lagi").status_code == 303
        jobs.run_pending()
    finally:
        app.config.update(SIGNING_TSA_URL="", SEAL_RETRY_DELAY=30, SEAL_MAX_ATTEMPTS=10)
    assert _documents(agreement.id) == 1
    assert client.post(path + "/coba-lagi", follow_redirects=True).status_code == 200
