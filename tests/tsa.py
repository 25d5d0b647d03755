"""A real RFC 3161 timestamp authority on loopback for tests (pyHanko's DummyTimeStamper behind HTTP)."""
from __future__ import annotations

import functools
import socket
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from asn1crypto import keys, tsp
from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper


class RefusedPort:
    """A loopback port held bound but not listening: connections to it are refused, and no other test
    (or parallel test process) can take it until `release()` hands it to the server that will answer."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]

    def release(self) -> int:
        self.sock.close()
        return self.port


@functools.lru_cache(maxsize=1)
def _tsa_identity():
    """One TSA certificate per test process, so a test can trust it before the server starts."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's dummy TSA signs with RSA only
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(key, hashes.SHA256()))
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)), keys.PrivateKeyInfo.load(der_key)


def tsa_chain_file(directory: Path) -> str:
    """The loopback TSA's certificate as a PEM file, for SIGNING_TSA_CHAIN."""
    cert, _ = _tsa_identity()
    path = Path(directory) / "loopback-tsa.pem"
    path.write_bytes(asn1_pem.armor("CERTIFICATE", cert.dump()))
    return str(path)


class LoopbackTSA:
    """Serves timestamp requests on 127.0.0.1:`port` until stopped; counts what it answered."""

    def __init__(self, port: int):
        cert, key = _tsa_identity()
        stamper = DummyTimeStamper(tsa_cert=cert, tsa_key=key)
        tsa = self
        self.answered = 0

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                response = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(response)))
                self.end_headers()
                self.wfile.write(response)
                tsa.answered += 1

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
