"""The keyed audit chain: deleting, editing or re-hashing events is detected and named, and a
sealed PDF's anchor ties the chain to the copies companies keep."""
from __future__ import annotations

import hashlib

from sqlalchemy import delete, func, select, update

from bontang import audit
from bontang.audit import AuditEvent, AuditHead
from bontang.extensions import db
from bontang.mou.anchor import pdf_anchor
from bontang.mou.models import Document
from tests.mou.factories import make_completed


def _events(n: int = 5) -> None:
    for i in range(n):
        audit.record("test.event", details={"n": i})
    db.session.commit()


def test_an_intact_chain_verifies(runner):
    _events()
    result = runner.invoke(args=["audit-verify"])
    assert result.exit_code == 0 and "5 events, head seq=5" in result.output


def test_deleting_the_newest_events_is_detected(runner):
    _events()
    db.session.execute(delete(AuditEvent).where(AuditEvent.seq >= 4))
    db.session.commit()
    result = runner.invoke(args=["audit-verify"])
    assert result.exit_code == 1 and "ends at seq=3 but the head says seq=5" in result.output


def test_deleting_events_and_moving_the_head_back_is_detected(runner):
    _events()
    db.session.execute(delete(AuditEvent).where(AuditEvent.seq >= 4))
    third = db.session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == 3))
    db.session.execute(update(AuditHead).values(seq=3, last_hash=third))
    db.session.commit()
    result = runner.invoke(args=["audit-verify"])
    assert result.exit_code == 1 and "head row does not match its key" in result.output


def test_deleting_an_event_in_the_middle_is_detected(runner):
    _events()
    db.session.execute(delete(AuditEvent).where(AuditEvent.seq == 2))
    db.session.commit()
    result = runner.invoke(args=["audit-verify"])
    assert result.exit_code == 1 and "events missing before seq=3" in result.output


def test_rewriting_the_chain_with_recomputed_plain_hashes_is_detected(runner):
    _events()
    db.session.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(details={"n": 99}))
    prev = "0" * 64
    for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all():
        event.prev_hash = prev
        event.hash = hashlib.sha256((prev + event.payload()).encode()).hexdigest()
        prev = event.hash
    db.session.execute(update(AuditHead).values(last_hash=prev))
    db.session.commit()
    result = runner.invoke(args=["audit-verify"])
    assert result.exit_code == 1 and "seq=1" in result.output and "without the key" in result.output
    assert db.session.scalar(select(func.count(AuditEvent.id))) == 5


def test_a_sealed_pdf_anchors_the_chain(runner, tmp_path):
    make_completed()
    data = db.session.scalar(select(Document.bytes))
    seq, digest = pdf_anchor(data)
    assert digest == db.session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == seq))
    path = tmp_path / "mou.pdf"
    path.write_bytes(data)
    result = runner.invoke(args=["audit-verify", "--pdf", str(path)])
    assert result.exit_code == 0 and f"PDF anchor seq={seq} is in the chain" in result.output
    db.session.execute(update(AuditEvent).where(AuditEvent.seq == seq).values(ip="10.9.9.9"))
    db.session.commit()
    result = runner.invoke(args=["audit-verify", "--pdf", str(path)])
    assert result.exit_code == 1 and f"PDF anchor seq={seq} not confirmed" in result.output


def test_a_pdf_without_an_anchor_is_a_clear_error(runner, tmp_path):
    path = tmp_path / "lain.pdf"
    path.write_bytes(b"bukan pdf")
    result = runner.invoke(args=["audit-verify", "--pdf", str(path)])
    assert result.exit_code == 1 and "not a readable PDF" in result.output
