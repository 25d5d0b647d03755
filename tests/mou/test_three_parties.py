"""A template may add the Wakil Wali Kota after the Disnaker official: two officials must countersign."""
from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import func, select

from bontang.core import DomainError
from bontang.extensions import db
from bontang.mou import queries
from bontang.mou.models import Agreement, AgreementStatus, Document, Party
from tests.mou.factories import countersign, make_official, make_signed, make_template


def _countersign(agreement, official):
    countersign([agreement], official)


def test_vice_mayor_signs_after_the_official(app, tmp_path, jobs):
    make_template(signatory_roles=["company_rep", "official", "vice_mayor"])
    agreement, _ = make_signed()
    head = make_official()
    vice = make_official("wakil_wali_kota", name="Agus Haris", position="Wakil Wali Kota Bontang")
    _countersign(agreement, head)
    db.session.expire_all()
    agreement = db.session.get(Agreement, agreement.id)
    assert agreement.status == AgreementStatus.SIGNED_BY_COMPANY and agreement.next_party() == Party.VICE_MAYOR
    assert db.session.scalar(select(func.count(Document.id))) == 0
    assert queries.countersign_queue(head) == [] and queries.countersign_queue(vice) == [agreement]
    with pytest.raises(DomainError):
        _countersign(agreement, head)
    db.session.rollback()
    _countersign(agreement, vice)
    assert jobs.run_pending() == 1  # the worker seals the completed agreement
    db.session.expire_all()
    agreement = db.session.get(Agreement, agreement.id)
    assert agreement.status == AgreementStatus.COMPLETED
    assert [s.party for s in agreement.signatures] == [Party.COMPANY, Party.OFFICIAL, Party.VICE_MAYOR]
    path = tmp_path / "mou.pdf"
    path.write_bytes(db.session.scalar(select(Document.bytes)))
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    assert "Agus Haris" in text and "Drs. Suhardi Rahman" in text and "WAKIL WALI KOTA" in text
