"""Shared fixtures: one app per test session, a clean database for every test.

TEST_DATABASE_URL selects the database (PostgreSQL in CI); by default each pytest-xdist worker
uses its own SQLite file. The schema is created once per session from the models; a separate
test checks that the Alembic migrations produce the same schema.
"""
from __future__ import annotations

import contextvars
import os
import re
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

# Each test process gets its own task queue (a SQLite file, or its own name on the Redis that
# TASK_QUEUE_URL names in CI) before bontang is imported, since the queue is built at import.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
os.environ.setdefault("TASK_QUEUE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='bontang-tasks-')}/tasks.db")
os.environ["TASK_QUEUE_NAME"] = f"bontang-test-{_WORKER}-{os.getpid()}"

import pytest  # noqa: E402
from flask import has_app_context  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.exc import IntegrityError  # noqa: E402

from bontang import create_app  # noqa: E402
from bontang.extensions import db, limiter  # noqa: E402
from bontang.tasks import queue  # noqa: E402
from bontang.tasks.queue import huey  # noqa: E402

from tests import factories  # noqa: E402
from tests.scratch_db import scratch_database  # noqa: E402


class IsolatedClient(FlaskClient):
    """Runs each request in a fresh context, so it gets its own app context, `g` and database
    session, as in production, even though the test itself holds an app context open."""

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():
            db.session.expire_all()  # the test's own session then reads what the request wrote
        return response


@pytest.fixture(scope="session")
def app():
    url, drop_database = scratch_database(os.environ.get("PYTEST_XDIST_WORKER", "main"))
    instance = Path(tempfile.mkdtemp(prefix="bontang-instance-"))
    app = create_app({
        "TESTING": True,
        "APP_ENV": "testing",
        "SECRET_KEY": "test-secret",
        "AUDIT_KEY": "test-audit-key",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "BASE_URL": "http://localhost",
        "INSTANCE_DIR": str(instance),
        "SERVER_NAME": None,
    })
    app.test_client_class = IsolatedClient
    queue.bind(app)  # jobs drained in tests run against this app, whatever other apps tests build
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    drop_database()


@pytest.fixture(autouse=True)
def _clean_state(app):
    """Every test starts with empty tables, fresh rate limits and CSRF off (tests turn it on)."""
    app.config["WTF_CSRF_ENABLED"] = False
    with app.app_context():
        limiter.reset()
        huey.flush()
        yield
        db.session.remove()
        _empty_tables()
        # Emptied tables start their generation again: counts remembered for the last test's rows must go too.
        from bontang.hiring import queries
        queries._COUNTED.clear()


def _empty_tables() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            _empty_postgresql_tables(conn, tables)
        else:
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))


def _holding_rows(conn, tables: list[str]) -> list[str]:
    """The tables that hold at least one row, in the order given (one query)."""
    holding = set(conn.execute(text(" UNION ALL ".join(
        f"SELECT '{t}' WHERE EXISTS (SELECT 1 FROM \"{t}\")" for t in tables))).scalars())
    return [t for t in tables if t in holding]


_OWNED_SEQUENCES: dict[str, list[str]] = {}  # database URL -> sequences owned by the model tables


def _empty_postgresql_tables(conn, tables: list[str]) -> None:
    """Leave what `TRUNCATE <every table> RESTART IDENTITY CASCADE` leaves, at a fraction of its cost.

    TRUNCATE gives each of some forty tables new files and syncs them, on every test (up to seconds on a
    busy disk), though a test writes only a few tables. So: one query finds the tables holding rows, a
    DELETE empties each of those, dependants first (`tables` is in that order), and every sequence of the
    model tables that has handed out a value (also to an insert that was rolled back) starts again, as
    RESTART IDENTITY does. Should a DELETE meet a reference it cannot pass, TRUNCATE ... CASCADE does it."""
    key = str(conn.engine.url)
    if key not in _OWNED_SEQUENCES:
        _OWNED_SEQUENCES[key] = list(conn.execute(text(
            "SELECT DISTINCT s.relname FROM pg_class s"
            " JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid"
            " AND d.refclassid = 'pg_class'::regclass"
            " JOIN pg_class t ON t.oid = d.refobjid"
            " WHERE s.relkind = 'S' AND t.relname = ANY(:tables) AND pg_table_is_visible(t.oid)"),
            {"tables": tables}).scalars())
    holding = _holding_rows(conn, tables)
    if holding:
        try:
            with conn.begin_nested():
                for table in holding:
                    conn.execute(text(f'DELETE FROM "{table}"'))
        except IntegrityError:
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in holding) + " CASCADE"))
    if _OWNED_SEQUENCES[key]:
        conn.execute(text("SELECT setval(quote_ident(sequencename), start_value, false) FROM pg_sequences"
                          " WHERE schemaname = current_schema() AND last_value IS NOT NULL"
                          " AND sequencename = ANY(:owned)"), {"owned": _OWNED_SEQUENCES[key]})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def csrf_on(app):
    """Turn CSRF protection on for one test."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def csrf_token_from(response) -> str:
    """The CSRF token embedded in a rendered page (empty when the page has none)."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"',
                      response.get_data(as_text=True))
    return (match.group(1) or match.group(2)) if match else ""


class Auth:
    """Logs a test client in and out through the real login form."""

    def __init__(self, client):
        self.client = client

    def login(self, user_or_email, password: str = factories.PASSWORD):
        email = getattr(user_or_email, "email", user_or_email)
        data = {"email": email, "password": password, "csrf_token": csrf_token_from(self.client.get("/masuk"))}
        response = self.client.post("/masuk", data=data)
        assert response.status_code in (302, 303), f"login failed for {email}: {response.status_code}"
        return response

    def logout(self):
        return self.client.post("/keluar")


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def login_as(client):
    """login_as(role, company=None) creates a user of that role and logs the client in."""

    def _login(role, **overrides):
        user = factories.make_user(role=role, **overrides)
        Auth(client).login(user)
        return user

    return _login


def _as_if_due() -> datetime:
    """A moment after every scheduled retry of a test (their delays are fractions of a second)."""
    return datetime.utcnow() + timedelta(days=365)


class QueueDrain:
    """Runs the jobs waiting in the real queue, in this process, as a worker would."""

    def run_pending(self, *, scheduled: bool = False, limit: int = 1000) -> int:
        """Execute queued jobs (and, with `scheduled`, retries scheduled for later); returns how many ran."""
        ran = 0
        while ran < limit:
            if scheduled:
                for task in huey.read_schedule(_as_if_due()):
                    huey.enqueue(task)
            task = huey.dequeue()
            if task is None:
                break
            # A retry's time may still be a few milliseconds ahead: run it as if it had come.
            huey.execute(task, timestamp=_as_if_due() if scheduled else None)
            ran += 1
        db.session.expire_all()
        return ran

    def run_retries_once(self) -> int:
        """Execute, once each, the retries now scheduled for later (as if their time had come)."""
        retries = huey.read_schedule(_as_if_due())
        for task in retries:
            huey.execute(task, timestamp=_as_if_due())
        db.session.expire_all()
        return len(retries)

    def pending(self) -> int:
        return huey.pending_count()

    def scheduled(self) -> int:
        return huey.scheduled_count()


@pytest.fixture
def jobs(app):
    return QueueDrain()
