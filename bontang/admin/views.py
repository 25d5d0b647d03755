"""Admin pages: the e-mail outbox and the audit log."""
from __future__ import annotations

from flask import request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bontang.admin import bp
from bontang.audit import AuditEvent, event_count
from bontang.mail import OutboxMessage
from bontang.pagination import paginate
from bontang.security import ADMIN, get_or_404, roles
from bontang.web import page_number, render


@bp.route("/kotak-keluar")
@roles(ADMIN)
def outbox():
    """Every e-mail the app has sent or queued, newest first."""
    q = request.args.get("q", "").strip().lower()
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc())
    if q:
        query = query.where(OutboxMessage.to_email.like(f"%{q}%"))
    page = paginate(query, page_number())
    return render("admin/outbox.html", "admin/_outbox_table.html", page=page, q=q)


@bp.route("/kotak-keluar/<int:message_id>")
@roles(ADMIN)
def outbox_message(message_id: int):
    """One stored e-mail."""
    message = get_or_404(OutboxMessage, message_id, company_attr=None)
    return render("admin/outbox_message.html", message=message)


@bp.route("/audit")
@roles(ADMIN)
def audit():
    """The audit log, newest first, filterable by action."""
    action = request.args.get("aksi", "").strip()
    query = select(AuditEvent).options(selectinload(AuditEvent.actor)).order_by(AuditEvent.seq.desc())
    if action:
        query = query.where(AuditEvent.action.like(f"{action}%"))
    # Unfiltered, the head row holds the count: no scan of a million rows per page view.
    page = paginate(query, page_number(), per_page=50, total=None if action else event_count())
    return render("admin/audit.html", "admin/_audit_table.html", page=page, action=action)
