"""What a signer submits: identity, consent and the signature mark (drawn PNG or typed name)."""
from __future__ import annotations

import base64
import binascii
import io
from dataclasses import dataclass

from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError

from bontang.core import DomainError
from bontang.mou.text import sha256_text

MAX_IMAGE_BYTES = 300 * 1024
MAX_IMAGE_SIDE = 1600
PNG_PREFIX = "data:image/png;base64,"
IDENTIFICATION = "Akun portal (e-mail + kata sandi) dan kode sekali pakai yang dikirim ke e-mail akun"
IDENTIFICATION_PASSKEY = "Akun portal (e-mail + kata sandi) dan passkey (WebAuthn) yang didaftarkan penanda tangan"


def consent_statement(numbers: list[str] | None = None) -> str:
    """The consent text the signer ticks, naming the documents it covers; its hash is stored with the signature."""
    text = _("Saya menyatakan telah membaca seluruh isi perjanjian ini, berwenang menandatanganinya atas nama "
             "pihak yang saya wakili, dan setuju menandatanganinya secara elektronik sesuai UU ITE Pasal 11 dan "
             "PP 71/2019. Tanda tangan elektronik ini memiliki kekuatan hukum yang sama dengan tanda tangan basah.")
    if not numbers:
        return text
    return text + " " + _("Dokumen yang saya tandatangani: %(n)d perjanjian, nomor %(numbers)s.",
                          n=len(numbers), numbers="; ".join(numbers))


@dataclass
class SignerInput:
    """Validated signer data, ready to be stored."""

    name: str
    position: str
    method: str
    image_png: bytes | None
    typed_text: str
    consent_text: str
    consent_sha256: str


def _clean_text(value: str | None, field: str, limit: int) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise DomainError(_("Wajib diisi."), field)
    if len(text) > limit:
        raise DomainError(_("Maksimal %(n)d karakter.", n=limit), field)
    return text


def reencode_png(data_url: str | None) -> bytes:
    """Decode a PNG data URL, check it, and re-encode it (drops metadata and anything hidden)."""
    if not data_url or not data_url.startswith(PNG_PREFIX):
        raise DomainError(_("Gambar tanda tangan kosong atau bukan PNG. Gambar tanda tangan Anda."), "signature")
    try:
        raw = base64.b64decode(data_url[len(PNG_PREFIX):], validate=True)
    except (binascii.Error, ValueError) as error:
        raise DomainError(_("Gambar tanda tangan tidak dapat dibaca."), "signature") from error
    if len(raw) > MAX_IMAGE_BYTES:
        raise DomainError(_("Gambar tanda tangan terlalu besar (maksimal 300 KB)."), "signature")
    try:
        with Image.open(io.BytesIO(raw)) as image:
            if image.format != "PNG":
                raise DomainError(_("Gambar tanda tangan harus berformat PNG."), "signature")
            if max(image.size) > MAX_IMAGE_SIDE or min(image.size) < 20:
                raise DomainError(_("Ukuran gambar tanda tangan tidak wajar."), "signature")
            image.load()
            clean = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise DomainError(_("Berkas tanda tangan bukan gambar yang valid."), "signature") from error
    if clean.getchannel("A").getextrema()[1] == 0 or clean.getbbox() is None:
        raise DomainError(_("Gambar tanda tangan kosong. Gambar tanda tangan Anda."), "signature")
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return out.getvalue()


def validate_signer(data: dict, numbers: list[str] | None = None) -> SignerInput:
    """Check name, position, consent and the signature mark; the consent names `numbers`."""
    name = _clean_text(data.get("name"), "name", 120)
    position = _clean_text(data.get("position"), "position", 120)
    method = data.get("method") or "drawn"
    if method not in ("drawn", "typed"):
        raise DomainError(_("Pilih cara tanda tangan."), "method")
    image, typed = None, ""
    if method == "drawn":
        image = reencode_png(data.get("signature"))
    else:
        typed = _clean_text(data.get("typed"), "typed", 80)
    if not data.get("consent"):
        raise DomainError(_("Centang pernyataan persetujuan untuk menandatangani."), "consent")
    consent = consent_statement(numbers)
    return SignerInput(name, position, method, image, typed, consent, sha256_text(consent))
