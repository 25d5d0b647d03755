"""Outgoing e-mail: every message is stored in the outbox, and sent over SMTP when configured.

Messages are queued inside the request's transaction and handed to SMTP only after that
transaction commits, so a rolled-back request never sends mail.
"""
from __future__ import annotations

import smtplib
from datetime import datetime
from email.message import EmailMessage

from flask import current_app, g, has_request_context, render_template
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from bontang.core import utcnow
from bontang.extensions import db


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


def queue_mail(to_email: str, subject: str, template: str, *, kind: str = "", user=None, **context) -> OutboxMessage:
    """Store one e-mail in the outbox; the body is rendered from templates/mail/<template>.txt."""
    body = render_template(f"mail/{template}.txt", **context)
    message = OutboxMessage(
        to_email=to_email, subject=subject, body=body, kind=kind, user_id=getattr(user, "id", None)
    )
    db.session.add(message)
    db.session.flush()
    if has_request_context():
        g.setdefault("queued_mail_ids", []).append(message.id)
    return message


def smtp_configured() -> bool:
    return bool(current_app.config.get("SMTP_HOST"))


def deliver(ids: list[int] | None = None) -> int:
    """Send unsent outbox messages (all, or the given ids) over SMTP; returns how many were sent."""
    if not smtp_configured():
        return 0
    query = select(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
    if ids is not None:
        query = query.where(OutboxMessage.id.in_(ids))
    sent = 0
    cfg = current_app.config
    messages = db.session.scalars(query.order_by(OutboxMessage.id).limit(500)).all()
    if not messages:
        return 0
    try:
        with smtplib.SMTP(cfg["SMTP_HOST"], cfg["SMTP_PORT"], timeout=10) as smtp:
            if cfg["SMTP_STARTTLS"]:
                smtp.starttls()
            if cfg["SMTP_USER"]:
                smtp.login(cfg["SMTP_USER"], cfg["SMTP_PASSWORD"])
            for message in messages:
                message.attempts += 1
                smtp.send_message(_as_email(message, cfg["MAIL_FROM"]))
                message.sent_at = utcnow()
                message.error = ""
                sent += 1
    except (OSError, smtplib.SMTPException) as exc:
        current_app.logger.warning("SMTP delivery failed: %s", exc)
        for message in messages:
            if message.sent_at is None:
                message.error = str(exc)[:500]
    db.session.commit()
    return sent


def _as_email(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_email
    email["Subject"] = message.subject
    email.set_content(message.body)
    return email
