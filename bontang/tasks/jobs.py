"""The jobs workers run. Each loads by id, calls the same service a view or command would, and
records progress or failure; every job is safe to run twice.

Periodic jobs run from the worker's own scheduler (times in UTC; Bontang is UTC+8, WITA).
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from huey import crontab
from huey.exceptions import RetryTask

from bontang import mail
from bontang.core import utcnow
from bontang.extensions import db
from bontang.jobs import services as job_services
from bontang.mou import documents, reminders
from bontang.tasks.queue import beat, huey, job


def seal_retry_delay(attempts: int) -> float | None:
    """Seconds before sealing is tried again after `attempts` failures (None: stop and wait for a person)."""
    cfg = current_app.config
    if attempts >= cfg["SEAL_MAX_ATTEMPTS"]:
        return None
    return min(cfg["SEAL_RETRY_DELAY"] * 2 ** (attempts - 1), cfg["SEAL_RETRY_MAX_DELAY"])


@job()
def seal_agreement(agreement_id: int) -> str:
    """Seal one completed agreement's final PDF; on failure keep the reason and retry with backoff."""
    try:
        return documents.seal_agreement(agreement_id)
    except Exception as error:
        db.session.rollback()
        current_app.logger.warning("Sealing agreement %s failed: %s", agreement_id, error)
        agreement = db.session.get(documents.Agreement, agreement_id)
        delay = seal_retry_delay((agreement.seal_attempts if agreement else 0) + 1)
        documents.record_seal_failure(agreement_id, error, delay)
        if delay is None:
            return "gave_up"
        raise RetryTask(delay=delay) from error


@job()
def build_archive(job_id: int) -> None:
    """Build the ZIP of every sealed MoU PDF for an archive job."""
    try:
        job_services.build_archive(job_id)
    except Exception as error:
        db.session.rollback()
        current_app.logger.exception("Archive job %s failed", job_id)
        job_services.fail_job(job_id, error)


@job()
def run_mou_batch(job_id: int) -> None:
    """Invitations or reminders for many companies, a chunk per transaction."""
    try:
        job_services.run_mou_batch(job_id)
    except Exception as error:
        db.session.rollback()
        current_app.logger.exception("MoU batch job %s failed", job_id)
        job_services.fail_job(job_id, error)


@job()
def deliver_mail(message_id: int) -> None:
    """Send one outbox message over SMTP, retrying with backoff."""
    delay = mail.deliver_one(message_id)
    if delay is not None:
        raise RetryTask(delay=delay)


@job(schedule=crontab(minute="*"))
def heartbeat() -> None:
    """Tell progress pages that a worker is running."""
    beat()


@job(schedule=crontab(minute="*/5"))
def requeue_lost_seals() -> int:
    """Queue again the seals whose job was lost (a worker killed mid-job, a broker outage)."""
    return documents.requeue_pending(stale_after=timedelta(minutes=5),
                                     max_attempts=current_app.config["SEAL_MAX_ATTEMPTS"])


@job(schedule=crontab(minute="*/10"))
def retry_unsent_mail() -> int:
    """Send outbox messages whose earlier delivery failed and whose next try is due."""
    return mail.deliver_due()


@job(schedule=crontab(minute="*/10"))
def refresh_dashboard() -> int:
    """Keep the dashboard's figures snapshot warm (pages fall back to the rows while it is stale)."""
    from bontang.reports.cache import refresh_dashboard_figures

    return refresh_dashboard_figures()


@job(schedule=crontab(minute="0", hour="1"))  # 09:00 WITA
def send_mou_reminders() -> int:
    """Remind companies that have not signed, every MOU_REMINDER_DAYS days, at most MOU_REMINDER_MAX times."""
    return reminders.send_due_reminders(utcnow())


@job(schedule=crontab(minute="5", hour="16"))  # 00:05 WITA
def expire_hiring_requests() -> int:
    """Mark unfinished hiring requests past their validity as expired (the day in WITA)."""
    from bontang.hiring import services as hiring

    return hiring.expire_requests((utcnow() + timedelta(hours=8)).date())


@huey.on_startup()
def recover_on_startup() -> None:
    """A starting worker reports in and re-queues every pending seal (jobs are idempotent)."""
    from bontang.tasks.queue import _app

    beat()
    with _app.app_context():
        documents.requeue_pending(max_attempts=current_app.config["SEAL_MAX_ATTEMPTS"])
        db.session.commit()
        db.session.remove()


from bontang.backup import tasks as backup_tasks  # noqa: E402, F401  (nightly backup, age alert)
from bontang.privacy.tasks import anonymise_expired_job_seekers, build_privacy_export  # noqa: E402,F401  (privacy jobs)
from bontang.mou import tasks as mou_tasks  # noqa: E402,F401  (the seal's scheduled jobs)
from bontang.workforce import tasks as _workforce_tasks  # noqa: E402,F401  (issue 12b: wajib lapor reminders)
from bontang.hiring.tasks import refresh_ranking, refresh_rankings  # noqa: E402,F401  (ranking snapshots)
