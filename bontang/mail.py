"""Outgoing e-mail: every message is stored in the outbox, and sent over SMTP when configured.

A message is stored inside the request's transaction; a worker sends it after that transaction
commits (job `deliver_mail`), so a rolled-back request never sends mail and a slow SMTP server
slows no page. Failures are retried with backoff; the outbox row stays the record.
"""
from __future__ import annotations

import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage

from flask import current_app, render_template
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, or_, select
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


def queue_mail(to_email: str, subject: str, template: str, *, kind: str = "", user=None, **context) -> OutboxMessage:
    """Store one e-mail in the outbox; the body is rendered from templates/mail/<template>.txt."""
    body = render_template(f"mail/{template}.txt", **context)
    message = OutboxMessage(
        to_email=to_email, subject=subject, body=body, kind=kind, user_id=getattr(user, "id", None)
    )
    db.session.add(message)
    db.session.flush()
    if smtp_configured():
        defer("deliver_mail", message.id)
    return message


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
    message.sent_at, message.error, message.next_attempt_at = utcnow(), "", None
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
                message.sent_at, message.error, message.next_attempt_at = utcnow(), "", None
                sent += 1
    except (OSError, smtplib.SMTPException) as exc:
        current_app.logger.warning("SMTP delivery failed: %s", exc)
        for message in messages:
            if message.sent_at is None:
                _record_failure(message, exc)
    return sent


def _as_email(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_email
    email["Subject"] = message.subject
    email.set_content(message.body)
    return email
