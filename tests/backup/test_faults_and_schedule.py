"""Faults (a full disk, signings running during the backup), retention, the age alert and the nightly job."""
from __future__ import annotations

import os
import subprocess
import threading
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bontang import audit
from bontang.accounts.models import Role
from bontang.backup import archive, backup_status, last_good_backup, retention, services
from bontang.backup.errors import BackupError
from bontang.extensions import db
from bontang.mail import OutboxMessage
from bontang.mou import codes, signing
from bontang.mou.models import Signature
from tests.factories import make_user
from tests.mou.factories import make_completed, make_invited, signer_data


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MB filesystem (tmpfs) as the backup directory; skipped where mounting is not allowed."""
    mount = tmp_path / f"tiny-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2M", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("mounting a small tmpfs needs root")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_reported_and_the_previous_backup_is_kept(app, runner, tiny_disk):
    make_completed()
    first = archive.create_backup(tiny_disk)
    free = os.statvfs(tiny_disk).f_bavail * os.statvfs(tiny_disk).f_frsize
    (tiny_disk / "filler").write_bytes(b"\0" * (free - 8 * 1024))  # leave 8 KB: far less than a backup

    result = runner.invoke(args=["backup", "--dir", str(tiny_disk)])
    assert result.exit_code == 1
    assert "disk full" in result.output and "earlier backups are kept" in result.output
    assert sorted(p.name for p in tiny_disk.iterdir()) == sorted([first.path.name, first.path.name + ".sha256", "filler"])
    assert archive.file_sha256(first.path) == first.sha256
    assert last_good_backup(tiny_disk).path == first.path


def test_a_backup_taken_while_signings_run_is_consistent(app, runner, fresh_app, backup_dir):
    """A writer thread signs agreements (each a transaction with audit events and e-mails) while backups are taken;
    every backup restores with counts, documents and the audit chain matching its own manifest."""
    make_completed()
    invited = [make_invited() for _ in range(8)]
    pairs = [(agreement.id, rep.id) for agreement, rep in invited]
    signed, failures = [], []

    def sign_all():
        from bontang.accounts.models import User
        from bontang.mou.models import Agreement

        with app.app_context():
            try:
                for agreement_id, rep_id in pairs:
                    agreement, rep = db.session.get(Agreement, agreement_id), db.session.get(User, rep_id)
                    code = codes.issue_code(rep, signing.company_purpose(agreement), subject="kode", what="uji")
                    signing.sign_agreement(agreement, signer_data(code), actor=rep)
                    db.session.commit()
                    signed.append(agreement_id)
            except Exception as error:  # reported below, in the test's thread
                failures.append(error)
            finally:
                db.session.remove()

    writer = threading.Thread(target=sign_all)
    writer.start()
    backups = []
    while writer.is_alive() or not backups:
        before = len(signed)
        backups.append((before, archive.create_backup(backup_dir / str(len(backups)))))
    writer.join()
    assert not failures, failures
    assert len(signed) == 8
    assert any(b.manifest["tables"]["signature"] < db.session.scalar(select(func.count(Signature.id)))
               for _, b in backups), "no backup was taken while signings ran"

    for n, (_, backup) in enumerate(backups):
        with fresh_app.app_context():
            if n:
                db.session.remove()
                db.engine.dispose()
                from bontang.backup import engines
                engines.drop_everything(fresh_app.config["SQLALCHEMY_DATABASE_URI"])
            restored = archive.restore_backup(backup.path)  # raises unless counts, documents and chain verify
            assert restored.manifest["audit_head"]["seq"] == audit.chain_head()[0]
            assert audit.verify_chain().intact
            db.session.remove()


def _fake(directory: Path, when: datetime) -> Path:
    path = directory / f"bontang-{when:%Y%m%dT%H%M%SZ}.tar"
    path.write_bytes(b"x")
    path.with_name(path.name + ".sha256").write_text("0  x\n")
    return path


def test_retention_keeps_the_newest_of_14_days_and_of_60_months(app, tmp_path):
    start = datetime(2021, 1, 1, 18, 30, tzinfo=timezone.utc)
    made = [_fake(tmp_path, start + timedelta(days=d)) for d in range(0, 6 * 365, 1)]
    extra_today = _fake(tmp_path, start + timedelta(days=6 * 365 - 1, hours=2))
    (tmp_path / ".bontang-x.tar.partial").write_bytes(b"half")  # a backup being written now
    stale_work = tmp_path / ".work-crashed"
    stale_work.mkdir()
    (stale_work / "database.sqlite").write_bytes(b"left by a killed worker")
    os.utime(stale_work, (0, 0))
    removed = retention.prune(tmp_path, keep_daily=14, keep_monthly=60)
    assert stale_work in removed and not stale_work.exists()
    removed.remove(stale_work)
    kept = retention.list_backups(tmp_path)
    kept_days = {b.taken_at.date() for b in kept}
    newest_day = extra_today.name[8:16]
    assert kept[0].path == extra_today
    assert len([b for b in kept if b.taken_at.strftime("%Y%m%d") == newest_day]) == 1  # the day's newest only
    assert len(kept_days) == len(kept)
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(months) == 60
    assert len(kept) == 60 + 14 - 1  # the current month's newest is also the newest day's
    assert len(removed) == len(made) + 1 - len(kept)
    assert not any(p.exists() for p in removed)
    assert not [p for p in removed if p.with_name(p.name + ".sha256").exists()]
    assert (tmp_path / ".bontang-x.tar.partial").exists()  # fresh: perhaps a backup being written, left alone


def test_an_archive_without_its_checksum_is_not_a_good_backup(app, tmp_path):
    older = _fake(tmp_path, datetime(2026, 12, 1, tzinfo=timezone.utc))
    newer = tmp_path / "bontang-20261202T000000Z.tar"
    newer.write_bytes(b"incomplete")
    assert last_good_backup(tmp_path).path == older


def test_status_turns_unhealthy_when_the_last_good_backup_is_too_old(app, backup_dir):
    assert backup_status().ok is False and backup_status().message == "no backup yet"
    backup = archive.create_backup()
    status = backup_status()
    assert status.ok and status.path == str(backup.path) and status.age_hours < 1
    later = datetime.now(timezone.utc) + timedelta(hours=app.config["BACKUP_MAX_AGE_HOURS"] + 1)
    stale = backup_status(now=later)
    assert not stale.ok and "hours old" in stale.message
    assert stale.as_dict()["max_age_hours"] == app.config["BACKUP_MAX_AGE_HOURS"]


def test_the_age_alert_mails_the_administrators_once_a_day(app, backup_dir):
    admins = [make_user(Role.ADMIN), make_user(Role.ADMIN)]
    make_user(Role.STAFF)
    assert services.alert_if_stale() == 2  # no backup at all
    db.session.commit()
    assert services.alert_if_stale() == 0  # already alerted today
    sent = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == services.ALERT_KIND)).all()
    assert sorted(m.to_email for m in sent) == sorted(a.email for a in admins)
    assert "tidak mutakhir" in sent[0].subject and "belum ada" not in sent[0].body
    assert db.session.scalar(select(func.count()).select_from(audit.AuditEvent)
                             .where(audit.AuditEvent.action == "backup.alerted")) == 1


def test_no_alert_while_the_last_backup_is_recent(app, backup_dir):
    make_user(Role.ADMIN)
    archive.create_backup()
    assert services.alert_if_stale() == 0


def test_the_nightly_job_backs_up_and_prunes_through_the_queue(app, jobs, backup_dir):
    from bontang.tasks import jobs as registered

    make_completed()
    jobs.run_pending()  # what the signings queued
    _mk(backup_dir)
    for day in range(20):
        _fake(backup_dir, datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(days=day))
    registered.backup_tasks.scheduled_backup()
    assert jobs.run_pending() == 1
    backups = retention.list_backups(backup_dir)
    assert backups[0].taken_at.date() == datetime.now(timezone.utc).date()
    archive.open_archive(backups[0].path, _mk(backup_dir.parent / "check"))  # a real, verifiable archive
    assert len(backups) == 14  # today and the 13 newest fake days (January's newest is one of them)


def test_a_failed_nightly_backup_alerts_at_once(app, jobs, tmp_path):
    make_user(Role.ADMIN)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    app.config["BACKUP_DIR"] = str(blocker / "backups")
    try:
        assert services.run_scheduled_backup().startswith("failed: cannot write the backup")
        db.session.commit()
    finally:
        app.config["BACKUP_DIR"] = str(tmp_path / "unused")
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == services.ALERT_KIND))
    assert "Pencadangan terakhir gagal" in message.body


def _mk(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_backup_error_on_an_unsupported_database(app):
    from bontang.backup import engines

    with pytest.raises(BackupError, match="support SQLite and PostgreSQL"):
        engines.engine_name("mysql://x/y")
