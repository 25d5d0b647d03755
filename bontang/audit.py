"""Append-only audit log whose events form a hash chain.

Each event stores the hash of the one before it; `flask audit-verify` recomputes the chain and
names the first event that does not match. Writers serialise on the single `audit_head` row, so
two concurrent requests cannot both chain onto the same predecessor.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, insert, select, update
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bontang.core import utcnow
from bontang.extensions import db

GENESIS = "0" * 64


class AuditHead(db.Model):
    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default=GENESIS)


class AuditEvent(db.Model):
    __tablename__ = "audit_event"
    # One object's timeline (MoU detail) reads its events in chain order straight from this index.
    __table_args__ = (Index("ix_audit_event_object", "object_type", "object_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    actor_label: Mapped[str] = mapped_column(String(254), default="")
    action: Mapped[str] = mapped_column(String(60), index=True)
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[str] = mapped_column(String(40), default="")
    company_id: Mapped[int | None] = mapped_column(Integer, index=True)
    ip: Mapped[str] = mapped_column(String(45), default="")
    user_agent: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    actor = relationship("User")

    def payload(self) -> str:
        """The canonical text that the event's hash covers."""
        return json.dumps(
            {
                "seq": self.seq,
                "created_at": self.created_at.isoformat(timespec="microseconds"),
                "actor_id": self.actor_id,
                "actor_label": self.actor_label,
                "action": self.action,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "company_id": self.company_id,
                "ip": self.ip,
                "user_agent": self.user_agent,
                "details": self.details,
            },
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )

    def compute_hash(self) -> str:
        return hashlib.sha256((self.prev_hash + self.payload()).encode()).hexdigest()


def _next_link() -> tuple[int, str]:
    """Take the chain's write lock and return the next sequence number and previous hash."""
    bumped = db.session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1))
    if bumped.rowcount == 0:
        db.session.execute(insert(AuditHead).values(id=1, seq=1, last_hash=GENESIS))
    seq, last_hash = db.session.execute(select(AuditHead.seq, AuditHead.last_hash).where(AuditHead.id == 1)).one()
    return seq, last_hash


def record(
    action: str,
    target: Any = None,
    *,
    details: dict | None = None,
    actor: Any = None,
    company_id: int | None = None,
) -> AuditEvent:
    """Append one audit event for a state change; flushed with the request's transaction."""
    if actor is None and has_request_context() and current_user and current_user.is_authenticated:
        actor = current_user
    seq, prev_hash = _next_link()
    event = AuditEvent(
        seq=seq,
        created_at=utcnow(),
        actor_id=getattr(actor, "id", None),
        actor_label=getattr(actor, "email", "") or "",
        action=action,
        object_type=type(target).__name__ if target is not None else "",
        object_id=str(getattr(target, "id", "") or ""),
        company_id=company_id if company_id is not None else _company_of(target),
        ip=_client_ip() if has_request_context() else "",
        user_agent=(request.user_agent.string[:500] if has_request_context() else ""),
        details=details or {},
        prev_hash=prev_hash,
    )
    event.hash = event.compute_hash()
    db.session.add(event)
    db.session.execute(update(AuditHead).where(AuditHead.id == 1).values(last_hash=event.hash))
    return event


def _company_of(target: Any) -> int | None:
    if target is None:
        return None
    if type(target).__name__ == "Company":
        return target.id
    return getattr(target, "company_id", None)


def _client_ip() -> str:
    return request.remote_addr or ""


def verify_chain(batch: int = 5000) -> tuple[int, AuditEvent | None]:
    """Walk the chain in order; return (events checked, first broken event or None)."""
    prev = GENESIS
    checked = 0
    last_seq = 0
    while True:
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.seq > last_seq).order_by(AuditEvent.seq).limit(batch)
        ).all()
        if not events:
            return checked, None
        for event in events:
            if event.prev_hash != prev or event.compute_hash() != event.hash:
                return checked, event
            prev = event.hash
            last_seq = event.seq
            checked += 1
        db.session.expunge_all()


def event_count() -> int:
    """How many events the log holds, read from the head row (seq numbers have no gaps: the head is
    bumped in the same transaction as each insert, and events are never deleted)."""
    return db.session.scalar(select(AuditHead.seq).where(AuditHead.id == 1)) or 0


def events_for(object_type: str, object_id: int | str, limit: int = 200) -> list[AuditEvent]:
    """The timeline of one object, oldest first."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.object_type == object_type, AuditEvent.object_id == str(object_id))
            .order_by(AuditEvent.seq)
            .limit(limit)
        )
    )
