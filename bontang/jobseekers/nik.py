"""NIK protection: encrypted at rest (Fernet), an HMAC digest for uniqueness, the last 4 digits for masking.

The keys are derived with HKDF from NIK_KEY (an environment variable) or, failing that, SECRET_KEY.
Only Disnaker views decrypt; every other page shows `JobSeeker.nik_masked` at most.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
from functools import lru_cache

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

NIK_PATTERN = re.compile(r"^\d{16}$")


def _master_key() -> bytes:
    return (current_app.config.get("NIK_KEY") or current_app.config["SECRET_KEY"]).encode()


@lru_cache(maxsize=8)
def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"bontang-nik-v1", info=purpose).derive(master)


def _fernet() -> Fernet:
    return _fernet_for(_master_key())


@lru_cache(maxsize=8)
def _fernet_for(master: bytes) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(master, b"encrypt")))


def normalise(raw: str | None) -> str:
    """The NIK without spaces, dots or dashes."""
    return re.sub(r"[\s.\-]", "", raw or "")


def is_valid(nik: str) -> bool:
    """Sixteen digits, a plausible province code and birth date part (day 41-71 for women)."""
    if not NIK_PATTERN.match(nik) or nik[:2] in ("00",):
        return False
    day, month = int(nik[6:8]), int(nik[8:10])
    return (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12


def digest(nik: str) -> str:
    """Keyed HMAC-SHA256 of the NIK: finds duplicates without storing the NIK in clear."""
    return hmac.new(_derive(_master_key(), b"digest"), nik.encode(), hashlib.sha256).hexdigest()


def encrypt(nik: str) -> str:
    return _fernet().encrypt(nik.encode()).decode()


def decrypt(cipher: str) -> str:
    return _fernet().decrypt(cipher.encode()).decode()


def protect(nik: str) -> dict:
    """The three stored columns for a NIK."""
    return {"nik_cipher": encrypt(nik), "nik_digest": digest(nik), "nik_tail": nik[-4:]}
