"""Secrets reach only their owner: codes, reset and invitation links are redacted on every page
Disnaker's staff can open, readable by the recipient alone, and gone once delivered."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bontang.extensions import db
from bontang.mail import OutboxMessage, readable_body
from tests.factories import make_user
from tests.mou.factories import last_code, make_invited


def _secret_mails(client, auth, app):
    """A signing code, a reset link and an invitation link, each sent to someone other than staff."""
    agreement, rep = make_invited()
    auth.login(rep)
    assert client.post(f"/mou/perusahaan/{agreement.id}/kode").status_code in (200, 303)
    auth.logout()
    code = last_code(rep.email)
    client.post("/lupa-sandi", data={"email": rep.email})
    invited = make_user("company_hr", company=rep.company, password=None)
    from bontang.auth.services import send_invitation

    with app.test_request_context():
        send_invitation(invited, actor=None)
    db.session.commit()
    messages = db.session.scalars(select(OutboxMessage).where(OutboxMessage.has_secret.is_(True))).all()
    secrets = [code] + [re.search(r"http\S+/(?:atur-sandi|undangan)/\S+", readable_body(m)).group(0)
                        for m in messages if m.kind in ("reset", "invitation")]
    return messages, secrets, rep


@pytest.mark.parametrize("role", ["admin", "staff"])
def test_no_page_disnaker_reaches_shows_anyone_elses_secret(app, client, auth, login_as, role):
    messages, secrets, _rep = _secret_mails(client, auth, app)
    assert len(messages) == 3 and len(secrets) == 3
    login_as(role)
    pages = [client.get("/admin/kotak-keluar"), client.get("/kotak-surat")]
    pages += [client.get(f"/admin/kotak-keluar/{m.id}") for m in messages]
    pages += [client.get(f"/kotak-surat/{m.id}") for m in messages]
    for page in pages:
        text = page.get_data(as_text=True)
        for secret in secrets:
            assert secret not in text, f"{secret} shown at {page.request.path}"
    if role == "admin":
        assert "rahasia: hanya dapat dibaca penerima" in client.get(f"/admin/kotak-keluar/{messages[0].id}").get_data(as_text=True)
    for row in db.session.scalars(select(OutboxMessage.body)):
        assert not any(secret in row for secret in secrets)


def test_the_recipient_reads_their_own_code_and_nobody_elses(app, client, auth):
    messages, secrets, rep = _secret_mails(client, auth, app)
    code_mail = next(m for m in messages if m.kind == "mou_code")
    auth.login(rep)
    inbox = client.get("/kotak-surat").get_data(as_text=True)
    assert code_mail.subject in inbox
    assert secrets[0] in client.get(f"/kotak-surat/{code_mail.id}").get_data(as_text=True)
    auth.logout()
    other = make_user("company_rep", company=rep.company)
    auth.login(other)
    assert client.get(f"/kotak-surat/{code_mail.id}").status_code == 404
    assert code_mail.subject not in client.get("/kotak-surat").get_data(as_text=True)


def test_the_mailbox_does_not_exist_in_production(app, client, login_as):
    login_as("staff")
    assert client.get("/kotak-surat").status_code == 200
    app.config["APP_ENV"] = "production"
    try:
        assert client.get("/kotak-surat").status_code == 404
        assert "Kotak surat saya" not in client.get("/").get_data(as_text=True)
    finally:
        app.config["APP_ENV"] = "testing"


def test_a_delivered_secret_is_no_longer_kept(app, jobs):
    from bontang.mail import queue_mail
    from tests.smtp_sink import SmtpSink

    sink = SmtpSink()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=sink.port, SMTP_STARTTLS=False)
    try:
        queue_mail("a@example.com", "Kode", "mou_code", name="Ani", code="482913", minutes=10, what="uji",
                   secrets=("code",))
        db.session.commit()
        jobs.run_pending()
    finally:
        app.config.update(SMTP_HOST="", SMTP_PORT=587, SMTP_STARTTLS=True)
        sink.close()
    message = db.session.scalar(select(OutboxMessage))
    assert "482913" in sink.received[0]
    assert message.sent_at is not None and message.private_body is None and "482913" not in readable_body(message)
