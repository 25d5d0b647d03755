"""Passkeys: enrol on the account page, sign with one instead of the e-mailed code; a replayed
assertion or another account's passkey is refused; a passkey enrolled before a change lifts the hold."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from bontang.core import DomainError
from bontang.extensions import db
from bontang.mou import documents, signing
from bontang.mou.evidence import IDENTIFICATION_PASSKEY
from bontang.mou.models import Agreement, AgreementStatus, Signature
from bontang.passkeys import services as passkeys
from bontang.passkeys.models import PasskeyCredential
from tests.mou.authenticator import SoftAuthenticator
from tests.mou.factories import countersign, make_invited, make_official, make_signed, png_data_url


def _enrol(client, name: str = "Laptop kantor") -> SoftAuthenticator:
    key = SoftAuthenticator()
    options = client.post("/akun/passkey/opsi")
    assert options.status_code == 200
    response = client.post("/akun/passkey", data={"name": name, "credential": key.create(options.get_data(as_text=True))})
    assert response.status_code == 303
    return key


def _sign_form(**overrides) -> dict:
    return {"name": "Budi Santoso", "position": "Direktur Utama", "method": "drawn", "signature": png_data_url(),
            "consent": "y", "code": "", **overrides}


def test_a_representative_enrols_a_passkey_and_signs_with_it(client, auth):
    agreement, rep = make_invited()
    auth.login(rep)
    assert "Belum ada passkey" in client.get("/akun").get_data(as_text=True)
    key = _enrol(client)
    assert "Laptop kantor" in client.get("/akun").get_data(as_text=True)
    options = client.post(f"/mou/perusahaan/{agreement.id}/passkey").get_data(as_text=True)
    assert json.loads(options)["allowCredentials"][0]["id"] == db.session.scalar(select(PasskeyCredential.credential_id))
    response = client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=_sign_form(passkey=key.get(options)))
    assert response.status_code == 303
    db.session.expire_all()
    agreement = db.session.get(Agreement, agreement.id)
    assert agreement.status == AgreementStatus.SIGNED_BY_COMPANY
    assert agreement.signatures[0].identification == IDENTIFICATION_PASSKEY
    assert db.session.scalar(select(PasskeyCredential.sign_count)) == 1
    countersign([agreement], make_official())
    parties = documents.pdf_data(db.session.get(Agreement, agreement.id), preview=False)["parties"]
    assert "passkey (WebAuthn)" in parties[0]["identification"] and "kode sekali pakai" in parties[1]["identification"]
    verification = client.get(f"/verifikasi/{agreement.verification_code}").get_data(as_text=True)
    assert "passkey (WebAuthn)" in verification and "kode sekali pakai" in verification


def test_an_official_countersigns_a_batch_with_a_passkey(client, auth):
    first, _ = make_signed()
    second, _ = make_signed()
    official = make_official()
    auth.login(official)
    key = _enrol(client, "Kunci keamanan")
    ids = [str(first.id), str(second.id)]
    for agreement in (first, second):
        client.post(f"/mou/tanda-tangan/{agreement.id}/pratinjau")
    options = client.post("/mou/tanda-tangan/passkey", data={"agreements": ids}).get_data(as_text=True)
    response = client.post("/mou/tanda-tangan", data={**_sign_form(name=official.name, position="Kepala Dinas"),
                                                      "agreements": ids, "passkey": key.get(options)})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Signature.id)).where(
        Signature.identification == IDENTIFICATION_PASSKEY)) == 2


def test_a_replayed_assertion_is_refused(app):
    agreement, rep = make_invited()
    key = SoftAuthenticator()
    passkeys.enrol_passkey(rep, key.create(passkeys.registration_options(rep)), "Ponsel")
    purpose = signing.company_purpose(agreement)
    answer = key.get(passkeys.assertion_options(rep, purpose))
    passkeys.verify_passkey(rep, purpose, answer)
    with pytest.raises(DomainError, match="sudah pernah dipakai"):
        passkeys.verify_passkey(rep, purpose, answer)
    stale = key.get(passkeys.assertion_options(rep, purpose), advance=False)  # a cloned key: its counter did not rise
    with pytest.raises(DomainError, match="Passkey ditolak"):
        passkeys.verify_passkey(rep, purpose, stale)
    other_purpose = key.get(passkeys.assertion_options(rep, "sign:999999"))
    with pytest.raises(DomainError, match="tidak berlaku untuk tindakan ini"):
        passkeys.verify_passkey(rep, purpose, other_purpose)


def test_another_accounts_passkey_is_refused_and_nothing_changes(client, auth, app):
    agreement, rep = make_invited()
    _other_agreement, other = make_invited()
    theirs = SoftAuthenticator()
    passkeys.enrol_passkey(other, theirs.create(passkeys.registration_options(other)), "Milik orang lain")
    db.session.commit()
    auth.login(rep)
    _enrol(client)
    options = client.post(f"/mou/perusahaan/{agreement.id}/passkey").get_data(as_text=True)
    response = client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=_sign_form(passkey=theirs.get(options)))
    assert response.status_code == 422 and "tidak terdaftar pada akun Anda" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Agreement, agreement.id).status != AgreementStatus.SIGNED_BY_COMPANY
    assert db.session.scalar(select(func.count(Signature.id))) == 0


def test_without_a_passkey_the_options_say_so(client, auth):
    agreement, rep = make_invited()
    auth.login(rep)
    response = client.post(f"/mou/perusahaan/{agreement.id}/passkey")
    assert response.status_code == 422 and "belum mendaftarkan passkey" in response.get_json()["error"]


def test_only_signers_have_the_account_page(client, login_as):
    login_as("staff")
    assert client.get("/akun").status_code == 403
    assert client.post("/akun/passkey/opsi").status_code == 403


def test_a_passkey_enrolled_before_a_change_confirms_it_and_ends_the_hold(client, auth, login_as):
    agreement, rep = make_invited()
    auth.login(rep)
    key = _enrol(client)
    auth.logout()
    login_as("staff")
    assert client.post(f"/kelola/pengguna/{rep.id}/undang").status_code == 303
    auth.logout()
    auth.login(rep)
    assert "Penandatanganan ditahan sampai" in client.get("/akun").get_data(as_text=True)
    later = _enrol(client, "Dipasang sesudah perubahan")
    options = client.post("/akun/konfirmasi/opsi").get_data(as_text=True)
    refused = client.post("/akun/konfirmasi", data={"credential": later.get(options)})
    assert refused.status_code == 422 and "didaftarkan setelah akun diubah" in refused.get_data(as_text=True)
    assert client.post(f"/mou/perusahaan/{agreement.id}/kode").status_code == 422
    options = client.post("/akun/konfirmasi/opsi").get_data(as_text=True)
    assert client.post("/akun/konfirmasi", data={"credential": key.get(options)}).status_code == 303
    assert "ditahan" not in client.get("/akun").get_data(as_text=True)
    options = client.post(f"/mou/perusahaan/{agreement.id}/passkey").get_data(as_text=True)
    response = client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=_sign_form(passkey=key.get(options)))
    assert response.status_code == 303


def test_the_account_page_in_english(client, auth):
    _agreement, rep = make_invited()
    auth.login(rep)
    client.post("/bahasa", data={"locale": "en"})
    page = client.get("/akun").get_data(as_text=True)
    assert "Enrol a passkey" in page and "My account" in page
