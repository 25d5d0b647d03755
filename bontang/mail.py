"""Outgoing e-mail: every message is stored in the outbox, and sent over SMTP when configured.

A message is stored inside the request's transaction; a worker sends it after that transaction
commits (job `deliver_mail`), so a rolled-back request never sends mail and a slow SMTP server
slows no page. Failures are retried with backoff; the outbox row stays the record.

Secrets (one-time codes, reset and invitation links) reach only their recipient: the stored `body`
has them redacted, so administrators reading the outbox see metadata and text but no usable secret.
The full text is kept encrypted (`private_body`) only until SMTP has delivered it, for the worker
to send and, in development, for the recipient's own mailbox page (bontang/mailbox).

A message is written in its recipient's language (the one their account remembers): the body from
templates/mail/<lang>/<name>.txt when that file exists, else the Indonesian templates/mail/<name>.txt,
and the subject translated when given as a lazy string (`lazy_gettext`). A recipient without an
account, or one who never chose a language, reads Indonesian.
"""
from __future__ import annotations

import base64
import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text, or_, select
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column

from bontang.core import utcnow
from bontang.extensions import db
from bontang.tasks.queue import defer


class OutboxMessage(db.Model):
    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    to_email: Mapped[str] = mapped_column(String(254), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40), default="", index=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The text with its secrets, encrypted; None when the message has no secret or was delivered.
    private_body: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    has_secret: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())


REDACTED = "[rahasia: hanya dapat dibaca penerima]"


def queue_mail(to_email: str, subject, template: str, *, kind: str = "", user=None,
               secrets: tuple[str, ...] = (), **context) -> OutboxMessage:
    """Store one e-mail in the outbox; the body is rendered from templates/mail/<template>.txt.

    `subject` is a string or, to follow the recipient's language, a `lazy_gettext` string; lazy
    strings among the context values are translated the same way.
    `secrets` names the context values (a code, a link) that only the recipient may read: the
    stored body shows them redacted and the full text is kept encrypted until delivery.
    """
    locale = recipient_locale(user)
    with force_locale(locale):
        subject = str(subject)
        names = mail_templates(template, locale)
        body = render_template(names, **context)
        redacted = render_template(names, **{**context, **{key: REDACTED for key in secrets}})
    message = OutboxMessage(to_email=to_email, subject=subject, body=redacted, kind=kind,
                            user_id=getattr(user, "id", None), has_secret=bool(secrets),
                            private_body=_fernet().encrypt(body.encode()) if secrets else None)
    db.session.add(message)
    db.session.flush()
    if smtp_configured():
        defer("deliver_mail", message.id)
    elif secrets and current_app.config.get("APP_ENV") == "development":
        # No SMTP in development: the person running `make run` plays the recipient's mail
        # server for what a logged-out user needs (reset and invitation links).
        current_app.logger.warning("Development e-mail (not sent) to %s, %s:\n%s", to_email, subject, body)
    return message


MAIL_LANGUAGE = "id"  # the language of templates/mail/*.txt, and of mail to people without an account


def recipient_locale(user) -> str:
    """The language the recipient chose (remembered on their account); Indonesian otherwise."""
    chosen = getattr(user, "locale", None)
    return chosen if chosen in current_app.config["LANGUAGES"] else MAIL_LANGUAGE


def mail_templates(template: str, locale: str) -> list[str]:
    """Template names to try, best first: the recipient's language, then the Indonesian original."""
    names = [f"mail/{template}.txt"]
    if locale != MAIL_LANGUAGE:
        names.insert(0, f"mail/{locale}/{template}.txt")
    return names


def readable_body(message: OutboxMessage) -> str:
    """The text as its recipient reads it: with its secrets while they are still kept."""
    if message.private_body is None:
        return message.body
    return _fernet().decrypt(message.private_body).decode()


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"bontang-mail-v1",
               info=b"outbox").derive(current_app.config["SECRET_KEY"].encode())
    return Fernet(base64.urlsafe_b64encode(key))


def smtp_configured() -> bool:
    return bool(current_app.config.get("SMTP_HOST"))


def retry_delay(attempts: int) -> float | None:
    """Seconds until the next try after `attempts` failed ones (None: give up)."""
    cfg = current_app.config
    if attempts >= cfg["MAIL_MAX_ATTEMPTS"]:
        return None
    return min(cfg["MAIL_RETRY_DELAY"] * 2 ** (attempts - 1), 6 * 3600)


def _connect() -> smtplib.SMTP:
    cfg = current_app.config
    smtp = smtplib.SMTP(cfg["SMTP_HOST"], cfg["SMTP_PORT"], timeout=10)
    if cfg["SMTP_STARTTLS"]:
        smtp.starttls()
    if cfg["SMTP_USER"]:
        smtp.login(cfg["SMTP_USER"], cfg["SMTP_PASSWORD"])
    return smtp


def _record_failure(message: OutboxMessage, error: Exception) -> float | None:
    message.error = str(error)[:500] or type(error).__name__
    delay = retry_delay(message.attempts)
    message.next_attempt_at = utcnow() + timedelta(seconds=delay) if delay is not None else None
    return delay


def deliver_one(message_id: int) -> float | None:
    """Send one stored message; returns the delay before a retry when sending failed, else None."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.sent_at is not None or not smtp_configured():
        return None
    message.attempts += 1
    try:
        with _connect() as smtp:
            smtp.send_message(_as_email(message, current_app.config["MAIL_FROM"]))
    except (OSError, smtplib.SMTPException) as exc:
        current_app.logger.warning("SMTP delivery of message %s failed: %s", message_id, exc)
        return _record_failure(message, exc)
    _delivered(message)
    return None


def deliver_due(limit: int = 500) -> int:
    """Send unsent messages whose next try is due over one connection; returns how many were sent."""
    if not smtp_configured():
        return 0
    now = utcnow()
    messages = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.sent_at.is_(None),
                                    OutboxMessage.attempts < current_app.config["MAIL_MAX_ATTEMPTS"],
                                    or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now))
        .order_by(OutboxMessage.id).limit(limit)).all()
    if not messages:
        return 0
    sent = 0
    for message in messages:
        message.attempts += 1  # a connection that fails counts as an attempt for every message
    try:
        with _connect() as smtp:
            for message in messages:
                smtp.send_message(_as_email(message, current_app.config["MAIL_FROM"]))
                _delivered(message)
                sent += 1
    except (OSError, smtplib.SMTPException) as exc:
        current_app.logger.warning("SMTP delivery failed: %s", exc)
        for message in messages:
            if message.sent_at is None:
                _record_failure(message, exc)
    return sent


def _delivered(message: OutboxMessage) -> None:
    """Sent: the secret has reached its recipient's mailbox, so nothing usable stays here."""
    message.sent_at, message.error, message.next_attempt_at, message.private_body = utcnow(), "", None, None


def _as_email(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_email
    email["Subject"] = message.subject
    email.set_content(readable_body(message))
    return email
