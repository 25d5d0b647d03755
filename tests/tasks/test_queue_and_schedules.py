"""The queue's guarantees (enqueue after commit, nothing lost when the broker is down) and the
worker's schedules: reminders, request expiry, recovery of lost seals."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from bontang.core import utcnow
from bontang.extensions import db
from bontang.hiring.models import HiringRequest, HiringStatus
from bontang.mail import OutboxMessage
from bontang.mou import documents
from bontang.mou.models import Agreement, Document
from bontang.mou.reminders import send_due_reminders
from bontang.tasks import jobs as task_jobs
from bontang.tasks.queue import huey
from tests.hiring.factories import make_request
from tests.mou.factories import make_countersigned, make_invited


def test_the_worker_schedule_names_every_periodic_job():
    periodic = {task.__name__ for task in huey._registry._periodic_tasks}
    assert {"heartbeat", "requeue_lost_seals", "retry_unsent_mail", "send_mou_reminders",
            "expire_hiring_requests", "refresh_dashboard"} <= periodic


def test_the_dashboard_refresh_job_stores_current_snapshots():
    from bontang.reports.cache import current_generation
    from bontang.reports.models import FiguresSnapshot

    assert task_jobs.refresh_dashboard.call_local() > 0
    generations = set(db.session.scalars(select(FiguresSnapshot.generation)))
    assert generations == {current_generation()}


def test_a_broker_outage_loses_nothing(monkeypatch, jobs):
    def refuse(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(huey.storage, "enqueue", refuse)
    agreement = make_countersigned()  # the commit succeeds although the seal job could not be queued
    monkeypatch.undo()
    assert jobs.pending() == 0
    assert documents.requeue_pending(stale_after=timedelta(minutes=5)) == 0  # queued just now: left alone
    db.session.execute(update(Agreement).values(seal_queued_at=utcnow() - timedelta(minutes=6)))
    db.session.commit()
    assert task_jobs.requeue_lost_seals.call_local() == 1
    jobs.run_pending()
    assert db.session.scalar(select(func.count(Document.id)).where(Document.agreement_id == agreement.id)) == 1


def test_reminders_go_every_n_days_up_to_the_cap(app):
    agreement, rep = make_invited()
    sent_on = utcnow()
    db.session.execute(update(Agreement).values(invited_at=sent_on - timedelta(days=8)))
    db.session.commit()
    assert send_due_reminders(sent_on) == 1
    assert send_due_reminders(sent_on + timedelta(hours=1)) == 0  # not again the same day
    for week in (1, 2):
        assert send_due_reminders(sent_on + timedelta(days=7 * week + 1)) == 1
    assert send_due_reminders(sent_on + timedelta(days=30)) == 0  # capped at MOU_REMINDER_MAX (3)
    db.session.commit()
    assert db.session.get(Agreement, agreement.id).reminder_count == 3
    assert db.session.scalar(select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "mou_reminder",
                                                                       OutboxMessage.to_email == rep.email)) == 3


def test_signed_agreements_get_no_reminder():
    from tests.mou.factories import make_signed

    make_signed()
    db.session.execute(update(Agreement).values(invited_at=utcnow() - timedelta(days=30)))
    db.session.commit()
    assert send_due_reminders(utcnow()) == 0


@pytest.mark.parametrize("days, reminded", [(0, 0), (-1, 0)])
def test_reminders_can_be_turned_off(app, days, reminded):
    make_invited()
    db.session.execute(update(Agreement).values(invited_at=utcnow() - timedelta(days=30)))
    db.session.commit()
    app.config["MOU_REMINDER_DAYS"] = days
    try:
        assert send_due_reminders(utcnow()) == reminded
    finally:
        app.config["MOU_REMINDER_DAYS"] = 7


def test_the_daily_expiry_job_expires_past_requests():
    old = make_request(state="verified")
    db.session.execute(update(HiringRequest).where(HiringRequest.id == old.id)
                       .values(valid_until=date.today() - timedelta(days=2)))
    db.session.commit()
    assert task_jobs.expire_hiring_requests.call_local() == 1
    db.session.expire_all()
    assert db.session.get(HiringRequest, old.id).status == HiringStatus.EXPIRED


def test_a_starting_worker_requeues_every_pending_seal(jobs):
    make_countersigned()
    make_countersigned()
    huey.flush()  # as if the queue had been lost with a killed worker
    task_jobs.recover_on_startup()
    assert jobs.pending() == 2 and huey.get("worker-heartbeat", peek=True)
    jobs.run_pending()
    assert db.session.scalar(select(func.count(Document.id))) == 2
