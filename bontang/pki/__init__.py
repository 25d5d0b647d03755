"""Disnaker's sealing identity: the signer, its chain up to the root, the timestamp authority and the
revocation data, from production settings or from the development PKI (bontang.pki.dev).

Production: SIGNING_P12 (+ SIGNING_P12_PASSWORD) holds the key and certificate, SIGNING_CHAIN a PEM
bundle with the issuing CAs and the root (unless the PKCS#12 file carries them), SIGNING_TSA_URL the
RFC 3161 authority (SIGNING_TSA_CHAIN its chain when another CA issued it); CRLs and OCSP answers
are fetched from the certificates' own URLs. Development: the instance's development PKI, a local
timestamper with its TSA certificate (unless SIGNING_TSA_URL is set) and its CRL.
"""
from __future__ import annotations

import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from asn1crypto import cms, core, keys, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.sign import general, signers
from pyhanko.sign.general import get_pyca_cryptography_hash, simple_cms_attribute
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator import ValidationContext

from bontang.pki import dev


class CertificateConfigError(RuntimeError):
    """The configured sealing certificate cannot be used; the app refuses to start."""


class UrllibTimeStamper(TimeStamper):
    """RFC 3161 client over the standard library."""

    def __init__(self, url: str, timeout: int = 10):
        super().__init__()
        if not url.startswith(("http://", "https://")):
            raise CertificateConfigError(f"SIGNING_TSA_URL harus berupa alamat http(s): {url[:80]}")
        self.url, self.timeout = url, timeout

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        """POST the request to the authority and parse its answer."""
        headers = {"Content-Type": "application/timestamp-query", "Accept": "application/timestamp-reply"}
        http_request = urllib.request.Request(self.url, data=req.dump(), headers=headers,  # noqa: S310
                                              method="POST")
        with urllib.request.urlopen(http_request, timeout=self.timeout) as response:  # noqa: S310 (configured URL)
            return tsp.TimeStampResp.load(response.read())


class LocalTimeStamper(DummyTimeStamper):
    """The development TSA: pyHanko's own RFC 3161 token builder, signing with the development TSA key.

    The key is loaded once (pyHanko's DummyTimeStamper parses it again for every token, which costs
    tens of milliseconds for an RSA key).
    """

    def __init__(self, tsa_cert: asn1_x509.Certificate, tsa_key: rsa.RSAPrivateKey):
        der = tsa_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
        super().__init__(tsa_cert=tsa_cert, tsa_key=keys.PrivateKeyInfo.load(der), certs_to_embed=[tsa_cert])
        self._key = tsa_key

    def _sign_tst_info(self, tst_info_data: bytes, md_algorithm: str, dt: datetime):
        attrs = cms.CMSAttributes([
            simple_cms_attribute("content_type", "tst_info"),
            simple_cms_attribute("signing_time", cms.Time({"utc_time": core.UTCTime(dt)})),
            simple_cms_attribute("signing_certificate", general.as_signing_certificate(self.tsa_cert)),
            simple_cms_attribute("message_digest", _digest(md_algorithm, tst_info_data)),
        ])
        signature = self._key.sign(attrs.dump(), PKCS1v15(), get_pyca_cryptography_hash(md_algorithm.upper()))
        return signature, attrs


def _digest(md_algorithm: str, data: bytes) -> bytes:
    md = hashes.Hash(get_pyca_cryptography_hash(md_algorithm))
    md.update(data)
    return md.finalize()


@dataclass
class SealIdentity:
    signer: signers.SimpleSigner
    chain: list[x509.Certificate]          # the sealing certificate first, the root last
    tsa_roots: list[x509.Certificate]
    timestamper: TimeStamper
    development: bool
    crl_dir: Path | None = None            # development: the CRL is read here, never fetched
    other_certs: list[x509.Certificate] = field(default_factory=list)

    @property
    def root(self) -> x509.Certificate:
        return self.chain[-1]

    def trust_roots(self) -> list[asn1_x509.Certificate]:
        return [_asn1(c) for c in _unique([self.root, *self.tsa_roots])]

    def validation_context(self) -> ValidationContext:
        """What pyHanko validates with before embedding: revocation data is required, not optional."""
        others = [_asn1(c) for c in self.chain[:-1] + self.other_certs]
        if self.development:
            return ValidationContext(trust_roots=self.trust_roots(), other_certs=others, allow_fetching=False,
                                     crls=[dev.current_crl(self.crl_dir)], revocation_mode="hard-fail")
        return ValidationContext(trust_roots=self.trust_roots(), other_certs=others, allow_fetching=True,
                                 revocation_mode="hard-fail")


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _unique(certs: list[x509.Certificate]) -> list[x509.Certificate]:
    seen, out = set(), []
    for cert in certs:
        if cert.fingerprint(cert.signature_hash_algorithm) not in seen:
            seen.add(cert.fingerprint(cert.signature_hash_algorithm))
            out.append(cert)
    return out


def _self_signed(cert: x509.Certificate) -> bool:
    return cert.issuer == cert.subject


def build_chain(leaf: x509.Certificate, pool: list[x509.Certificate], *, what: str) -> list[x509.Certificate]:
    """The leaf, its issuers and the self-signed root, each signature checked; refused when incomplete or expired."""
    chain, now = [leaf], datetime.now(timezone.utc)
    while not _self_signed(chain[-1]):
        issuers = [c for c in pool if c.subject == chain[-1].issuer and _issued_by(chain[-1], c)]
        if not issuers or len(chain) > 8:
            raise CertificateConfigError(
                f"Rantai sertifikat {what} tidak lengkap: penerbit '{chain[-1].issuer.rfc4514_string()}' tidak "
                "ditemukan. Sertakan CA penengah dan CA akar dalam SIGNING_CHAIN (PEM).")
        chain.append(issuers[0])
    for cert in chain:
        if cert.not_valid_after_utc < now or cert.not_valid_before_utc > now:
            raise CertificateConfigError(
                f"Sertifikat '{cert.subject.rfc4514_string()}' dalam rantai {what} tidak berlaku saat ini "
                f"(berlaku {cert.not_valid_before_utc:%Y-%m-%d} s.d. {cert.not_valid_after_utc:%Y-%m-%d}).")
    return chain


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def check_seal_certificate(cert: x509.Certificate) -> None:
    """A sealing certificate must allow digital signatures and non-repudiation (content commitment)."""
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is None or not (usage.digital_signature and usage.content_commitment):
        raise CertificateConfigError(
            f"Sertifikat segel '{cert.subject.rfc4514_string()}' tidak memiliki key usage digitalSignature dan "
            "nonRepudiation (contentCommitment); segel dengan sertifikat ini tidak dapat divalidasi.")


def _pem_bundle(path: str) -> list[x509.Certificate]:
    if not path:
        return []
    try:
        return x509.load_pem_x509_certificates(Path(path).read_bytes())
    except (OSError, ValueError) as error:
        raise CertificateConfigError(f"Berkas rantai sertifikat '{path}' tidak dapat dibaca: {error}") from error


def _production(cfg) -> SealIdentity:
    path, password = Path(cfg["SIGNING_P12"]), (cfg.get("SIGNING_P12_PASSWORD") or "").encode() or None
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(path.read_bytes(), password)
    except (OSError, ValueError) as error:
        raise CertificateConfigError(f"SIGNING_P12 '{path}' tidak dapat dibuka: {error}") from error
    if key is None or cert is None:
        raise CertificateConfigError(f"SIGNING_P12 '{path}' tidak berisi kunci privat dan sertifikat.")
    check_seal_certificate(cert)
    pool = list(extra) + _pem_bundle(cfg.get("SIGNING_CHAIN", ""))
    chain = build_chain(cert, pool, what="segel")
    tsa_pool = _pem_bundle(cfg.get("SIGNING_TSA_CHAIN", ""))
    if not cfg.get("SIGNING_TSA_URL"):
        raise CertificateConfigError("SIGNING_TSA_URL wajib diisi bila SIGNING_P12 dipakai (segel PAdES B-LTA "
                                     "memerlukan cap waktu dari TSA).")
    return SealIdentity(signer=_signer(key, cert, chain), chain=chain, development=False,
                        tsa_roots=[c for c in tsa_pool if _self_signed(c)],
                        other_certs=[c for c in tsa_pool if not _self_signed(c)],
                        timestamper=UrllibTimeStamper(cfg["SIGNING_TSA_URL"]))


def _signer(key, cert: x509.Certificate, chain: list[x509.Certificate]) -> signers.SimpleSigner:
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    return signers.SimpleSigner(signing_cert=_asn1(cert), signing_key=keys.PrivateKeyInfo.load(der_key),
                                cert_registry=SimpleCertificateStore.from_certs([_asn1(c) for c in chain]))


def _development(cfg) -> SealIdentity:
    directory = dev.ensure(cfg["INSTANCE_DIR"], cfg["BASE_URL"])
    key, cert, extra = pkcs12.load_key_and_certificates((directory / dev.SEAL_P12).read_bytes(), None)
    chain = build_chain(cert, list(extra), what="segel pengembangan")
    tsa_cert = x509.load_pem_x509_certificate((directory / dev.TSA_CERT).read_bytes())
    tsa_pool = _pem_bundle(cfg.get("SIGNING_TSA_CHAIN", ""))
    if cfg.get("SIGNING_TSA_URL"):
        timestamper = UrllibTimeStamper(cfg["SIGNING_TSA_URL"])
    else:
        tsa_key = serialization.load_pem_private_key((directory / dev.TSA_KEY).read_bytes(), password=None)
        timestamper = LocalTimeStamper(_asn1(tsa_cert), tsa_key)
    return SealIdentity(signer=_signer(key, cert, chain), chain=chain, development=True, crl_dir=directory,
                        tsa_roots=[c for c in tsa_pool if _self_signed(c)],
                        other_certs=[tsa_cert] + [c for c in tsa_pool if not _self_signed(c)],
                        timestamper=timestamper)


_identities: dict[tuple, SealIdentity] = {}


def load_identity(cfg) -> SealIdentity:
    """The configured identity (production settings or the development PKI), cached per setting."""
    cache_key = tuple(cfg.get(name, "") for name in ("SIGNING_P12", "SIGNING_P12_PASSWORD", "SIGNING_CHAIN",
                                                     "SIGNING_TSA_URL", "SIGNING_TSA_CHAIN", "INSTANCE_DIR"))
    if cache_key not in _identities:
        _identities[cache_key] = _production(cfg) if cfg.get("SIGNING_P12") else _development(cfg)
    return _identities[cache_key]


def check_configured_certificate(cfg) -> None:
    """At start-up: refuse a production certificate that cannot make a verifiable seal."""
    if cfg.get("SIGNING_P12"):
        load_identity(cfg)
