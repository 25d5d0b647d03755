"""Passkeys: enrol a WebAuthn credential, then prove its possession for one purpose (signing a given
agreement or selection, or confirming a credential change).

Each challenge is issued by the server for one user and one purpose, stored as a keyed hash in the
one-time codes table (10 minutes, single use); an assertion must answer a live challenge, come from
a credential of the same account, and raise the authenticator's signature counter.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from webauthn import (generate_authentication_options, generate_registration_options, options_to_json,
                      verify_authentication_response, verify_registration_response)
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (AuthenticatorSelectionCriteria, PublicKeyCredentialDescriptor,
                                      ResidentKeyRequirement, UserVerificationRequirement)

from bontang import audit
from bontang.accounts.models import Role
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.mou.models import SigningCode
from bontang.passkeys.models import PasskeyCredential

CHALLENGE_MINUTES = 10
MAX_PASSKEYS = 5
ENROL = "enrol"
CONFIRM = "confirm"
ENROLLING_ROLES = (Role.COMPANY_REP, Role.OFFICIAL)


LOOPBACK_IPS = ("127.0.0.1", "::1")


def rp_id() -> str:
    """The relying party is the host of BASE_URL. Browsers refuse an IP address as RP ID, so a loopback
    BASE_URL (the `make run` default) uses "localhost": open the portal at http://localhost:PORT."""
    host = urlsplit(current_app.config["BASE_URL"]).hostname or "localhost"
    return "localhost" if host in LOOPBACK_IPS else host


def origin() -> list[str]:
    """The origins a WebAuthn answer may come from: BASE_URL's, and its localhost twin on loopback."""
    parts = urlsplit(current_app.config["BASE_URL"])
    origins = [f"{parts.scheme}://{parts.netloc}"]
    if parts.hostname in LOOPBACK_IPS:
        origins.append(f"{parts.scheme}://localhost" + (f":{parts.port}" if parts.port else ""))
    return origins


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _hash(challenge: bytes, user_id: int, purpose: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"%d:%s:" % (user_id, purpose.encode()) + challenge, hashlib.sha256).hexdigest()


def _issue_challenge(user, purpose: str) -> bytes:
    now, challenge = utcnow(), secrets.token_bytes(32)
    db.session.add(SigningCode(user_id=user.id, purpose=f"pk:{purpose}", code_hash=_hash(challenge, user.id, purpose),
                               created_at=now, expires_at=now + timedelta(minutes=CHALLENGE_MINUTES)))
    db.session.flush()
    return challenge


def _claim_challenge(user, purpose: str, credential: dict) -> bytes:
    """The challenge the browser answered, if this server issued it to `user` for `purpose` and it is unused."""
    try:
        client_data = json.loads(_unb64url(credential["response"]["clientDataJSON"]))
        challenge = _unb64url(client_data["challenge"])
    except (KeyError, TypeError, ValueError) as error:
        raise DomainError(_("Jawaban passkey tidak dapat dibaca. Coba lagi."), "passkey") from error
    row = db.session.scalar(select(SigningCode).where(
        SigningCode.user_id == user.id, SigningCode.purpose == f"pk:{purpose}",
        SigningCode.code_hash == _hash(challenge, user.id, purpose)))
    if row is None or row.expires_at < utcnow():
        raise DomainError(_("Permintaan passkey ini tidak berlaku untuk tindakan ini atau sudah kedaluwarsa. "
                            "Coba lagi."), "passkey")
    claimed = db.session.execute(update(SigningCode).where(SigningCode.id == row.id, SigningCode.used_at.is_(None))
                                 .values(used_at=utcnow()))
    if claimed.rowcount != 1:
        raise DomainError(_("Jawaban passkey ini sudah pernah dipakai. Coba lagi."), "passkey")
    return challenge


def _parse(credential_json: str) -> dict:
    try:
        credential = json.loads(credential_json or "")
    except ValueError as error:
        raise DomainError(_("Jawaban passkey tidak dapat dibaca. Coba lagi."), "passkey") from error
    if not isinstance(credential, dict) or not isinstance(credential.get("id"), str):
        raise DomainError(_("Jawaban passkey tidak dapat dibaca. Coba lagi."), "passkey")
    return credential


def passkeys_of(user) -> list[PasskeyCredential]:
    return list(db.session.scalars(select(PasskeyCredential).where(PasskeyCredential.user_id == user.id)
                                   .order_by(PasskeyCredential.id)))


def registration_options(user) -> str:
    """Options (JSON) for navigator.credentials.create(), with a fresh challenge."""
    if user.role not in ENROLLING_ROLES:
        raise DomainError(_("Passkey hanya untuk wakil perusahaan dan pejabat penanda tangan."))
    existing = passkeys_of(user)
    if len(existing) >= MAX_PASSKEYS:
        raise DomainError(_("Maksimal %(n)d passkey per akun.", n=MAX_PASSKEYS))
    options = generate_registration_options(
        rp_id=rp_id(), rp_name="Portal Kemitraan Ketenagakerjaan", user_name=user.email, user_display_name=user.name,
        user_id=str(user.id).encode(), challenge=_issue_challenge(user, ENROL),
        authenticator_selection=AuthenticatorSelectionCriteria(resident_key=ResidentKeyRequirement.PREFERRED,
                                                               user_verification=UserVerificationRequirement.PREFERRED),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=_unb64url(p.credential_id)) for p in existing])
    return options_to_json(options)


def enrol_passkey(user, credential_json: str, name: str) -> PasskeyCredential:
    """Verify the browser's new credential against our challenge and keep its public key."""
    credential = _parse(credential_json)
    challenge = _claim_challenge(user, ENROL, credential)
    try:
        verified = verify_registration_response(credential=credential, expected_challenge=challenge,
                                                expected_rp_id=rp_id(), expected_origin=origin())
    except InvalidRegistrationResponse as error:
        raise DomainError(_("Passkey tidak dapat diverifikasi: %(why)s", why=str(error)[:200]), "passkey") from error
    key_id = _b64url(verified.credential_id)
    if db.session.scalar(select(func.count(PasskeyCredential.id)).where(PasskeyCredential.credential_id == key_id)):
        raise DomainError(_("Passkey ini sudah terdaftar."), "passkey")
    passkey = PasskeyCredential(user_id=user.id, credential_id=key_id, public_key=verified.credential_public_key,
                                sign_count=verified.sign_count, name=name, created_at=utcnow())
    db.session.add(passkey)
    db.session.flush()
    audit.record("passkey.enrolled", user, actor=user, company_id=user.company_id, details={"name": name})
    return passkey


def assertion_options(user, purpose: str) -> str:
    """Options (JSON) for navigator.credentials.get(), limited to this user's passkeys."""
    existing = passkeys_of(user)
    if not existing:
        raise DomainError(_("Anda belum mendaftarkan passkey. Daftarkan di halaman Akun saya, atau pakai kode e-mail."))
    options = generate_authentication_options(
        rp_id=rp_id(), challenge=_issue_challenge(user, purpose),
        allow_credentials=[PublicKeyCredentialDescriptor(id=_unb64url(p.credential_id)) for p in existing],
        user_verification=UserVerificationRequirement.PREFERRED)
    return options_to_json(options)


def verify_passkey(user, purpose: str, credential_json: str) -> PasskeyCredential:
    """Check an assertion for `purpose`: our live challenge, this account's credential, a rising counter."""
    credential = _parse(credential_json)
    passkey = db.session.scalar(select(PasskeyCredential).where(PasskeyCredential.credential_id == credential["id"]))
    if passkey is None or passkey.user_id != user.id:
        raise DomainError(_("Passkey ini tidak terdaftar pada akun Anda."), "passkey")
    challenge = _claim_challenge(user, purpose, credential)
    try:
        verified = verify_authentication_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=rp_id(), expected_origin=origin(),
            credential_public_key=passkey.public_key, credential_current_sign_count=passkey.sign_count)
    except InvalidAuthenticationResponse as error:
        raise DomainError(_("Passkey ditolak: %(why)s", why=str(error)[:200]), "passkey") from error
    counted = db.session.execute(update(PasskeyCredential).where(PasskeyCredential.id == passkey.id,
                                                                 PasskeyCredential.sign_count == passkey.sign_count)
                                 .values(sign_count=verified.new_sign_count, last_used_at=utcnow()))
    if counted.rowcount != 1:
        raise DomainError(_("Passkey ini baru saja dipakai di permintaan lain. Coba lagi."), "passkey")
    db.session.refresh(passkey)
    return passkey


def remove_passkey(user, passkey_id: int) -> None:
    """Remove one of the user's own passkeys."""
    passkey = db.session.get(PasskeyCredential, passkey_id)
    if passkey is None or passkey.user_id != user.id:
        raise DomainError(_("Passkey tidak ditemukan."))
    db.session.delete(passkey)
    audit.record("passkey.removed", user, actor=user, company_id=user.company_id, details={"name": passkey.name})


def confirm_change(user, credential_json: str) -> None:
    """End the signing hold: only a passkey enrolled before the credential change can (Disnaker holds none)."""
    from bontang.auth import trust

    if trust.hold_until(user) is None:
        raise DomainError(_("Tidak ada perubahan akun yang perlu dikonfirmasi."), "credential")
    passkey = verify_passkey(user, CONFIRM, credential_json)
    if passkey.created_at >= user.credentials_changed_at:
        raise DomainError(_("Passkey ini didaftarkan setelah akun diubah, jadi tidak dapat mengonfirmasi perubahan "
                            "itu. Tunggu sampai masa penahanan berakhir."), "credential")
    trust.confirm_credentials(user)
