"""E-mail in the recipient's language: English for who chose English, Indonesian for everyone else,
with the secrets redacted in the outbox either way; templates without an English file fall back."""
from __future__ import annotations

import re

import pytest
from flask_babel import force_locale
from jinja2 import ChoiceLoader, DictLoader
from sqlalchemy import select

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.mail import REDACTED, OutboxMessage, queue_mail, readable_body
from tests.factories import make_company, make_user
from tests.mou.factories import make_invited


def _with_locale(user, locale):
    user.locale = locale
    db.session.commit()
    return user


def _mails(email: str) -> dict[str, OutboxMessage]:
    return {m.kind: m for m in db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_email == email))}


def _secret_mails(app, client, auth, locale):
    """A reset link, an invitation and a signing code for one representative who chose `locale`."""
    company = make_company()
    rep = _with_locale(make_user(Role.COMPANY_REP, company=company, name="Budi Santoso"), locale)
    agreement, rep = make_invited(company=company, rep=rep)
    from bontang.auth.services import send_invitation

    with app.test_request_context():
        send_invitation(rep, actor=None)
    db.session.commit()
    client.post("/lupa-sandi", data={"email": rep.email})
    auth.login(rep)
    assert client.post(f"/mou/perusahaan/{agreement.id}/kode").status_code in (200, 303)
    auth.logout()
    return _mails(rep.email)


def test_an_english_speaking_recipient_reads_english_with_secrets_redacted(app, client, auth):
    mails = _secret_mails(app, client, auth, "en")
    assert {"reset", "invitation", "mou_code", "mou_invitation"} <= set(mails)
    assert mails["reset"].subject == "Reset password"
    assert mails["invitation"].subject.startswith("Invitation")
    assert mails["mou_code"].subject == "MoU signing code"
    assert mails["mou_invitation"].body.startswith("Dear Budi Santoso,")
    for kind in ("reset", "invitation", "mou_code"):
        message = mails[kind]
        assert message.body.startswith("Dear Budi Santoso,"), kind
        assert "Yth." not in message.body
        assert REDACTED in message.body
        readable = readable_body(message)
        assert REDACTED not in readable and "Dear Budi Santoso," in readable
    assert re.search(r"/atur-sandi/\S+", readable_body(mails["reset"]))
    assert re.search(r"\b\d{6}\b", readable_body(mails["mou_code"]))
    assert not re.search(r"\b\d{6}\b", mails["mou_code"].body)
    assert "signing MoU number" in readable_body(mails["mou_code"])


@pytest.mark.parametrize("locale", [None, "id"])
def test_an_indonesian_recipient_reads_indonesian(app, client, auth, locale):
    mails = _secret_mails(app, client, auth, locale)
    assert mails["reset"].subject == "Atur ulang kata sandi"
    assert mails["mou_code"].subject == "Kode tanda tangan MoU"
    for kind in ("reset", "invitation", "mou_code"):
        assert mails[kind].body.startswith("Yth. Budi Santoso,"), kind
        assert REDACTED in mails[kind].body
        assert "Dear" not in readable_body(mails[kind])


def test_the_senders_language_does_not_choose_the_recipients(app):
    """A staff member working in English invites someone: the invitation is still in Indonesian."""
    from bontang.auth.services import send_invitation

    invited = make_user(Role.COMPANY_HR, password=None, name="Sari")
    with app.test_request_context(), force_locale("en"):
        send_invitation(invited, actor=None)
    db.session.commit()
    message = _mails(invited.email)["invitation"]
    assert message.subject == "Undangan Portal Kemitraan Ketenagakerjaan Kota Bontang"
    assert message.body.startswith("Yth. Sari,")


def test_a_message_to_an_address_without_an_account_is_indonesian(app):
    with app.test_request_context(), force_locale("en"):
        message = queue_mail("tamu@example.com", "Atur ulang kata sandi", "reset", name="Tamu", link="x", hours=2)
    db.session.commit()
    assert message.user_id is None and message.body.startswith("Yth. Tamu,")


def test_a_template_without_an_english_file_falls_back_to_indonesian(app):
    """New templates need no English file: an English-speaking recipient then gets the Indonesian text."""
    user = _with_locale(make_user(Role.STAFF, name="Andi"), "en")
    original = app.jinja_env.loader
    app.jinja_env.loader = ChoiceLoader([DictLoader({"mail/only_indonesian.txt": "Yth. {{ name }}, hanya Indonesia."}),
                                         original])
    try:
        with app.test_request_context():
            message = queue_mail(user.email, "Subjek", "only_indonesian", user=user, name=user.name)
    finally:
        app.jinja_env.loader = original
        app.jinja_env.cache.clear()
    assert message.body == "Yth. Andi, hanya Indonesia."


def test_every_english_template_has_an_indonesian_original(app):
    from pathlib import Path

    mail = Path(app.root_path).parent / "templates" / "mail"
    english = {p.name for p in (mail / "en").glob("*.txt")}
    assert english and english <= {p.name for p in mail.glob("*.txt")}
