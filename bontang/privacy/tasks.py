"""Jobs of the data-subject requests: the PDF copy, and the nightly retention run."""
from __future__ import annotations

from flask import current_app
from huey import crontab

from bontang.extensions import db
from bontang.jobs import services as job_services
from bontang.privacy import export_jobs, services
from bontang.tasks.queue import job


@job()
def build_privacy_export(job_id: int) -> None:
    """Render one person's PDF copy; a failure is recorded on the job for the page to show."""
    try:
        export_jobs.build_pdf_export(job_id)
    except Exception as error:
        db.session.rollback()
        current_app.logger.exception("Privacy export job %s failed", job_id)
        job_services.fail_job(job_id, error)


@job(schedule=crontab(minute="30", hour="17"))  # 01:30 WITA, after the day's work
def anonymise_expired_job_seekers() -> int:
    """Anonymise people past JOBSEEKER_RETENTION_MONTHS (at most RETENTION_BATCH a night) and delete old copies."""
    export_jobs.forget_files(older_than_hours=export_jobs.EXPORT_KEEP_HOURS)
    return services.anonymise_expired()
