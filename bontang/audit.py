"""Append-only audit log whose events form a keyed hash chain.

Each event stores an HMAC-SHA256 (key AUDIT_KEY, kept outside the database) over the previous
event's hash and its own content, so rows edited, inserted or rewritten with recomputed hashes no
longer verify. The `audit_head` row holds the chain's end (sequence and hash) under its own HMAC,
so deleting the newest events is detected too. Writers serialise on that row, so two concurrent
requests cannot both chain onto the same predecessor. Sealed MoU PDFs carry the head at sealing
time: the companies' copies anchor the log outside the database (`flask audit-verify --pdf`).
"""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app, has_request_context, request
from flask_login import current_user
from sqlalchemy import (JSON, DateTime, ForeignKey, Index, Integer, String, Text, event, func, insert, select, text,
                        update)
from sqlalchemy.orm import Mapped, Session, load_only, mapped_column, relationship

from bontang.core import utcnow
from bontang.extensions import REUSABLE_PLAN, db

GENESIS = "0" * 64


class AuditHead(db.Model):
    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default=GENESIS)
    head_mac: Mapped[str] = mapped_column(String(64), default="", server_default="")


# Reading a document (a signed PDF downloaded, a preview opened) is recorded like every change, but an object's
# history lists its changes: a much-downloaded agreement would otherwise show nothing but downloads, its later
# changes cut off. The reads are summed up apart (`reads_of`). Literal SQL, the same text in the partial index and
# in the query, so both databases see that the index answers the query.
READ_ACTIONS = ("mou.downloaded", "mou.preview_downloaded")
NOT_A_READ = text("action NOT IN (" + ", ".join(f"'{action}'" for action in READ_ACTIONS) + ")")
A_READ = text("action IN (" + ", ".join(f"'{action}'" for action in READ_ACTIONS) + ")")


class AuditEvent(db.Model):
    __tablename__ = "audit_event"
    # One object's timeline (MoU detail) reads its changes in chain order straight from the partial index.
    __table_args__ = (Index("ix_audit_event_object", "object_type", "object_id", "seq"),
                      Index("ix_audit_event_object_changes", "object_type", "object_id", "seq",
                            postgresql_where=NOT_A_READ, sqlite_where=NOT_A_READ),
                      Index("ix_audit_event_object_reads", "object_type", "object_id", "seq",
                            postgresql_where=A_READ, sqlite_where=A_READ))

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
    # The request that caused the event (bontang/observability). Deliberately outside payload(): the
    # chain's MAC is unchanged, so events written before this column existed still verify.
    request_id: Mapped[str | None] = mapped_column(String(64))

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
        return mac(self.prev_hash + self.payload())


def mac(text: str, key: str | None = None) -> str:
    """HMAC-SHA256 of `text` under the audit key."""
    secret = (key or current_app.config["AUDIT_KEY"]).encode()
    return hmac.new(secret, text.encode(), hashlib.sha256).hexdigest()


def head_mac(seq: int, last_hash: str, key: str | None = None) -> str:
    return mac(f"head:{seq}:{last_hash}", key)


HEAD_KEY = "audit_head"  # (seq, hash) of this transaction's newest event, while it holds the head's lock


def _next_link() -> tuple[int, str]:
    """Take the chain's write lock (once per transaction) and return the next sequence number and previous hash.

    The first event of a transaction locks the head row by updating it; later events of the same
    transaction chain on from the cached head, which nobody else can move until this one ends.
    """
    held = db.session.info.get(HEAD_KEY)
    if held is not None:
        return held[0] + 1, held[1]
    bumped = db.session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1))
    if bumped.rowcount == 0:
        db.session.execute(insert(AuditHead).values(id=1, seq=1, last_hash=GENESIS))
    seq, last_hash = db.session.execute(select(AuditHead.seq, AuditHead.last_hash).where(AuditHead.id == 1)).one()
    return seq, last_hash


@event.listens_for(Session, "after_transaction_end")
def _release_head(session: Session, transaction) -> None:
    if transaction.parent is None:  # the outermost transaction ended: the lock is gone
        session.info.pop(HEAD_KEY, None)


@event.listens_for(Session, "after_soft_rollback")
def _forget_head(session: Session, _previous) -> None:
    session.info.pop(HEAD_KEY, None)  # a rolled-back savepoint may have undone events: read the head again


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
        request_id=_request_id(),
    )
    event.hash = event.compute_hash()
    db.session.add(event)
    db.session.execute(update(AuditHead).where(AuditHead.id == 1)
                       .values(seq=seq, last_hash=event.hash, head_mac=head_mac(seq, event.hash)))
    db.session.info[HEAD_KEY] = (seq, event.hash)
    return event


def _company_of(target: Any) -> int | None:
    if target is None:
        return None
    if type(target).__name__ == "Company":
        return target.id
    return getattr(target, "company_id", None)


def _request_id() -> str | None:
    from bontang.observability.logs import current_request_id

    return current_request_id()


def _client_ip() -> str:
    return request.remote_addr or ""


@dataclass
class ChainCheck:
    """The outcome of walking the chain: how many events verified and, if any, what is wrong."""

    checked: int
    problem: str | None = None
    last_seq: int = 0
    last_hash: str = GENESIS

    @property
    def intact(self) -> bool:
        return self.problem is None


def verify_chain(batch: int = 5000, *, until_seq: int | None = None) -> ChainCheck:
    """Walk the chain in order (up to `until_seq`), then compare its end with the keyed head row."""
    prev, checked, last_seq = GENESIS, 0, 0
    while True:
        query = select(AuditEvent).where(AuditEvent.seq > last_seq).order_by(AuditEvent.seq).limit(batch)
        if until_seq is not None:
            query = query.where(AuditEvent.seq <= until_seq)
        events = db.session.scalars(query).all()
        if not events:
            break
        for item in events:
            if item.seq != last_seq + 1:
                return ChainCheck(checked, f"events missing before seq={item.seq} (after seq={last_seq})", last_seq, prev)
            if item.prev_hash != prev or item.compute_hash() != item.hash:
                return ChainCheck(checked, f"event seq={item.seq} id={item.id} action={item.action} does not "
                                           f"match its hash (edited, inserted or re-hashed without the key)", last_seq, prev)
            prev, last_seq, checked = item.hash, item.seq, checked + 1
        db.session.expunge_all()
    if until_seq is not None:
        return ChainCheck(checked, None if last_seq == until_seq else f"seq={until_seq} is not in the chain",
                          last_seq, prev)
    return _check_head(ChainCheck(checked, None, last_seq, prev))


def _check_head(check: ChainCheck) -> ChainCheck:
    head = db.session.get(AuditHead, 1)
    if head is None:
        check.problem = None if check.checked == 0 else "the head row is missing"
    elif not hmac.compare_digest(head.head_mac or "", head_mac(head.seq, head.last_hash)):
        check.problem = "the head row does not match its key (rewritten)"
    elif (head.seq, head.last_hash) != (check.last_seq, check.last_hash):
        check.problem = (f"the chain ends at seq={check.last_seq} but the head says seq={head.seq}: "
                         f"events were deleted or the chain was replaced")
    return check


def chain_head() -> tuple[int, str]:
    """The chain's end (sequence, hash) as committed now: the anchor a sealed PDF carries."""
    row = db.session.execute(select(AuditHead.seq, AuditHead.last_hash).where(AuditHead.id == 1)).first()
    return (row.seq, row.last_hash) if row else (0, GENESIS)


def check_anchor(seq: int, digest: str) -> ChainCheck:
    """Whether the event a PDF anchors (`seq`, `digest`) is still in an intact chain."""
    check = verify_chain(until_seq=seq)
    if check.intact and check.last_hash != digest:
        check.problem = f"the event at seq={seq} is not the one the PDF anchors (the chain was rewritten)"
    if check.intact:
        check = _check_head(verify_chain())
    return check


def event_count() -> int:
    """How many events the log holds, read from the head row (seq numbers have no gaps: the head is
    bumped in the same transaction as each insert, and events are never deleted)."""
    return db.session.scalar(select(AuditHead.seq).where(AuditHead.id == 1)) or 0


def events_for(object_type: str, object_id: int | str, limit: int = 200) -> list[AuditEvent]:
    """The latest `limit` changes of one object (reads left out: `reads_of`), oldest first: what happened, when, by
    whom, from where and why (the chain's hashes and the user agent stay in the database)."""
    latest = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.object_type == object_type, AuditEvent.object_id == str(object_id), NOT_A_READ)
        .order_by(AuditEvent.seq.desc())
        .limit(limit)
        .options(load_only(AuditEvent.seq, AuditEvent.action, AuditEvent.created_at, AuditEvent.actor_label,
                           AuditEvent.ip, AuditEvent.details))
        .execution_options(**REUSABLE_PLAN)  # straight from the partial index, whatever the object
    ).all()
    return latest[::-1]


@dataclass
class Reads:
    """How often one object was read (downloaded, previewed), counted up to a cap, and the latest read."""

    count: int
    capped: bool
    action: str = ""
    created_at: datetime | None = None
    actor_label: str = ""


def reads_of(object_type: str, object_id: int | str, cap: int = 100) -> Reads:
    """The reads (READ_ACTIONS) of one object in one statement, from their partial index: the latest one, and their
    number up to `cap` ("more than")."""
    own = (AuditEvent.object_type == object_type, AuditEvent.object_id == str(object_id), A_READ)
    counted = select(func.count()).select_from(select(AuditEvent.seq).where(*own).limit(cap + 1).subquery())
    row = db.session.execute(
        select(AuditEvent.action, AuditEvent.created_at, AuditEvent.actor_label, counted.scalar_subquery().label("n"))
        .where(*own).order_by(AuditEvent.seq.desc()).limit(1).execution_options(**REUSABLE_PLAN)).first()
    if row is None:
        return Reads(0, False)
    return Reads(min(row.n, cap), row.n > cap, row.action, row.created_at, row.actor_label)
