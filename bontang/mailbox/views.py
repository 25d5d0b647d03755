"""The logged-in user's own e-mails (development and demo only; 404 in production)."""
from __future__ import annotations

from flask import abort, current_app
from flask_login import current_user
from sqlalchemy import or_, select

from bontang.extensions import db
from bontang.mail import OutboxMessage, readable_body
from bontang.mailbox import bp
from bontang.pagination import paginate
from bontang.security import logged_in
from bontang.web import page_number, render

ENABLED_IN = ("development", "testing")


def enabled() -> bool:
    return current_app.config.get("APP_ENV") in ENABLED_IN


def _mine():
    return or_(OutboxMessage.user_id == current_user.id, OutboxMessage.to_email == current_user.email)


@bp.route("/kotak-surat")
@logged_in
def index():
    """The newest e-mails sent to me."""
    if not enabled():
        abort(404)
    query = select(OutboxMessage).where(_mine()).order_by(OutboxMessage.id.desc())
    return render("mailbox/index.html", page=paginate(query, page_number()))


@bp.route("/kotak-surat/<int:message_id>")
@logged_in
def message(message_id: int):
    """One of my e-mails, secrets included (another person's: 404)."""
    if not enabled():
        abort(404)
    found = db.session.scalar(select(OutboxMessage).where(OutboxMessage.id == message_id, _mine()))
    if found is None:
        abort(404)
    return render("mailbox/message.html", message=found, body=readable_body(found))
