"""Login, logout, rate limits, password reset and invitation links."""
from datetime import timedelta

from sqlalchemy import select

from bontang.accounts.models import TokenPurpose, UserToken
from bontang.audit import AuditEvent
from bontang.auth.services import issue_token
from bontang.extensions import db
from bontang.mail import OutboxMessage, readable_body
from tests import factories


def _link_token(message: OutboxMessage) -> str:
    """The token in a link e-mail, as its recipient reads it."""
    line = next(text for text in readable_body(message).splitlines() if text.startswith("http"))
    return line.rstrip("/").rsplit("/", 1)[1]


def test_login_and_logout(client, auth):
    user = factories.make_user("staff")
    response = auth.login(user)
    assert response.headers["Location"] == "/"
    assert "Selamat datang" in client.get("/").get_data(as_text=True)
    assert db.session.get(type(user), user.id).last_login_at is not None
    auth.logout()
    assert client.get("/kelola/perusahaan").status_code == 302


def test_login_renews_the_session(client, auth):
    user = factories.make_user("staff")
    with client.session_transaction() as session:
        session["planted"] = "by-attacker"
    auth.login(user)
    with client.session_transaction() as session:
        assert "planted" not in session


def test_wrong_password_and_unknown_email_get_the_same_message(client):
    user = factories.make_user("staff")
    for email, password in [(user.email, "salah-kata-sandi"), ("tidak.ada@example.com", "apa-saja-123")]:
        response = client.post("/masuk", data={"email": email, "password": password})
        assert response.status_code == 422
        assert "E-mail atau kata sandi salah." in response.get_data(as_text=True)
    assert client.get("/kelola/perusahaan").status_code == 302


def test_deactivated_user_cannot_log_in_and_loses_session(client, auth):
    user = factories.make_user("company_hr")
    admin = factories.make_user("admin")
    auth.login(user)
    other = client.application.test_client()
    admin_login = other.post("/masuk", data={"email": admin.email, "password": factories.PASSWORD})
    assert admin_login.status_code in (302, 303)
    assert other.post(f"/kelola/pengguna/{user.id}/status").status_code in (302, 303)
    assert client.get("/").status_code == 200
    assert "Selamat datang" not in client.get("/").get_data(as_text=True)  # the old session ended
    response = client.post("/masuk", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 422
    assert "dinonaktifkan" in response.get_data(as_text=True)


def test_login_is_rate_limited_per_account(client, app):
    user = factories.make_user("staff")
    for _ in range(10):
        client.post("/masuk", data={"email": user.email, "password": "salah-kata-sandi"})
    response = client.post("/masuk", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.get_data(as_text=True)


def test_login_rejects_open_redirect(client):
    user = factories.make_user("staff")
    response = client.post("/masuk?next=//evil.example.com/", data={"email": user.email, "password": factories.PASSWORD})
    assert response.headers["Location"] == "/"


def test_forgot_password_flow(client):
    user = factories.make_user("company_hr")
    response = client.post("/lupa-sandi", data={"email": user.email})
    assert response.status_code == 303
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_email == user.email))
    token = _link_token(message)
    assert client.get(f"/atur-sandi/{token}").status_code == 200
    response = client.post(f"/atur-sandi/{token}", data={"password": "kata-sandi-baru-9", "confirm": "kata-sandi-baru-9"})
    assert response.status_code == 303
    client.post("/keluar")
    assert client.post("/masuk", data={"email": user.email, "password": "kata-sandi-baru-9"}).status_code == 303
    # The link is one-time.
    response = client.get(f"/atur-sandi/{token}")
    assert response.status_code == 410 and "sudah digunakan" in response.get_data(as_text=True)


def test_forgot_password_for_unknown_email_says_the_same_and_sends_nothing(client):
    response = client.post("/lupa-sandi", data={"email": "siapa@example.com"}, follow_redirects=True)
    assert "Jika e-mail tersebut terdaftar" in response.get_data(as_text=True)
    assert db.session.query(OutboxMessage).count() == 0


def test_weak_password_is_refused_and_link_stays_usable(client):
    user = factories.make_user("staff", password=None)
    token = issue_token(user, TokenPurpose.INVITE)
    db.session.commit()
    for weak, message in [("pendek", "minimal 10 karakter"), ("1234567890", "mudah ditebak")]:
        response = client.post(f"/undangan/{token}", data={"password": weak, "confirm": weak})
        assert response.status_code == 422
        assert message in response.get_data(as_text=True)
    mismatch = client.post(f"/undangan/{token}", data={"password": "kata-sandi-kuat-1", "confirm": "lain-sekali-22"})
    assert "tidak sama" in mismatch.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(UserToken.used_at).where(UserToken.user_id == user.id)) is None
    assert client.post(f"/undangan/{token}", data={"password": "kata-sandi-kuat-1", "confirm": "kata-sandi-kuat-1"}).status_code == 303


def test_expired_and_unknown_links(client):
    user = factories.make_user("staff", password=None)
    token = issue_token(user, TokenPurpose.INVITE)
    row = db.session.scalar(select(UserToken).where(UserToken.user_id == user.id))
    row.expires_at -= timedelta(days=30)
    db.session.commit()
    response = client.get(f"/undangan/{token}")
    assert response.status_code == 410 and "kedaluwarsa" in response.get_data(as_text=True)
    response = client.post(f"/undangan/{token}", data={"password": "kata-sandi-kuat-1", "confirm": "kata-sandi-kuat-1"})
    assert response.status_code == 410
    assert client.get("/undangan/bukan-token").status_code == 410
    # A reset token does not work as an invitation.
    reset = issue_token(user, TokenPurpose.RESET)
    db.session.commit()
    assert client.get(f"/undangan/{reset}").status_code == 410


def test_login_and_password_changes_are_audited(client, auth):
    user = factories.make_user("staff")
    auth.login(user)
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "auth.login" in actions


def test_a_copied_session_cookie_is_refused_after_logout(app, client, auth):
    user = factories.make_user("company_hr")
    auth.login(user)
    assert client.get("/permintaan").status_code == 200
    copied = client.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/permintaan").status_code == 200  # the copy works while the session lives
    assert auth.logout().status_code in (302, 303)
    refused = thief.get("/permintaan")
    assert refused.status_code == 302 and "/masuk" in refused.headers["Location"]
    db.session.expire_all()
    assert db.session.scalar(select(AuditEvent.details).where(AuditEvent.action == "auth.logout")) == {"sessions_ended": "all"}
