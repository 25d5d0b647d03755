"""Real worker processes: a worker killed mid-batch loses nothing and seals nothing twice; a login
during a sealing batch succeeds on the embedded SQLite default."""
from __future__ import annotations

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from sqlalchemy import func, select

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.mou.models import Document
from tests import factories
from tests.mou.factories import make_countersigned
from tests.processes import Worker, wait_until

BATCH = 8


@pytest.fixture
def worker(app, tmp_path):
    process = Worker(app, tmp_path)
    yield process
    process.stop()


def _sealed() -> int:
    db.session.rollback()  # see what the workers committed
    return db.session.scalar(select(func.count(Document.id)).where(Document.kind == "final"))


def test_a_worker_killed_mid_batch_leaves_every_agreement_sealed_exactly_once(worker):
    agreements = [make_countersigned() for _ in range(BATCH)]
    worker.start()
    wait_until(lambda: _sealed() >= 2, timeout=90, what="the first seals", log=worker.log)
    worker.kill9()
    at_kill = _sealed()
    assert at_kill < BATCH, "the batch finished before the kill; nothing was interrupted"
    worker.start()
    wait_until(lambda: _sealed() == BATCH, timeout=120, what="every seal after the restart", log=worker.log)
    per_agreement = dict(db.session.execute(select(Document.agreement_id, func.count(Document.id))
                                            .group_by(Document.agreement_id)).all())
    assert per_agreement == {a.id: 1 for a in agreements}
    for data in db.session.scalars(select(Document.bytes)):
        assert len(PdfFileReader(io.BytesIO(data)).embedded_regular_signatures) == 1  # one seal (plus its B-LTA timestamp)


def test_a_login_during_a_sealing_batch_succeeds(client, auth, worker):
    for _ in range(BATCH):
        make_countersigned()
    staff = factories.make_user(Role.STAFF)
    worker.start()
    wait_until(lambda: _sealed() >= 1, timeout=90, what="sealing to start", log=worker.log)
    logins = 0
    while _sealed() < BATCH and logins < 5:  # the login limit is 10 a minute
        auth.login(staff)  # asserts the 303 of a successful login
        assert auth.logout().status_code in (302, 303)
        logins += 1
    assert logins >= 1
    wait_until(lambda: _sealed() == BATCH, timeout=120, what="the batch", log=worker.log)
