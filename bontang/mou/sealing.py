"""PAdES seal (pyHanko, ETSI.CAdES.detached) with Disnaker's certificate or a development certificate.

SIGNING_P12 / SIGNING_P12_PASSWORD name Disnaker's PKCS#12 file. Without them, a self-signed
development certificate (digitalSignature + nonRepudiation, named as such) is generated once under
the instance directory; concurrent workers race safely because the file is created atomically.
"""
from __future__ import annotations

import io
import os
import tempfile
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

from asn1crypto import tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import NoEncryption, pkcs12
from cryptography.x509.oid import NameOID
from flask import current_app
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import TimeStamper

DEV_P12_NAME = "dev-signing-certificate.p12"
DEV_COMMON_NAME = "Disnaker Bontang DEVELOPMENT CERTIFICATE - not for production"
_signers: dict[tuple, signers.SimpleSigner] = {}


def _dev_certificate_bytes() -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Dinas Ketenagakerjaan Kota Bontang (DEVELOPMENT)"),
        x509.NameAttribute(NameOID.COMMON_NAME, DEV_COMMON_NAME),
    ])
    now = datetime.now(timezone.utc)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                          encipher_only=False, decipher_only=False)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=3650)).add_extension(usage, critical=True)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(b"bontang-dev", key, cert, None, NoEncryption())


def dev_certificate_path() -> Path:
    """The development PKCS#12 file, generated on first use."""
    path = Path(current_app.config["INSTANCE_DIR"]) / DEV_P12_NAME
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".devcert-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(_dev_certificate_bytes())
        try:
            os.link(tmp, path)  # atomic: the first writer wins, later ones keep its file
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    return path


def load_signer() -> signers.SimpleSigner:
    """The configured signer, or the development one; cached per file."""
    cfg = current_app.config
    if cfg.get("SIGNING_P12"):
        path, password = Path(cfg["SIGNING_P12"]), (cfg.get("SIGNING_P12_PASSWORD") or "").encode() or None
    else:
        path, password = dev_certificate_path(), None
    key = (str(path), password)
    if key not in _signers:
        _signers[key] = signers.SimpleSigner.load_pkcs12_data(path.read_bytes(), other_certs=[], passphrase=password)
    return _signers[key]


def is_development_certificate() -> bool:
    return not current_app.config.get("SIGNING_P12")


class UrllibTimeStamper(TimeStamper):
    """RFC 3161 client over the standard library (pyHanko's own client needs aiohttp)."""

    def __init__(self, url: str, timeout: int = 10):
        super().__init__()
        self.url, self.timeout = url, timeout

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        """POST the request to the authority and parse its answer."""
        headers = {"Content-Type": "application/timestamp-query", "Accept": "application/timestamp-reply"}
        http_request = urllib.request.Request(self.url, data=req.dump(), headers=headers, method="POST")
        with urllib.request.urlopen(http_request, timeout=self.timeout) as response:  # noqa: S310 (configured URL)
            return tsp.TimeStampResp.load(response.read())


def _timestamper():
    url = current_app.config.get("SIGNING_TSA_URL")
    return UrllibTimeStamper(url) if url else None


def seal_pdf(pdf: bytes, *, reason: str = "Segel elektronik Dinas Ketenagakerjaan Kota Bontang") -> bytes:
    """Add one PAdES signature covering the whole file; returns the sealed bytes."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(field_name="SegelDisnaker", subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256", reason=reason,
                                        location=current_app.config["CITY_NAME"])
    out = signers.PdfSigner(meta, signer=load_signer(), timestamper=_timestamper()).sign_pdf(writer)
    return out.getvalue()
