"""An upgrade of a database that already holds data: the previous release's own code (from git) builds its
schema (revision 0014_scale_indexes) and seeds the demo with `flask seed-demo`; this code then upgrades it to
head. The data, the stored documents and the audit chain must come through, and `flask db upgrade` run a
second time must change nothing."""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select, table, text

from bontang import audit, create_app
from bontang.extensions import db
from bontang.seed import DEMO_PASSWORD
from tests.scratch_db import scratch_database

ROOT = Path(__file__).resolve().parents[2]
# The release before this one: main when migrations became incremental (its head is 0014_scale_indexes).
PREVIOUS_RELEASE = "20fbc9295e394e7cb56ee69a52e8c1329306132b"
PREVIOUS_REVISION = "0014_scale_indexes"
KEYS = {"AUDIT_KEY": "upgrade-audit-key", "SECRET_KEY": "upgrade-secret-key"}
KEPT = ("company", "user_account", "agreement", "signature", "document", "mou_template", "job_seeker",
        "hiring_request", "certificate", "placement", "outbox_message")


def _previous_release(target: Path) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("the previous release is read from git history; this is not a git checkout")
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", PREVIOUS_RELEASE],
                             capture_output=True, check=False)
    assert archive.returncode == 0, f"commit {PREVIOUS_RELEASE} (previous release) not in history: {archive.stderr!r}"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target


def _run_previous(code: Path, url: str, tmp: Path, *args: str) -> str:
    env = {**os.environ, **KEYS, "DATABASE_URL": url, "APP_ENV": "development", "PYTHONPATH": str(code),
           "INSTANCE_PATH_OVERRIDE": str(tmp / "instance-old"), "TASK_QUEUE_URL": f"sqlite:///{tmp / 'old-tasks.db'}"}
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=code, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"previous release: flask {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _state(url: str) -> dict:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            names = inspect(conn).get_table_names()
            return {
                "revision": conn.scalar(text("SELECT version_num FROM alembic_version")),
                "counts": {n: conn.scalar(select(func.count()).select_from(table(n))) for n in names},
                "events": conn.execute(text("SELECT seq, hash FROM audit_event ORDER BY seq")).all(),
                "documents": {r.id: (r.sha256, hashlib.sha256(bytes(r.bytes)).hexdigest())
                              for r in conn.execute(text("SELECT id, sha256, bytes FROM document"))},
            }
    finally:
        engine.dispose()


def test_upgrading_the_previous_release_with_demo_data_keeps_data_and_the_audit_chain(app, tmp_path):
    code = _previous_release(tmp_path / "previous")
    url, drop = scratch_database("upgrade")
    try:
        _run_previous(code, url, tmp_path, "db", "upgrade")
        assert "Demo seeded: 124 companies" in _run_previous(code, url, tmp_path, "seed-demo")
        before = _state(url)
        assert before["revision"] == PREVIOUS_REVISION
        assert before["counts"]["company"] == 124 and before["documents"]

        new = create_app({"TESTING": True, "APP_ENV": "testing", **KEYS, "SQLALCHEMY_DATABASE_URI": url,
                          "WTF_CSRF_ENABLED": False, "RATELIMIT_STORAGE_URI": "memory://",
                          "INSTANCE_DIR": str(tmp_path / "instance-new")})
        with new.app_context():
            runner = new.test_cli_runner()
            first = runner.invoke(args=["db", "upgrade"])
            assert first.exit_code == 0, first.output
            after = _state(url)
            assert after["revision"] in _heads(new)  # whatever head is once other migrations are chained
            for name in KEPT:
                assert after["counts"][name] == before["counts"][name], name
            assert after["events"][:len(before["events"])] == before["events"]  # history untouched
            assert after["documents"] == before["documents"]
            assert all(stored == computed for stored, computed in after["documents"].values())
            check = audit.verify_chain()
            assert check.intact, check.problem
            cli_check = runner.invoke(args=["audit-verify"])
            assert cli_check.exit_code == 0 and "Audit chain intact" in cli_check.output

            second = runner.invoke(args=["db", "upgrade"])  # safe to run twice: nothing to do, nothing changed
            assert second.exit_code == 0, second.output
            assert _state(url) == after

            response = new.test_client().post("/masuk", data={"email": "wakil001@mitra.example.com",
                                                              "password": DEMO_PASSWORD})
            assert response.status_code == 303  # the demo's accounts still log in
            db.session.remove()
            db.engine.dispose()
    finally:
        drop()


def _heads(app) -> set[str]:
    from alembic.script import ScriptDirectory

    migrate = app.extensions["migrate"]
    return set(ScriptDirectory.from_config(migrate.migrate.get_config(migrate.directory)).get_heads())
