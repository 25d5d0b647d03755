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
from pathlib import Path

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import text

from bontang import create_app
from bontang.extensions import db, limiter

from tests import factories
from tests.scratch_db import scratch_database


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
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "BASE_URL": "http://localhost",
        "INSTANCE_DIR": str(instance),
        "SERVER_NAME": None,
    })
    app.test_client_class = IsolatedClient
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
        yield
        db.session.remove()
        _empty_tables()


def _empty_tables() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))


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
