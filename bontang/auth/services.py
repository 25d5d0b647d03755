"""Logging in, passwords and one-time links (invitation, reset)."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from bontang import audit
from bontang.accounts.models import Role, TokenPurpose, User, UserToken
from bontang.auth.trust import note_credentials_change
from bontang.core import DomainError, utcnow
from bontang.extensions import REUSABLE_PLAN, db
from bontang.mail import queue_mail

MIN_PASSWORD = 10
# A hash to compare against when the e-mail is unknown, so timing does not reveal accounts.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


def load_user(session_id: str) -> User | None:
    """Flask-Login loader: the id carries the session version, so old sessions end on change."""
    user_id, _sep, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id), execution_options=REUSABLE_PLAN)
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def authenticate(email: str, password: str) -> User:
    """Return the user for valid credentials; the same message for every failure."""
    user = find_user_by_email(email)
    valid = check_password_hash(user.password_hash if user and user.password_hash else _DUMMY_HASH, password)
    if user is None or not valid or not user.password_hash:
        raise DomainError(_("E-mail atau kata sandi salah."))
    if not user.active:
        raise DomainError(_("Akun ini dinonaktifkan. Hubungi administrator Disnaker."))
    user.last_login_at = utcnow()
    audit.record("auth.login", user, actor=user)
    return user


def check_password_strength(password: str, user: User | None = None) -> None:
    """Refuse short or obvious passwords with a message the form shows."""
    if len(password) < MIN_PASSWORD:
        raise DomainError(_("Kata sandi minimal %(n)d karakter.", n=MIN_PASSWORD), "password")
    lowered = password.lower()
    if lowered.isdigit() or len(set(lowered)) < 4:
        raise DomainError(_("Kata sandi terlalu mudah ditebak."), "password")
    if user is not None and user.email.split("@")[0].lower() in lowered:
        raise DomainError(_("Kata sandi tidak boleh memuat alamat e-mail Anda."), "password")


def end_sessions(user: User) -> None:
    """Log out on the server: every session cookie of the account, copied ones included, stops working."""
    user.session_version += 1
    audit.record("auth.logout", user, actor=user, details={"sessions_ended": "all"})


def set_password(user: User, password: str, *, actor: User | None = None) -> None:
    """Set a new password and end every other session of the user."""
    check_password_strength(password, user)
    user.password_hash = generate_password_hash(password, method="scrypt")
    user.session_version += 1
    audit.record("auth.password_set", user, actor=actor or user)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, purpose: TokenPurpose) -> str:
    """Create a one-time link token (only its hash is kept); older unused ones are voided."""
    now = utcnow()
    db.session.execute(
        update(UserToken)
        .where(UserToken.user_id == user.id, UserToken.purpose == purpose, UserToken.used_at.is_(None))
        .values(used_at=now)
    )
    token = secrets.token_urlsafe(32)
    lifetime = (
        timedelta(days=current_app.config["INVITATION_DAYS"])
        if purpose == TokenPurpose.INVITE
        else timedelta(hours=current_app.config["RESET_HOURS"])
    )
    db.session.add(UserToken(user_id=user.id, purpose=purpose, token_hash=_hash_token(token), expires_at=now + lifetime))
    db.session.flush()
    return token


def token_user(token: str, purpose: TokenPurpose) -> UserToken:
    """The valid token row for a link, or a DomainError that says why it cannot be used."""
    row = db.session.scalar(select(UserToken).where(UserToken.token_hash == _hash_token(token)))
    if row is None or row.purpose != purpose:
        raise DomainError(_("Tautan tidak valid. Minta tautan baru."))
    if row.used_at is not None:
        raise DomainError(_("Tautan ini sudah digunakan. Minta tautan baru bila perlu."))
    if row.expires_at < utcnow():
        raise DomainError(_("Tautan ini sudah kedaluwarsa. Minta tautan baru."))
    if not row.user.active:
        raise DomainError(_("Akun ini dinonaktifkan. Hubungi administrator Disnaker."))
    return row


def use_token(token: str, purpose: TokenPurpose, password: str) -> User:
    """Set the password through a one-time link, marking the link used."""
    row = token_user(token, purpose)
    # The conditional update makes a second concurrent use of the same link fail.
    claimed = db.session.execute(
        update(UserToken).where(UserToken.id == row.id, UserToken.used_at.is_(None)).values(used_at=utcnow())
    ).rowcount
    if claimed != 1:
        raise DomainError(_("Tautan ini sudah digunakan. Minta tautan baru bila perlu."))
    had_password = bool(row.user.password_hash)
    set_password(row.user, password)
    if had_password and row.user.role in (Role.COMPANY_REP, Role.OFFICIAL):
        # Whoever reads the account's mailbox set this password: a change the signer may not have made.
        note_credentials_change(row.user, "password_link")
    audit.record(f"auth.{purpose.value}_used", row.user, actor=row.user)
    return row.user


def send_invitation(user: User, *, actor: User | None = None) -> None:
    """E-mail a user a one-time link to set a password."""
    token = issue_token(user, TokenPurpose.INVITE)
    link = current_app.config["BASE_URL"] + url_for("auth.accept_invitation", token=token)
    queue_mail(user.email, _l("Undangan Portal Kemitraan Ketenagakerjaan Kota Bontang"), "invitation",
               kind="invitation", user=user, name=user.name, link=link, secrets=("link",),
               days=current_app.config["INVITATION_DAYS"])
    audit.record("auth.invitation_sent", user, actor=actor)
    if user.password_hash and user.role in (Role.COMPANY_REP, Role.OFFICIAL) and actor is not None \
            and actor.id != user.id:
        note_credentials_change(user, "invitation", by=actor)


def request_password_reset(email: str) -> None:
    """E-mail a reset link if the account exists; says nothing either way (no enumeration)."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        return
    token = issue_token(user, TokenPurpose.RESET)
    link = current_app.config["BASE_URL"] + url_for("auth.reset_password", token=token)
    queue_mail(user.email, _l("Atur ulang kata sandi"), "reset", kind="reset", user=user, secrets=("link",),
               name=user.name, link=link, hours=current_app.config["RESET_HOURS"])
    audit.record("auth.reset_requested", user, actor=user)
