"""Bahasa Indonesia is the default; English is selectable and remembered for the user."""
from bontang.accounts.models import User
from bontang.extensions import db


def test_default_is_indonesian(client):
    html = client.get("/masuk").get_data(as_text=True)
    assert '<html lang="id">' in html and "Lupa kata sandi?" in html


def test_switch_to_english_is_remembered_for_the_user(client, login_as):
    user = login_as("staff")
    response = client.post("/bahasa", data={"locale": "en"}, headers={"Referer": "http://localhost/kelola/perusahaan"})
    assert response.headers["Location"] == "/kelola/perusahaan"
    html = client.get("/kelola/perusahaan").get_data(as_text=True)
    assert '<html lang="en">' in html and "Partner companies" in html and "Log out" in html
    assert db.session.get(User, user.id).locale == "en"


def test_unknown_language_and_foreign_referrer_are_ignored(client):
    response = client.post("/bahasa", data={"locale": "xx"}, headers={"Referer": "https://evil.example.com/"})
    assert response.headers["Location"] == "/"
    assert '<html lang="id">' in client.get("/masuk").get_data(as_text=True)
