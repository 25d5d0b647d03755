"""Sealing uses SIGNING_P12 (+ SIGNING_CHAIN, SIGNING_TSA_URL) when set, else the development PKI made once
under the instance directory; a configured certificate that cannot make a verifiable seal stops the app."""
from __future__ import annotations

import asyncio
import io
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESPassed
from pyhanko.sign.validation.ades import ades_lta_validation

from bontang import create_app
from bontang.mou import sealing
from bontang.pdf import render_pdf
from bontang.pki import CertificateConfigError, dev
from tests.mou.test_seal_lta import lta_spec
from tests.tsa import LoopbackTSA, RefusedPort, tsa_chain_file

NOW = datetime.now(timezone.utc)


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _cert(subject, key, issuer=None, issuer_key=None, *, ca=False, non_repudiation=True, days=(-1, 30), crl_url=None):
    usage = x509.KeyUsage(digital_signature=not ca, content_commitment=non_repudiation and not ca,
                          key_encipherment=False, data_encipherment=False, key_agreement=False, key_cert_sign=ca,
                          crl_sign=ca, encipher_only=False, decipher_only=False)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer or subject))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(NOW + timedelta(days=days[0])).not_valid_after(NOW + timedelta(days=days[1]))
               .add_extension(usage, critical=True)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if crl_url:
        builder = builder.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier(crl_url)], relative_name=None, reasons=None, crl_issuer=None)]),
            critical=False)
    return builder.sign(issuer_key or key, hashes.SHA256())


def _ca():
    key = ec.generate_private_key(ec.SECP256R1())
    return _cert("Disnaker Uji Root CA", key, ca=True), key


def _write(tmp_path: Path, leaf, key, chain=()) -> dict:
    p12 = tmp_path / "disnaker.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(b"uji", key, leaf, None, BestAvailableEncryption(b"rahasia")))
    bundle = tmp_path / "chain.pem"
    bundle.write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain))
    return {"SIGNING_P12": str(p12), "SIGNING_P12_PASSWORD": "rahasia", "SIGNING_CHAIN": str(bundle) if chain else "",
            "SIGNING_TSA_URL": "http://127.0.0.1:9/", "INSTANCE_DIR": str(tmp_path)}


class CrlServer:
    """The test CA's CRL over HTTP on loopback, at the URL its certificates name."""

    def __init__(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.fetched += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/pkix-crl")
                self.send_header("Content-Length", str(len(server.body)))
                self.end_headers()
                self.wfile.write(server.body)

            def log_message(self, *args):
                pass

        self.body, self.fetched = b"", 0
        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_port}/ca.crl"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def stop(self):
        self.http.shutdown()
        self.http.server_close()


def test_configured_certificate_chain_and_tsa_make_a_b_lta_seal(app, tmp_path):
    crls = CrlServer()
    root, root_key = _ca()
    crls.body = dev.build_crl(root, root_key)
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = _cert("Disnaker Kota Bontang (uji)", key, "Disnaker Uji Root CA", root_key, crl_url=crls.url)
    settings = _write(tmp_path, leaf, key, [root])
    tsa = LoopbackTSA(RefusedPort().release())
    settings.update(SIGNING_TSA_URL=f"http://127.0.0.1:{tsa.server.server_port}/",
                    SIGNING_TSA_CHAIN=tsa_chain_file(tmp_path))
    saved = {name: app.config.get(name, "") for name in settings}
    app.config.update(settings)
    try:
        sealed = sealing.seal_pdf(render_pdf("<p>uji</p>"))
        assert not sealing.is_development_certificate() and sealing.identity().root == root
    finally:
        app.config.update(saved)
        tsa.stop()
        crls.stop()
    assert crls.fetched >= 1 and tsa.answered >= 2  # revocation data from the certificate's own URL
    seal = PdfFileReader(io.BytesIO(sealed)).embedded_regular_signatures[0]
    assert seal.signer_cert.subject.native["common_name"] == "Disnaker Kota Bontang (uji)"
    roots = [dev_asn1(root), dev_asn1(x509.load_pem_x509_certificate(Path(settings["SIGNING_TSA_CHAIN"]).read_bytes()))]
    result = asyncio.run(ades_lta_validation(seal, lta_spec(*roots)))
    assert result.ades_subindic == AdESPassed.OK


def dev_asn1(cert):
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def test_development_pki_is_made_once_named_and_validates_with_its_root(app):
    sealed = sealing.seal_pdf(render_pdf("<p>uji</p>"))
    directory = Path(app.config["INSTANCE_DIR"]) / dev.DIRECTORY
    stamp = (directory / dev.SEAL_P12).stat().st_mtime_ns
    seal = PdfFileReader(io.BytesIO(sealed)).embedded_regular_signatures[0]
    assert "DEVELOPMENT" in seal.signer_cert.subject.native["common_name"]
    usage = seal.signer_cert.key_usage_value.native
    assert "digital_signature" in usage and "non_repudiation" in usage
    crl_urls = [p["distribution_point"].native[0] for p in seal.signer_cert.crl_distribution_points_value]
    assert crl_urls == [app.config["BASE_URL"] + dev.CRL_PATH]
    root = sealing.identity().trust_roots()[0]
    assert asyncio.run(ades_lta_validation(seal, lta_spec(root))).ades_subindic == AdESPassed.OK
    sealing.seal_pdf(render_pdf("<p>lagi</p>"))
    assert (directory / dev.SEAL_P12).stat().st_mtime_ns == stamp


def test_the_app_serves_the_development_crl_at_the_certificates_url(client):
    sealing.identity()
    response = client.get(dev.CRL_PATH)
    crl = x509.load_der_x509_crl(response.data)
    assert response.status_code == 200 and response.mimetype == "application/pkix-crl"
    assert crl.next_update_utc > NOW and len(list(crl)) == 0
    assert crl.is_signature_valid(sealing.identity().root.public_key())


def _refusal(tmp_path, settings) -> str:
    with pytest.raises(CertificateConfigError) as refused:
        create_app({"TESTING": True, "SECRET_KEY": "x", "AUDIT_KEY": "x", **settings})
    return str(refused.value)


def test_a_certificate_without_non_repudiation_stops_the_app(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    message = _refusal(tmp_path, _write(tmp_path, _cert("Tanpa NR", key, non_repudiation=False), key))
    assert "nonRepudiation" in message and "Tanpa NR" in message


def test_an_expired_certificate_stops_the_app(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    message = _refusal(tmp_path, _write(tmp_path, _cert("Kedaluwarsa", key, days=(-60, -1)), key))
    assert "tidak berlaku" in message and "Kedaluwarsa" in message


def test_an_incomplete_chain_stops_the_app(tmp_path):
    _, root_key = _ca()
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = _cert("Tanpa rantai", key, "Disnaker Uji Root CA", root_key)
    message = _refusal(tmp_path, _write(tmp_path, leaf, key, chain=[]))
    assert "tidak lengkap" in message and "SIGNING_CHAIN" in message


def test_a_production_certificate_needs_a_tsa(tmp_path):
    root, root_key = _ca()
    key = ec.generate_private_key(ec.SECP256R1())
    settings = _write(tmp_path, _cert("Disnaker", key, "Disnaker Uji Root CA", root_key), key, [root])
    settings["SIGNING_TSA_URL"] = ""
    assert "SIGNING_TSA_URL" in _refusal(tmp_path, settings)
