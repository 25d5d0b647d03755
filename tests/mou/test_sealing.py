"""Sealing uses SIGNING_P12 / SIGNING_P12_PASSWORD when set, else a development certificate made once."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader

from bontang.mou import sealing
from bontang.pdf import render_pdf


def _p12(path: Path, password: bytes) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Disnaker Kota Bontang (uji)")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"uji", key, cert, None, BestAvailableEncryption(password)))


def _signer_cn(pdf: bytes) -> str:
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    return signature.signer_cert.subject.native["common_name"]


def test_configured_certificate_is_used(app, tmp_path):
    path = tmp_path / "disnaker.p12"
    _p12(path, b"rahasia")
    app.config.update(SIGNING_P12=str(path), SIGNING_P12_PASSWORD="rahasia")
    try:
        sealed = sealing.seal_pdf(render_pdf("<p>uji</p>"))
        assert _signer_cn(sealed) == "Disnaker Kota Bontang (uji)"
        assert not sealing.is_development_certificate()
    finally:
        app.config.update(SIGNING_P12="", SIGNING_P12_PASSWORD="")


def test_development_certificate_is_generated_once_and_named(app):
    first = sealing.dev_certificate_path()
    stamp = first.stat().st_mtime_ns
    sealed = sealing.seal_pdf(render_pdf("<p>uji</p>"))
    assert "DEVELOPMENT" in _signer_cn(sealed)
    assert sealing.dev_certificate_path().stat().st_mtime_ns == stamp
    assert str(first).startswith(app.config["INSTANCE_DIR"])
