"""Every request carries an id: echoed when the client's is sane, shown on error pages, stored on audit events,
and written on every JSON log line of that request."""
from __future__ import annotations

import io
import json
import logging

import pytest
from sqlalchemy import select

from bontang.accounts.models import Role
from bontang.audit import AuditEvent, verify_chain
from bontang.extensions import db
from bontang.observability.logs import JsonFormatter, RequestFields
from tests import factories
from tests.conftest import csrf_token_from


@pytest.fixture
def log_lines():
    """The JSON lines the app writes while the test runs, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestFields())
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.INFO)  # another test's app may have configured a higher level
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)


def test_a_sane_request_id_is_echoed(client):
    response = client.get("/healthz", headers={"X-Request-ID": "proxy-4f2a9c01"})
    assert response.headers["X-Request-ID"] == "proxy-4f2a9c01"


@pytest.mark.parametrize("given", ["", "short", "x" * 65, "evil id; Set-Cookie a=b", "<script>alert(1)</script>"])
def test_an_unusable_request_id_is_replaced_by_a_generated_one(client, given):
    response = client.get("/healthz", headers={"X-Request-ID": given})
    rid = response.headers["X-Request-ID"]
    assert rid != given and len(rid) == 32 and int(rid, 16) >= 0


def test_two_requests_get_different_ids(client):
    assert client.get("/healthz").headers["X-Request-ID"] != client.get("/healthz").headers["X-Request-ID"]


def test_the_error_page_shows_the_request_id(client):
    response = client.get("/tidak-ada-halaman", headers={"X-Request-ID": "support-call-0042"})
    assert response.status_code == 404
    assert "support-call-0042" in response.get_data(as_text=True)
    assert response.headers["X-Request-ID"] == "support-call-0042"


def test_a_refused_request_still_has_an_id_on_its_page(client, login_as):
    login_as(Role.COMPANY_HR)
    response = client.get("/admin/status", headers={"X-Request-ID": "refused-req-0001"})
    assert response.status_code == 403
    assert "refused-req-0001" in response.get_data(as_text=True)


def test_audit_events_store_the_request_id_and_the_chain_still_verifies(client):
    user = factories.make_user(Role.STAFF)
    token = csrf_token_from(client.get("/masuk"))
    response = client.post("/masuk", data={"email": user.email, "password": factories.PASSWORD, "csrf_token": token},
                           headers={"X-Request-ID": "login-req-00017"})
    assert response.status_code in (302, 303)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.login"))
    assert event.request_id == "login-req-00017"
    assert verify_chain().intact
    # The request id is outside the MAC: the chain covers exactly what it covered before.
    assert "request_id" not in json.loads(event.payload())


def test_log_lines_are_json_with_request_user_path_status_and_duration(client, login_as, log_lines):
    user = login_as(Role.ADMIN)
    client.get("/admin/status", headers={"X-Request-ID": "trace-me-000001"})
    lines = [line for line in log_lines() if line.get("request_id") == "trace-me-000001"]
    access = [line for line in lines if line["logger"] == "bontang.access"]
    assert len(access) == 1
    line = access[0]
    assert line["level"] == "INFO" and line["path"] == "/admin/status" and line["status"] == 200
    assert line["user_id"] == user.id and line["endpoint"] == "observability.status"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["time"].endswith("+00:00") and line["message"] == "GET /admin/status 200"


def test_an_unhandled_error_is_logged_with_its_request_id(app, client, log_lines, monkeypatch):
    def explode():
        raise RuntimeError("boom")

    monkeypatch.setitem(app.view_functions, "main.healthz", explode)
    explode.access_rule = "public"
    response = client.get("/healthz", headers={"X-Request-ID": "crash-req-000009"})
    assert response.status_code == 500
    assert "crash-req-000009" in response.get_data(as_text=True)
    errors = [line for line in log_lines() if line["level"] == "ERROR"]
    assert errors and errors[0]["request_id"] == "crash-req-000009" and "RuntimeError: boom" in errors[0]["exception"]
