"""Account changes by Disnaker cannot be turned into a signature: the old address is told and signing
is held for the cooling-off period; the PDF's audit certificate says when the credentials changed and by whom."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from bontang.accounts.models import User
from bontang.audit import AuditEvent
from bontang.extensions import db
from bontang.mail import OutboxMessage, readable_body
from bontang.mou import documents
from bontang.mou.models import Agreement, AgreementStatus, Signature
from tests import factories
from tests.mou.factories import countersign, last_code, make_invited, make_official, png_data_url

NEW_PASSWORD = "kata-sandi-baru-9"


def _sign_form(code: str) -> dict:
    return {"name": "Budi Santoso", "position": "Direktur Utama", "method": "drawn", "signature": png_data_url(),
            "consent": "y", "code": code}


def _mail_to(email: str, kind: str) -> OutboxMessage | None:
    return db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_email == email, OutboxMessage.kind == kind)
                             .order_by(OutboxMessage.id.desc()).limit(1))


def _assert_held(client, agreement) -> None:
    refused = client.post(f"/mou/perusahaan/{agreement.id}/kode")
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Penandatanganan ditahan sampai" in text and "WITA" in text
    response = client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=_sign_form("123456"))
    assert response.status_code == 422 and "ditahan sampai" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Agreement, agreement.id).status in (AgreementStatus.INVITED, AgreementStatus.VIEWED)
    assert db.session.scalar(select(func.count(Signature.id))) == 0


def _age_the_change(user, hours: int = 25) -> None:
    db.session.expire_all()
    user = db.session.get(User, user.id)
    user.credentials_changed_at -= timedelta(hours=hours)
    db.session.commit()


def test_an_admin_initiated_reset_holds_signing_and_tells_the_address(client, auth, login_as):
    agreement, rep = make_invited()
    login_as("admin")
    client.post("/lupa-sandi", data={"email": rep.email})  # the admin asks for the representative's reset
    auth.logout()
    link = readable_body(_mail_to(rep.email, "reset"))
    token = re.search(r"/atur-sandi/(\S+)", link).group(1)
    assert client.post(f"/atur-sandi/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 303
    notice = _mail_to(rep.email, "credentials_changed")
    assert notice is not None and "ditahan sampai" in notice.body
    _assert_held(client, agreement)


def test_an_email_change_by_staff_tells_the_old_address_and_holds_until_the_period_ends(client, auth, login_as):
    agreement, rep = make_invited()
    old = rep.email
    login_as("staff", name="Hendra Saputra")
    data = {"email": "baru@example.com", "name": rep.name, "position": rep.position, "role": "company_rep",
            "company_id": str(rep.company_id), "institution_id": "0", "office": ""}
    assert client.post(f"/kelola/pengguna/{rep.id}/ubah", data=data).status_code == 303
    auth.logout()
    notice = _mail_to(old, "credentials_changed")
    assert notice is not None and "e-mail akun diubah" in notice.body and "Hendra Saputra" in notice.body
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.action == "auth.credentials_changed")) == 1
    auth.login("baru@example.com")
    _assert_held(client, agreement)
    _age_the_change(rep)
    client.post(f"/mou/perusahaan/{agreement.id}/kode")
    response = client.post(f"/mou/perusahaan/{agreement.id}/tandatangani", data=_sign_form(last_code("baru@example.com")))
    assert response.status_code == 303
    db.session.expire_all()
    agreement = db.session.get(Agreement, agreement.id)
    signature = agreement.signatures[0]
    assert "Hendra Saputra" in signature.credentials_changed_by and signature.credentials_changed_at is not None
    countersign([agreement], make_official())
    data = documents.pdf_data(db.session.get(Agreement, agreement.id), preview=False)
    company = next(p for p in data["parties"] if p["email"] == "baru@example.com")
    assert "Hendra Saputra" in company["credentials"] and "e-mail akun diubah" in company["credentials"]
    assert "tidak pernah diubah" in next(p for p in data["parties"] if p["email"] != "baru@example.com")["credentials"]


def test_a_new_activation_link_or_reactivation_by_staff_holds_signing(client, auth, login_as):
    agreement, rep = make_invited()
    login_as("staff")
    assert client.post(f"/kelola/pengguna/{rep.id}/undang").status_code == 303
    auth.logout()
    auth.login(rep)
    _assert_held(client, agreement)
    auth.logout()
    other, rep2 = make_invited()
    login_as("admin")
    client.post(f"/kelola/pengguna/{rep2.id}/status")  # deactivate
    client.post(f"/kelola/pengguna/{rep2.id}/status")  # and reactivate
    auth.logout()
    assert _mail_to(rep2.email, "credentials_changed") is not None
    auth.login(rep2)
    _assert_held(client, other)


def test_the_first_activation_and_own_changes_do_not_hold(client, auth, app):
    company = factories.make_company()
    agreement, rep = make_invited(company, rep=factories.make_user("company_rep", company=company, password=None))
    agreement = db.session.get(Agreement, agreement.id)
    rep = db.session.get(User, rep.id)
    from bontang.auth.services import send_invitation

    with app.test_request_context():
        send_invitation(rep)
    db.session.commit()
    token = re.search(r"/undangan/(\S+)", readable_body(_mail_to(rep.email, "invitation"))).group(1)
    assert client.post(f"/undangan/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 303
    assert client.post(f"/mou/perusahaan/{agreement.id}/kode").status_code in (200, 303)
    assert _mail_to(rep.email, "credentials_changed") is None


def test_the_cooling_off_period_is_configurable(client, auth, login_as, app, monkeypatch):
    agreement, rep = make_invited()
    login_as("staff")
    client.post(f"/kelola/pengguna/{rep.id}/undang")
    auth.logout()
    monkeypatch.setitem(app.config, "SIGNING_COOLING_OFF_HOURS", 0)
    auth.login(rep)
    assert client.post(f"/mou/perusahaan/{agreement.id}/kode").status_code in (200, 303)
