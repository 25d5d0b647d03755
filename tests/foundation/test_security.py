"""CSRF on every change, security headers, error pages for plain and htmx requests."""
import re

from bontang.extensions import db


def _post_routes(app):
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and rule.endpoint != "static":
            yield rule, re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: "1" if "int" in m.group(0) else "x", rule.rule)


def test_every_post_route_refuses_a_missing_csrf_token(app, client, csrf_on, login_as):
    login_as("admin")
    checked = 0
    for rule, url in _post_routes(app):
        response = client.post(url, data={"x": "1"})
        assert response.status_code == 400, f"{rule.endpoint} accepted a POST without CSRF token"
        assert "token keamanan" in response.get_data(as_text=True)
        checked += 1
    assert checked >= 10


def test_csrf_token_in_htmx_header_is_accepted(app, client, csrf_on):
    page = client.get("/masuk").get_data(as_text=True)
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    response = client.post("/bahasa", data={"locale": "en"}, headers={"X-CSRFToken": token, "HX-Request": "true"})
    assert response.status_code in (204, 303)


def test_security_headers(client):
    response = client.get("/masuk")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_carry_no_inline_script_or_handlers(client, login_as):
    login_as("admin")
    for url in ["/", "/masuk", "/kelola/perusahaan", "/kelola/pengguna", "/admin/audit"]:
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\son[a-z]+=", html), url
        assert 'style="' not in html, url


def test_htmx_is_served_locally(client):
    html = client.get("/masuk").get_data(as_text=True)
    assert '/static/vendor/htmx-2.0.11.min.js' in html
    assert client.get("/static/vendor/htmx-2.0.11.min.js").status_code == 200
    assert "https://" not in re.sub(r'href="https://[^"]*"', "", html.split("<body")[0])


def test_404_page_and_htmx_fragment(client):
    response = client.get("/tidak-ada")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.get_data(as_text=True)
    response = client.get("/tidak-ada", headers={"HX-Request": "true"})
    assert response.status_code == 404
    assert b"<html" not in response.data
    assert response.headers["HX-Retarget"] == "#flash-messages"


def test_403_page_for_htmx(client, login_as):
    login_as("company_hr")
    response = client.get("/kelola/perusahaan", headers={"HX-Request": "true"})
    assert response.status_code == 403
    assert b"<html" not in response.data and "Akses ditolak" in response.get_data(as_text=True)


def test_500_rolls_back_and_shows_page(app, client):
    from bontang.accounts.models import Company
    from bontang.security import public

    @public
    def explode():
        db.session.add(Company(name="Half written", legal_form="PT", nib="1111111111111", category="industri"))
        db.session.flush()
        raise RuntimeError("boom")

    app.view_functions["main.healthz"], saved = explode, app.view_functions["main.healthz"]
    try:
        response = client.get("/healthz")
    finally:
        app.view_functions["main.healthz"] = saved
    assert response.status_code == 500
    assert "Tidak ada data yang berubah" in response.get_data(as_text=True)
    assert db.session.query(Company).count() == 0


def test_healthz_reports_database_down():
    from bontang import create_app

    broken = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite:////nonexistent-dir/x/y.db",
                         "SECRET_KEY": "x"})
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable"}


def test_secret_key_required_in_production(monkeypatch):
    import pytest

    from bontang.config import load_config

    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        load_config()


def test_abort_with_a_message_shows_it(app, client):
    from flask import abort

    from bontang.security import public

    @public
    def refuse():
        abort(400, description="Periode tidak dikenal.")

    app.view_functions["main.healthz"], saved = refuse, app.view_functions["main.healthz"]
    try:
        response = client.get("/healthz")
    finally:
        app.view_functions["main.healthz"] = saved
    assert response.status_code == 400 and "Periode tidak dikenal." in response.get_data(as_text=True)


def test_get_or_404_hides_other_companies_objects(app, login_as):
    from werkzeug.exceptions import NotFound

    from bontang.accounts.models import Company, User
    from bontang.security import get_or_404
    from tests import factories

    hr = factories.make_user("company_hr")
    other = factories.make_user("company_hr")
    staff = factories.make_user("staff")
    with app.test_request_context():
        from flask_login import login_user

        login_user(hr)
        assert get_or_404(User, hr.id).id == hr.id
        try:
            get_or_404(User, other.id)
        except NotFound:
            pass
        else:
            raise AssertionError("another company's object was returned")
        login_user(staff)
        assert get_or_404(User, other.id).id == other.id
        assert get_or_404(Company, other.company_id, company_attr=None).id == other.company_id


def test_client_address_behind_a_proxy_is_recorded(app):
    from sqlalchemy import select

    from bontang import create_app
    from bontang.audit import AuditEvent
    from tests import factories

    user = factories.make_user("staff")
    proxied = create_app({**app.config, "PROXY_HOPS": 1})
    client = proxied.test_client()
    response = client.post("/masuk", data={"email": user.email, "password": factories.PASSWORD},
                           headers={"X-Forwarded-For": "203.0.113.7"})
    assert response.status_code == 303
    with proxied.app_context():
        db.engine.dispose()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.login"))
    assert event.ip == "203.0.113.7"


def test_audit_key_required_in_production(monkeypatch):
    import pytest

    from bontang.config import load_config

    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s" * 32)
    monkeypatch.delenv("AUDIT_KEY", raising=False)
    with pytest.raises(RuntimeError, match="AUDIT_KEY"):
        load_config()
