"""A TSA that answers with an error: sealing fails with a reason a person can act on (the job retries)."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bontang.mou import documents, sealing
from bontang.pdf import render_pdf


class FailingTSA:
    """Answers every request with `status` (HTTP) or, for 200, with an RFC 3161 rejection."""

    def __init__(self, status: int):
        rejection = bytes.fromhex("3005300302 0102".replace(" ", ""))  # TimeStampResp{status: rejection(2)}

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                body = rejection if status == 200 else b"down"
                self.send_response(status)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("status", [500, 200])
def test_a_tsa_error_is_reported_as_a_tsa_problem(app, status):
    tsa = FailingTSA(status)
    app.config["SIGNING_TSA_URL"] = tsa.url
    try:
        with pytest.raises(Exception) as failure:
            sealing.seal_pdf(render_pdf("<p>uji</p>"))
    finally:
        app.config["SIGNING_TSA_URL"] = ""
        tsa.stop()
    assert "Layanan cap waktu (TSA)" in documents.seal_error_message(failure.value)
