"""Fresh databases to restore into, on the engine the suite runs on (SQLite, or PostgreSQL in CI)."""
from __future__ import annotations

import itertools

import pytest

from bontang import create_app
from bontang.extensions import db
from tests.scratch_db import scratch_database

_n = itertools.count(1)


@pytest.fixture
def fresh_app(app, tmp_path):
    """An app on a new, empty database with the same AUDIT_KEY as the suite's app (as a restored server has)."""
    url, drop = scratch_database(f"restore{next(_n)}")
    other = create_app({
        "TESTING": True, "APP_ENV": "testing", "SECRET_KEY": "test-secret", "AUDIT_KEY": app.config["AUDIT_KEY"],
        "SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_STORAGE_URI": "memory://", "INSTANCE_DIR": str(tmp_path),
        "BACKUP_DIR": str(tmp_path / "backups"),
    })
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()
    drop()


@pytest.fixture
def backup_dir(app, tmp_path):
    directory = tmp_path / "backups"
    app.config["BACKUP_DIR"] = str(directory)
    yield directory
    app.config["BACKUP_DIR"] = str(tmp_path / "unused")

