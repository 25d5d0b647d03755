"""A development PKI that behaves like a real one: a root CA, a sealing certificate, a timestamping
certificate and a CRL, created once under the instance directory.

The sealing and TSA certificates name the CRL's URL (served by the app under /.well-known/), so a
development PDF carries the same PAdES B-LTA profile production produces. Every name says
DEVELOPMENT. Concurrent workers race safely: the files are written to a temporary directory that
is renamed into place in one step, and the first writer wins.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import NoEncryption, pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DIRECTORY = "pki-dev"
ROOT_CERT, ROOT_KEY = "root-ca.pem", "root-ca.key"
SEAL_P12 = "seal.p12"
TSA_CERT, TSA_KEY = "tsa.pem", "tsa.key"
CRL_FILE = "root-ca.crl"
CRL_PATH = "/.well-known/bontang/disnaker-dev-ca.crl"
ORGANISATION = "Dinas Ketenagakerjaan Kota Bontang (DEVELOPMENT)"
SEAL_COMMON_NAME = "Disnaker Bontang DEVELOPMENT CERTIFICATE - not for production"
CRL_DAYS = 30
CRL_REFRESH_DAYS = 7


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _usage(**flags) -> x509.KeyUsage:
    names = ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment", "key_agreement",
             "key_cert_sign", "crl_sign", "encipher_only", "decipher_only")
    return x509.KeyUsage(**{name: flags.get(name, False) for name in names})


def _issue(subject: str, public_key, issuer: x509.Certificate, issuer_key, *, days: int, usage: x509.KeyUsage,
           crl_url: str, eku: list | None = None) -> x509.Certificate:
    now = datetime.now(timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(issuer.subject)
               .public_key(public_key).serial_number(x509.random_serial_number())
               .not_valid_before(now - timedelta(hours=1)).not_valid_after(now + timedelta(days=days))
               .add_extension(usage, critical=True)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                              critical=False)
               .add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
                   full_name=[x509.UniformResourceIdentifier(crl_url)], relative_name=None, reasons=None,
                   crl_issuer=None)]), critical=False))
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _root():
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name("Disnaker Bontang DEVELOPMENT Root CA")
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(hours=1))
            .not_valid_after(now + timedelta(days=365 * 20))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_usage(key_cert_sign=True, crl_sign=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return cert, key


def build_crl(root: x509.Certificate, root_key, *, now: datetime | None = None) -> bytes:
    """An empty CRL (nothing revoked) signed by the root, valid CRL_DAYS days; DER."""
    now = now or datetime.now(timezone.utc)
    crl = (x509.CertificateRevocationListBuilder().issuer_name(root.subject)
           .last_update(now - timedelta(minutes=5)).next_update(now + timedelta(days=CRL_DAYS))
           .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
           .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
           .sign(root_key, hashes.SHA256()))
    return crl.public_bytes(serialization.Encoding.DER)


def _pem_key(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, NoEncryption())


def _write_all(target: Path, base_url: str) -> None:
    crl_url = base_url + CRL_PATH
    root, root_key = _root()
    seal_key = ec.generate_private_key(ec.SECP256R1())
    seal = _issue(SEAL_COMMON_NAME, seal_key.public_key(), root, root_key, days=365 * 6, crl_url=crl_url,
                  usage=_usage(digital_signature=True, content_commitment=True))
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's local TSA signs with RSA
    tsa = _issue("Disnaker Bontang DEVELOPMENT Timestamping", tsa_key.public_key(), root, root_key, days=365 * 3,
                 crl_url=crl_url, usage=_usage(digital_signature=True, content_commitment=True),
                 eku=[ExtendedKeyUsageOID.TIME_STAMPING])
    pem = serialization.Encoding.PEM
    (target / ROOT_CERT).write_bytes(root.public_bytes(pem))
    (target / ROOT_KEY).write_bytes(_pem_key(root_key))
    (target / SEAL_P12).write_bytes(pkcs12.serialize_key_and_certificates(
        b"bontang-dev-seal", seal_key, seal, [root], NoEncryption()))
    (target / TSA_CERT).write_bytes(tsa.public_bytes(pem))
    (target / TSA_KEY).write_bytes(_pem_key(tsa_key))
    (target / CRL_FILE).write_bytes(build_crl(root, root_key))


def ensure(instance_dir: str, base_url: str) -> Path:
    """The development PKI's directory, created on first use."""
    path = Path(instance_dir) / DIRECTORY
    if (path / CRL_FILE).exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=".pki-dev-"))
    try:
        _write_all(tmp, base_url)
        os.rename(tmp, path)  # atomic; fails when another process got there first
    except OSError:
        if not (path / CRL_FILE).exists():
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return path


def current_crl(path: Path) -> bytes:
    """The CRL, re-issued by the root when fewer than CRL_REFRESH_DAYS of validity remain."""
    data = (path / CRL_FILE).read_bytes()
    crl = x509.load_der_x509_crl(data)
    if crl.next_update_utc - datetime.now(timezone.utc) > timedelta(days=CRL_REFRESH_DAYS):
        return data
    root = x509.load_pem_x509_certificate((path / ROOT_CERT).read_bytes())
    root_key = serialization.load_pem_private_key((path / ROOT_KEY).read_bytes(), password=None)
    data = build_crl(root, root_key)
    fd, tmp = tempfile.mkstemp(dir=path, prefix=".crl-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path / CRL_FILE)
    return data
