"""One-time 6-digit signing codes: sent by e-mail, stored as a keyed hash, 10 minutes, 5 attempts.

A wrong attempt is counted on a separate connection so that it survives the rollback of the
refused request (a refused request otherwise writes nothing).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from bontang import audit
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.mail import queue_mail
from bontang.mou.models import SigningCode

CODE_MINUTES = 10
MAX_ATTEMPTS = 5


def _hash(code: str, user_id: int, purpose: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{user_id}:{purpose}:{code}".encode(), hashlib.sha256).hexdigest()


def issue_code(user, purpose: str, *, subject: str, what: str) -> str:
    """Create a new code for `user` (older unused codes stop working) and e-mail it."""
    now = utcnow()
    db.session.execute(update(SigningCode).where(SigningCode.user_id == user.id, SigningCode.purpose == purpose,
                                                 SigningCode.used_at.is_(None)).values(used_at=now))
    code = f"{secrets.randbelow(10**6):06d}"
    db.session.add(SigningCode(user_id=user.id, purpose=purpose, code_hash=_hash(code, user.id, purpose),
                               created_at=now, expires_at=now + timedelta(minutes=CODE_MINUTES)))
    queue_mail(user.email, subject, "mou_code", kind="mou_code", user=user, name=user.name, code=code, secrets=("code",),
               minutes=CODE_MINUTES, what=what)
    audit.record("mou.code_sent", user, details={"purpose": purpose}, actor=user)
    db.session.flush()
    return code


def _count_attempt(code_id: int) -> None:
    with db.engine.begin() as conn:
        conn.execute(update(SigningCode).where(SigningCode.id == code_id)
                     .values(attempts=SigningCode.attempts + 1))


def check_code(user, purpose: str, code: str) -> SigningCode:
    """Return the matching live code or raise a DomainError on the `code` field (nothing consumed yet)."""
    current = db.session.scalar(select(SigningCode).where(
        SigningCode.user_id == user.id, SigningCode.purpose == purpose, SigningCode.used_at.is_(None))
        .order_by(SigningCode.id.desc()).limit(1))
    if current is None:
        raise DomainError(_("Belum ada kode yang berlaku atau kode sudah dipakai. Minta kode baru."), "code")
    if current.expires_at < utcnow():
        raise DomainError(_("Kode sudah kedaluwarsa (berlaku %(n)d menit). Minta kode baru.", n=CODE_MINUTES), "code")
    if current.attempts >= MAX_ATTEMPTS:
        raise DomainError(_("Terlalu banyak percobaan yang salah. Minta kode baru."), "code")
    if not hmac.compare_digest(current.code_hash, _hash((code or "").strip(), user.id, purpose)):
        _count_attempt(current.id)
        left = MAX_ATTEMPTS - current.attempts - 1
        raise DomainError(_("Kode salah. Sisa percobaan: %(n)d.", n=max(left, 0)), "code")
    return current


def consume_code(code: SigningCode) -> None:
    """Mark the code used; a concurrent request that used it first makes this one fail."""
    used = db.session.execute(update(SigningCode).where(SigningCode.id == code.id, SigningCode.used_at.is_(None))
                              .values(used_at=utcnow()))
    if used.rowcount != 1:
        raise DomainError(_("Kode ini sudah dipakai. Minta kode baru."), "code")
