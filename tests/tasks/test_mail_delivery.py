"""E-mail goes out from a worker after the request commits, and failures are retried with backoff."""
from __future__ import annotations

import time

from sqlalchemy import select

from bontang.extensions import db
from bontang.mail import OutboxMessage, queue_mail
from tests.smtp_sink import SmtpSink
from tests.tsa import RefusedPort


def _smtp(app, port: int) -> None:
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_STARTTLS=False, MAIL_RETRY_DELAY=0.01)


def _no_smtp(app) -> None:
    app.config.update(SMTP_HOST="", SMTP_PORT=587, SMTP_STARTTLS=True, MAIL_RETRY_DELAY=60)


def test_mail_is_sent_by_a_worker_only_after_the_commit(app, jobs):
    sink = SmtpSink()
    _smtp(app, sink.port)
    try:
        queue_mail("hrd@example.com", "Undangan", "reset", name="Ani", link="http://x/tautan", hours=2)
        assert jobs.pending() == 0  # nothing is enqueued before the transaction commits
        db.session.commit()
        assert jobs.pending() == 1 and sink.received == []
        jobs.run_pending()
    finally:
        _no_smtp(app)
        sink.close()
    assert "http://x/tautan" in sink.received[0]
    assert db.session.scalar(select(OutboxMessage.sent_at)) is not None


def test_a_rolled_back_request_sends_nothing(app, jobs):
    refused = RefusedPort()  # held until the test ends
    _smtp(app, refused.port)
    try:
        queue_mail("hrd@example.com", "Undangan", "reset", name="Ani", link="http://x", hours=2)
        db.session.rollback()
        assert jobs.pending() == 0
    finally:
        _no_smtp(app)
    assert db.session.scalar(select(OutboxMessage)) is None


def test_a_failed_delivery_is_retried_with_backoff(app, jobs):
    refused = RefusedPort()
    _smtp(app, refused.port)
    try:
        queue_mail("hrd@example.com", "Undangan", "reset", name="Ani", link="http://x/ulang", hours=2)
        db.session.commit()
        jobs.run_pending()
        message = db.session.scalar(select(OutboxMessage))
        assert message.sent_at is None and message.attempts == 1 and message.error
        assert message.next_attempt_at is not None and jobs.scheduled() == 1
        sink = SmtpSink(refused.release())
        try:
            jobs.run_pending(scheduled=True)
        finally:
            sink.close()
    finally:
        _no_smtp(app)
    message = db.session.scalar(select(OutboxMessage))
    assert message.sent_at is not None and message.attempts == 2 and message.error == ""
    assert "http://x/ulang" in sink.received[0]


def test_delivery_gives_up_after_the_last_attempt_and_keeps_the_record(app, jobs):
    refused = RefusedPort()  # held until the test ends
    _smtp(app, refused.port)
    app.config["MAIL_MAX_ATTEMPTS"] = 2
    try:
        queue_mail("hrd@example.com", "Undangan", "reset", name="Ani", link="http://x", hours=2)
        db.session.commit()
        jobs.run_pending(scheduled=True)
    finally:
        app.config["MAIL_MAX_ATTEMPTS"] = 8
        _no_smtp(app)
    message = db.session.scalar(select(OutboxMessage))
    assert message.attempts == 2 and message.sent_at is None and message.next_attempt_at is None
    assert jobs.scheduled() == 0


def test_without_smtp_mail_stays_in_the_outbox(jobs):
    queue_mail("hrd@example.com", "Undangan", "reset", name="Ani", link="http://x", hours=2)
    db.session.commit()
    assert jobs.pending() == 0
    assert db.session.scalar(select(OutboxMessage.sent_at)) is None


def test_the_periodic_retry_sends_what_is_due(app, jobs):
    from bontang.tasks import jobs as task_jobs

    refused = RefusedPort()
    _smtp(app, refused.port)
    try:
        queue_mail("a@example.com", "Satu", "reset", name="Ani", link="http://x/1", hours=2)
        db.session.commit()
        jobs.run_pending()
        time.sleep(0.05)  # past the (test-short) backoff
        sink = SmtpSink(refused.release())
        try:
            task_jobs.retry_unsent_mail.call_local()
        finally:
            sink.close()
    finally:
        _no_smtp(app)
    assert db.session.scalar(select(OutboxMessage.sent_at)) is not None
    assert len(sink.received) == 1
