"""Long-term validation of archived seals: before the certificate of a final PDF's newest document
timestamp expires, a new version of the PDF gets the validation data of that timestamp and a new
document timestamp (PAdES B-LTA archival chain). Earlier revisions stay byte for byte inside the new
version, and the earlier Document row is never changed: each version is a new row.
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from bontang import audit
from bontang.core import utcnow
from bontang.extensions import db
from bontang.mou import sealing
from bontang.mou.documents import FINAL, VERSION_SEPARATOR, current_final_ids, final_versions
from bontang.mou.models import Document


def _naive_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None) - (moment.utcoffset() or timedelta(0))


def due(document: Document, now: datetime) -> bool:
    """Whether the newest document timestamp of this version expires within SEAL_RETIMESTAMP_DAYS."""
    expiry = sealing.last_timestamp_expiry(document.bytes)
    margin = timedelta(days=current_app.config["SEAL_RETIMESTAMP_DAYS"])
    return expiry is not None and _naive_utc(expiry) - margin <= now


def retimestamp_document(document: Document, *, actor=None) -> Document:
    """Store a new version of `document` with one more document timestamp; returns it."""
    extended = sealing.retimestamp_pdf(document.bytes)
    version = len(final_versions(document.agreement_id)) + 1
    new = Document(agreement_id=document.agreement_id, kind=f"{FINAL}{VERSION_SEPARATOR}{version}", bytes=extended,
                   sha256=hashlib.sha256(extended).hexdigest(), created_at=utcnow())
    db.session.add(new)
    db.session.flush()
    audit.record("mou.document_retimestamped", document.agreement, actor=actor,
                 details={"previous_sha256": document.sha256, "sha256": new.sha256, "version": version})
    return new


def retimestamp_due(now: datetime | None = None) -> dict:
    """Re-timestamp every archived final PDF that is due; one failure (a TSA that is down) skips only
    that document, which is tried again on the next run."""
    now = now or utcnow()
    counts = {"checked": 0, "extended": 0, "failed": 0}
    for document in db.session.scalars(select(Document).where(Document.id.in_(current_final_ids()))
                                       .order_by(Document.id)):
        counts["checked"] += 1
        if not due(document, now):
            continue
        try:
            with db.session.begin_nested():
                retimestamp_document(document)
            counts["extended"] += 1
        except Exception as error:
            current_app.logger.warning("Re-timestamping document %s failed: %s", document.id, error)
            audit.record("mou.retimestamp_failed", document.agreement,
                         details={"document": document.id, "error": f"{type(error).__name__}: {error}"[:300]})
            counts["failed"] += 1
    return counts
