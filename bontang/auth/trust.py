"""Credential changes that someone other than the signer could have made, and the signing hold after them.

Disnaker can change a representative's e-mail, send a new link that sets a password, or reactivate
an account; none of that may turn into a signature. So each such change tells the (old) address,
records when and by whom, and holds signing for `SIGNING_COOLING_OFF_HOURS`, unless the signer
confirms with a passkey they enrolled before the change (a factor Disnaker never holds).
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _

from bontang import audit
from bontang.core import DomainError, utcnow
from bontang.mail import queue_mail
from bontang.templating import role_label, wita

WHAT = {
    "email": "e-mail akun diubah",
    "password_link": "kata sandi diatur ulang lewat tautan e-mail",
    "invitation": "tautan pengaktifan baru dikirim",
    "reactivated": "akun diaktifkan kembali",
}


def note_credentials_change(user, what: str, *, by=None, tell: str | None = None) -> None:
    """Record a change of how `user` signs in, tell the address `tell` (default: the account's), hold signing."""
    now = utcnow()
    who = f"{by.name} ({role_label(by.role.value)})" if by is not None else _("pemilik tautan e-mail")
    user.credentials_changed_at = now
    user.credentials_changed_by = f"{who}: {WHAT[what]}"[:300]
    until = hold_until(user)
    address = tell or user.email
    # Addressed to the mailbox, not to the account: after an e-mail change the account is no longer theirs.
    queue_mail(address, _("Perubahan pada akun Portal Kemitraan Anda"), "credentials_changed",
               kind="credentials_changed", name=user.name, what=WHAT[what], who=who, when=wita(now),
               until=wita(until), email=user.email)
    audit.record("auth.credentials_changed", user, actor=by, company_id=user.company_id,
                 details={"what": what, "told": address, "hold_until": until.isoformat() if until else None})


def cooling_off() -> timedelta:
    return timedelta(hours=current_app.config["SIGNING_COOLING_OFF_HOURS"])


def hold_until(user, now: datetime | None = None) -> datetime | None:
    """Until when signing is held for `user` after a credential change, or None when it is not."""
    changed = user.credentials_changed_at
    if changed is None or (user.credentials_confirmed_at and user.credentials_confirmed_at >= changed):
        return None
    until = changed + cooling_off()
    return until if until > (now or utcnow()) else None


def check_not_held(user) -> None:
    """Refuse signing during the cooling-off period, saying until when (WITA) and why."""
    until = hold_until(user)
    if until is not None:
        raise DomainError(_("Penandatanganan ditahan sampai %(until)s karena akun Anda baru diubah (%(change)s). "
                            "Konfirmasi dengan passkey yang Anda daftarkan sebelumnya di halaman Akun saya, atau "
                            "tunggu sampai waktu itu.", until=wita(until), change=user.credentials_changed_by))


def confirm_credentials(user, *, when: datetime | None = None) -> None:
    """The signer confirmed the change with a passkey enrolled before it: the hold ends."""
    user.credentials_confirmed_at = when or utcnow()
    audit.record("auth.credentials_confirmed", user, actor=user, company_id=user.company_id)
