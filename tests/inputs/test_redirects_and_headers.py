"""Redirects stay on the site; headers: no-store on pages with tokens or personal data, HSTS, cookie name, compression."""
import gzip

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bontang import create_app
from bontang.config import check_production
from bontang.web import safe_path
from tests import factories

HOSTILE_NEXT = ["//evil.example", "/%09/evil.example", "/\t/evil.example", "/\\evil.example", "/%5cevil.example",
                "/%2f/evil.example", "/%252f%252fevil.example", "https://evil.example/", "javascript:alert(1)",
                "/\n/evil.example", " //evil.example", "/\x00/evil", "\\\\evil.example", "/%2F%2Fevil.example",
                "http:/evil.example", "/ /evil.example"]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_next_never_leaves_the_site(client, target):
    user = factories.make_user("staff")
    response = client.post("/masuk", query_string={"next": target},
                           data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code in (303, 400)  # 400: a NUL byte in the query string is refused outright
    assert response.headers.get("Location", "/") == "/"


def test_login_next_keeps_a_same_site_path(client):
    user = factories.make_user("staff")
    response = client.post("/masuk?next=/perusahaan%3Fq%3Dx",
                           data={"email": user.email, "password": factories.PASSWORD})
    assert response.headers["Location"] == "/perusahaan?q=x"


def _leaves_site(location: str) -> bool:
    """What a browser would do: drop tabs and newlines, treat backslashes as slashes, strip leading spaces."""
    cleaned = location.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/").lstrip(" \x00")
    return not cleaned.startswith("/") or cleaned.startswith("//")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("/\\%2fF5cC09aA:.evil \t\n\x00?#@"), max_size=24))
def test_no_next_value_leaves_the_site(target):
    result = safe_path(target)
    assert result is None or not _leaves_site(result)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_unicode_next_is_safe(target):
    result = safe_path(target)
    assert result is None or not _leaves_site(result)


def test_language_switch_ignores_a_referrer_that_leaves_the_site(client):
    response = client.post("/bahasa", data={"locale": "en"}, headers={"Referer": "http://localhost//evil.example"})
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("url", ["/masuk", "/atur-sandi/abc", "/undangan/abc", "/verifikasi/ABC123", "/mitra"])
def test_public_pages_are_not_stored(client, url):
    response = client.get(url)
    assert response.headers["Cache-Control"] == "no-store"


def test_logged_in_pages_are_not_stored_and_static_files_are(client, login_as):
    login_as("staff")
    assert client.get("/").headers["Cache-Control"] == "no-store"
    static = client.get("/static/css/app.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")


def test_hsts_includes_subdomains_when_cookies_are_secure(app, client):
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        assert client.get("/masuk").headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False


def test_production_uses_a_host_prefixed_cookie_and_refuses_memory_limits(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    monkeypatch.setenv("AUDIT_KEY", "a" * 32)
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    with pytest.raises(RuntimeError, match="RATELIMIT_STORAGE_URI"):
        create_app()
    from bontang.config import load_config

    config = load_config()
    assert config["SESSION_COOKIE_NAME"] == "__Host-session" and config["SESSION_COOKIE_SECURE"]
    check_production({**config, "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"})  # accepted


def test_pages_are_compressed_for_browsers_that_accept_it(client, login_as):
    login_as("staff")
    response = client.get("/kelola/perusahaan", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.get_data())
    assert "Accept-Encoding" in response.headers["Vary"]


@pytest.mark.parametrize("url", ["/kelola/perusahaan?q=%00", "/atur-sandi/ab%00cd", "/verifikasi/%00",
                                 "/kelola/permintaan?q=a%00&status=menunggu", "/pencari-kerja?q%00=x"])
def test_a_nul_byte_in_the_address_is_refused_with_a_message(client, login_as, url):
    login_as("staff")
    response = client.get(url)
    assert response.status_code == 400
    assert "Alamat berisi karakter yang tidak diizinkan." in response.get_data(as_text=True)
