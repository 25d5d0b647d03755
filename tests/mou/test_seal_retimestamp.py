"""Archived final PDFs get a new document timestamp before the last one's certificate expires: a new
Document version whose earlier revisions are the old file byte for byte."""
from __future__ import annotations

import io
import re
from datetime import datetime

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESPassed
from sqlalchemy import select

from bontang.audit import AuditEvent
from bontang.extensions import db
from bontang.mou import documents, longterm, sealing
from bontang.mou.models import Document
from bontang.tasks.queue import huey
from tests.mou.factories import make_completed
from tests.mou.test_seal_lta import lta_result
from tests.mou.test_seal_verify import _upload, _verdict
from tests.tsa import RefusedPort


def test_nothing_is_due_while_the_timestamp_certificate_is_far_from_expiry(app):
    make_completed()
    app.config["SEAL_RETIMESTAMP_DAYS"] = 30  # the development TSA certificate runs for three years
    assert longterm.retimestamp_due() == {"checked": 1, "extended": 0, "failed": 0}
    assert db.session.scalar(select(Document).where(Document.kind != documents.FINAL)) is None


def test_a_due_pdf_gets_a_new_version_that_keeps_the_old_revisions(app, client):
    agreement = make_completed()
    old = documents.final_document(agreement.id)
    old_bytes, old_sha = old.bytes, old.sha256
    app.config["SEAL_RETIMESTAMP_DAYS"] = 365 * 10
    try:
        assert longterm.retimestamp_due()["extended"] == 1
        db.session.commit()
    finally:
        app.config["SEAL_RETIMESTAMP_DAYS"] = 180
    versions = documents.final_versions(agreement.id)
    assert [v.kind for v in versions] == ["final", "final-r2"]
    assert versions[0].bytes == old_bytes and versions[0].sha256 == old_sha  # the old row is untouched
    new = documents.final_document(agreement.id)
    assert new.id == versions[1].id and new.bytes.startswith(old_bytes)  # old revisions intact inside
    reader = PdfFileReader(io.BytesIO(new.bytes))
    assert [s.field_name for s in reader.embedded_timestamp_signatures] == ["CapWaktuArsip1", "CapWaktuArsip2"]
    last_range = [int(n) for n in re.findall(rb"/ByteRange ?\[([\d ]+)\]", new.bytes)[-1].split()]
    assert last_range[2] + last_range[3] == len(new.bytes)  # the new timestamp closes the file
    assert lta_result(new.bytes, sealing.identity().trust_roots()[0]).ades_subindic == AdESPassed.OK
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "mou.document_retimestamped"))
    assert event is not None and event.details["previous_sha256"] == old_sha
    assert "Sah dan tersimpan" in _verdict(_upload(client, agreement, old_bytes))  # an earlier version is stored
    assert "Sah dan tersimpan" in _verdict(_upload(client, agreement, new.bytes))


def test_a_tsa_that_fails_leaves_the_archive_as_it_was_and_is_recorded(app):
    make_completed()
    refused = RefusedPort()
    app.config.update(SEAL_RETIMESTAMP_DAYS=365 * 10, SIGNING_TSA_URL=f"http://127.0.0.1:{refused.port}/")
    try:
        assert longterm.retimestamp_due() == {"checked": 1, "extended": 0, "failed": 1}
        db.session.commit()
    finally:
        app.config.update(SEAL_RETIMESTAMP_DAYS=180, SIGNING_TSA_URL="")
        refused.release()
    assert [d.kind for d in db.session.scalars(select(Document))] == ["final"]
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "mou.retimestamp_failed")) is not None


def test_the_job_is_scheduled_daily():
    task = next(t for t in huey._registry._periodic_tasks if t.__name__ == "retimestamp_archived_seals")
    assert task().validate_datetime(datetime(2027, 3, 1, 18, 30))  # 02:30 WITA
    assert not task().validate_datetime(datetime(2027, 3, 1, 19, 30))
