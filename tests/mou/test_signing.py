"""Company representative: view, ask for a code, sign, decline; every bad input changes nothing."""
from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from bontang.accounts.models import Role
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.mou import codes, signing
from bontang.mou.models import Agreement, AgreementStatus, Party, Signature, SigningCode
from tests.factories import make_user
from tests.mou.factories import last_code, make_invited, make_signed, png_data_url, signer_data


def _signatures() -> int:
    return db.session.scalar(select(func.count(Signature.id)))


def _form(code: str, **overrides) -> dict:
    data = {"name": "Budi Santoso", "position": "Direktur Utama", "method": "drawn", "signature": png_data_url(),
            "consent": "y", "code": code}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _status(agreement_id: int) -> AgreementStatus:
    db.session.expire_all()
    return db.session.get(Agreement, agreement_id).status


def test_representative_views_requests_code_and_signs(client, auth):
    agreement, rep = make_invited()
    auth.login(rep)
    page = client.get("/mou/perusahaan")
    assert page.status_code == 200 and "Pasal 3" in page.get_data(as_text=True)
    assert _status(agreement.id) == AgreementStatus.INVITED  # a GET writes nothing
    assert 'data-testid="mark-viewed"' in page.get_data(as_text=True)
    assert client.post(f"/mou/perusahaan/{agreement.id}/dibaca").status_code == 204
    assert _status(agreement.id) == AgreementStatus.VIEWED
    sent = client.post(f"/mou/perusahaan/{agreement.id}/kode", headers={"HX-Request": "true"})
    assert sent.status_code == 200 and "<html" not in sent.get_data(as_text=True)
    code = last_code(rep.email)
    assert db.session.scalar(select(SigningCode.code_hash)) != code
    response = client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=_form(code))
    assert response.status_code == 303
    assert _status(agreement.id) == AgreementStatus.SIGNED_BY_COMPANY
    signature = db.session.scalar(select(Signature))
    assert signature.party == Party.COMPANY and signature.image_png.startswith(b"\x89PNG")
    assert signature.ip == "127.0.0.1" and signature.text_sha256 == agreement.body_sha256
    preview = client.get(f"/mou/{agreement.id}/pdf")
    assert preview.status_code == 200 and preview.data.startswith(b"%PDF")


def test_typed_signature_is_accepted(client, auth):
    agreement, rep = make_invited()
    auth.login(rep)
    client.post(f"/mou/perusahaan/{agreement.id}/kode")
    response = client.post(f"/mou/perusahaan/{agreement.id}/tandatangani",
                           data=_form(last_code(rep.email), method="typed", signature="", typed="Budi Santoso"))
    assert response.status_code == 303
    assert db.session.scalar(select(Signature.typed_text)) == "Budi Santoso"


NOT_A_PNG = "data:image/png;base64," + base64.b64encode(b"<script>alert(1)</script>").decode()
HUGE = "data:image/png;base64," + base64.b64encode(b"\x89PNG" + b"0" * 400_000).decode()


@pytest.mark.parametrize("overrides, message", [
    ({"code": "000000"}, "Kode salah"),
    ({"consent": None}, "persetujuan"),
    ({"signature": ""}, "kosong"),
    ({"signature": NOT_A_PNG}, "bukan gambar"),
    ({"signature": HUGE}, "terlalu besar"),
    ({"signature": "data:image/jpeg;base64,/9j/4AAQ"}, "bukan PNG"),
    ({"signature": png_data_url(5, 5)}, "tidak wajar"),
    ({"name": ""}, "Wajib diisi"),
    ({"method": "typed", "typed": ""}, "Wajib diisi"),
])
def test_bad_input_shows_message_and_writes_nothing(client, auth, overrides, message):
    agreement, rep = make_invited()
    auth.login(rep)
    client.post(f"/mou/perusahaan/{agreement.id}/kode")
    code = last_code(rep.email)
    data = _form(**{"code": code, **overrides})
    response = client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=data,
                           headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and message in body and "<html" not in body
    assert _signatures() == 0 and _status(agreement.id) == AgreementStatus.VIEWED  # viewed since the code request


def test_wrong_code_attempts_are_counted_and_capped(client, auth):
    agreement, rep = make_invited()
    auth.login(rep)
    client.post(f"/mou/perusahaan/{agreement.id}/kode")
    code = last_code(rep.email)
    for _ in range(codes.MAX_ATTEMPTS):
        assert client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=_form("111111")).status_code == 422
    response = client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=_form(code))
    assert response.status_code == 422 and "Terlalu banyak percobaan" in response.get_data(as_text=True)
    assert _signatures() == 0


def test_expired_and_reused_codes_are_refused(client, auth):
    agreement, rep = make_invited()
    auth.login(rep)
    client.post(f"/mou/perusahaan/{agreement.id}/kode")
    code = last_code(rep.email)
    db.session.execute(update(SigningCode).values(expires_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    response = client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=_form(code))
    assert response.status_code == 422 and "kedaluwarsa" in response.get_data(as_text=True)
    db.session.execute(update(SigningCode).values(expires_at=utcnow() + timedelta(minutes=5), used_at=utcnow()))
    db.session.commit()
    response = client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=_form(code))
    assert response.status_code == 422 and "Minta kode baru" in response.get_data(as_text=True)
    assert _signatures() == 0


def test_new_code_replaces_the_old_one(client, auth):
    agreement, rep = make_invited()
    auth.login(rep)
    client.post(f"/mou/perusahaan/{agreement.id}/kode")
    first = last_code(rep.email)
    client.post(f"/mou/perusahaan/{agreement.id}/kode")
    second = last_code(rep.email)
    if first != second:
        assert client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=_form(first)).status_code == 422
    assert client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=_form(second)).status_code == 303


def test_signing_twice_is_refused(client, auth):
    agreement, rep = make_signed()
    auth.login(rep)
    response = client.post(f"/mou/perusahaan/{agreement.id}/kode", headers={"HX-Request": "true"})
    assert response.status_code == 422 and "sudah ditandatangani" in response.get_data(as_text=True)
    response = client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=_form("123456"))
    assert response.status_code == 422 and _signatures() == 1


def test_double_submit_ends_with_one_signature(app):
    agreement, rep = make_invited()
    code = codes.issue_code(rep, signing.company_purpose(agreement), subject="kode", what="uji")
    db.session.commit()
    signing.sign_agreement(agreement, signer_data(code), actor=rep)
    # A second request that loaded the agreement before the first committed still sees it open:
    with pytest.raises(DomainError):
        signing.add_signature(agreement, Party.COMPANY, rep, signing.validate_signer(signer_data(code)),
                              {}, None)
    with pytest.raises(DomainError):
        signing.move_status(agreement, (AgreementStatus.INVITED, AgreementStatus.VIEWED),
                            AgreementStatus.SIGNED_BY_COMPANY)
    with pytest.raises(DomainError):
        codes.consume_code(db.session.scalar(select(SigningCode)))
    db.session.commit()
    assert _signatures() == 1


def test_decline_needs_a_reason_and_blocks_signing(client, auth):
    agreement, rep = make_invited()
    auth.login(rep)
    response = client.post(f"/mou/perusahaan/{agreement.id}/tolak", data={"reason": "  "})
    assert response.status_code == 422 and _status(agreement.id) == AgreementStatus.INVITED
    response = client.post(f"/mou/perusahaan/{agreement.id}/tolak", data={"reason": "Menunggu direksi"})
    assert response.status_code == 303 and _status(agreement.id) == AgreementStatus.DECLINED
    response = client.post(f"/mou/perusahaan/{agreement.id}/kode")
    assert response.status_code == 422 and "ditolak" in response.get_data(as_text=True)


def test_expired_invitation_cannot_be_signed(client, auth):
    agreement, rep = make_invited()
    db.session.execute(update(Agreement).values(invitation_expires_at=utcnow() - timedelta(days=1)))
    db.session.commit()
    auth.login(rep)
    response = client.post(f"/mou/perusahaan/{agreement.id}/kode")
    assert response.status_code == 422 and "kedaluwarsa" in response.get_data(as_text=True)


def test_another_companys_agreement_is_404(client, auth):
    agreement, _rep = make_invited()
    other, other_rep = make_invited()
    auth.login(other_rep)
    assert client.post(f"/mou/perusahaan/{agreement.id}/kode").status_code == 404
    assert client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=_form("123456")).status_code == 404
    assert client.post(f"/mou/perusahaan/{agreement.id}/tolak", data={"reason": "x"}).status_code == 404
    assert client.get(f"/mou/{agreement.id}/pdf").status_code == 404
    assert _status(agreement.id) == AgreementStatus.INVITED


def test_hr_reads_but_cannot_sign(client, auth):
    agreement, rep = make_invited()
    hr = make_user(Role.COMPANY_HR, company=rep.company)
    auth.login(hr)
    page = client.get("/mou/perusahaan")
    assert page.status_code == 200 and "Hanya wakil perusahaan" in page.get_data(as_text=True)
    assert _status(agreement.id) == AgreementStatus.INVITED
    assert client.post(f"/mou/perusahaan/{agreement.id}/kode").status_code == 403


def test_html_in_text_fields_is_escaped(client, auth):
    agreement, rep = make_invited()
    auth.login(rep)
    client.post(f"/mou/perusahaan/{agreement.id}/kode")
    evil = "<script>alert(1)</script>"
    response = client.post(f"/mou/perusahaan/{agreement.id}/tandatangani",
                           data=_form(last_code(rep.email), name=evil, consent=None))
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and evil not in body and "&lt;script&gt;" in body


def test_code_requests_are_rate_limited(client, auth, app):
    agreement, rep = make_invited()
    auth.login(rep)
    limit = int(app.config["CODE_LIMIT"].split()[0])
    for _ in range(limit):
        assert client.post(f"/mou/perusahaan/{agreement.id}/kode").status_code in (200, 303)
    assert client.post(f"/mou/perusahaan/{agreement.id}/kode").status_code == 429


def test_viewed_is_recorded_only_by_the_representative_of_that_company(client, auth):
    agreement, rep = make_invited()
    other, other_rep = make_invited()
    auth.login(other_rep)
    assert client.post(f"/mou/perusahaan/{agreement.id}/dibaca").status_code == 404
    assert _status(agreement.id) == AgreementStatus.INVITED
    hr = make_user(role=Role.COMPANY_HR, company=agreement.company)
    auth.logout()
    auth.login(hr)
    assert client.post(f"/mou/perusahaan/{agreement.id}/dibaca").status_code == 403
    assert _status(agreement.id) == AgreementStatus.INVITED


def test_requesting_a_code_without_javascript_marks_the_agreement_viewed(client, auth):
    agreement, rep = make_invited()
    auth.login(rep)
    client.get("/mou/perusahaan")
    client.post(f"/mou/perusahaan/{agreement.id}/kode")
    db.session.expire_all()
    stored = db.session.get(Agreement, agreement.id)
    assert stored.status == AgreementStatus.VIEWED and stored.viewed_at is not None
