"""When the retention period ends a nightly job anonymises the person; recent activity keeps them."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select, update

from bontang.audit import AuditEvent, verify_chain
from bontang.extensions import db
from bontang.jobseekers.models import JobSeeker
from bontang.privacy import services
from bontang.privacy import tasks as privacy_tasks
from bontang.privacy.models import Erasure
from bontang.tasks.jobs import huey
from tests.jobseekers.factories import make_job_seeker
from tests.privacy.helpers import make_person


def _age(seeker, days: int) -> None:
    """As if the person had registered and last changed `days` ago."""
    then = datetime.utcnow() - timedelta(days=days)
    db.session.execute(update(JobSeeker).where(JobSeeker.id == seeker.id)
                       .values(registered_at=then.date(), updated_at=then))
    db.session.commit()


def test_the_nightly_job_anonymises_people_past_retention_and_keeps_the_others(app, jobs, monkeypatch):
    monkeypatch.setitem(app.config, "JOBSEEKER_RETENTION_MONTHS", 24)
    old, _nik = make_person(name="Lama Sekali Uji")
    recent = make_job_seeker(name="Baru Saja Uji")
    _age(old, 800)
    _age(recent, 600)
    privacy_tasks.anonymise_expired_job_seekers()  # what the worker's scheduler enqueues at 01:30 WITA
    assert jobs.run_pending() == 1
    erasures = db.session.scalars(select(Erasure)).all()
    assert [(e.job_seeker_id, e.reason) for e in erasures] == [(old.id, "retention")]
    assert db.session.get(JobSeeker, old.id).name.startswith("Anonim P-")
    assert db.session.get(JobSeeker, recent.id).name == "Baru Saja Uji"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.anonymised"))
    assert event.actor_id is None and event.details["reason"] == "retention"
    assert verify_chain().intact
    privacy_tasks.anonymise_expired_job_seekers()
    jobs.run_pending()
    assert len(db.session.scalars(select(Erasure)).all()) == 1  # nobody twice


def test_the_retention_job_is_on_the_worker_schedule():
    assert "anonymise_expired_job_seekers" in {task.__name__ for task in huey._registry._periodic_tasks}


def test_the_cutoff_counts_months_back_from_today(app, monkeypatch):
    monkeypatch.setitem(app.config, "JOBSEEKER_RETENTION_MONTHS", 60)
    assert services.retention_cutoff(date(2026, 3, 31)) == datetime(2021, 3, 31)
    assert services.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert services.months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_the_nightly_job_deletes_pdf_copies_older_than_a_day(client, login_as, jobs):
    from bontang.jobs.models import Job, JobKind

    seeker, _nik = make_person()
    login_as("staff")
    client.post(f"/privasi/pencari-kerja/{seeker.id}/ekspor", data={"fmt": "pdf"})
    client.post(f"/privasi/pencari-kerja/{seeker.id}/ekspor", data={"fmt": "pdf"})
    jobs.run_pending()
    old, fresh = db.session.scalars(select(Job).where(Job.kind == JobKind.PRIVACY_EXPORT).order_by(Job.id)).all()
    db.session.execute(update(Job).where(Job.id == old.id).values(finished_at=datetime.utcnow() - timedelta(hours=25)))
    db.session.commit()
    privacy_tasks.anonymise_expired_job_seekers()
    jobs.run_pending()
    db.session.expire_all()
    assert db.session.get(Job, old.id).file_bytes is None and db.session.get(Job, fresh.id).file_bytes is not None
