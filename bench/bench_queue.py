"""Task-queue benchmark: an official countersigns 124 agreements through the form; real worker
processes seal every PDF while pages keep answering; then the ZIP. On SQLite and, when reachable,
PostgreSQL (BENCH_PG_URL, default the local server), beside the cost of sealing one PDF."""
from __future__ import annotations

import hashlib
import io
import logging
import os
import statistics
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from bench.bench_mou import BATCH, _signed_agreements
from bench.common import bench_app, report
from bontang.extensions import db
from bontang.jobs.models import Job, JobStatus
from bontang.mou import sealing
from bontang.mou.documents import render_agreement_pdf
from bontang.mou.models import Document
from tests.mou.factories import last_code
from tests.processes import Worker

PG_URL = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_scratch() -> str | None:
    name = f"bench_queue_{os.getpid()}"
    try:
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # no PostgreSQL here: SQLite only
        print(f"PostgreSQL not reachable ({error.__class__.__name__}); SQLite only")
        return None
    return PG_URL.rsplit("/", 1)[0] + "/" + name


def _login(client, user) -> None:
    client.post("/masuk", data={"email": user.email, "password": "rahasia-uji-123"})


def _sealed() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(Document.id)).where(Document.kind == "final"))


def _seal_one_ms(agreement) -> float:
    samples = []
    for _ in range(5):
        started = time.perf_counter()
        sealing.seal_pdf(render_agreement_pdf(agreement, preview=False))
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def _valid_under_pdfsig() -> int:
    valid, folder = 0, Path(tempfile.mkdtemp())
    for number, data in enumerate(db.session.scalars(select(Document.bytes))):
        path = folder / f"{number}.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
        valid += "Signature is Valid." in out and "Total document signed" in out
    return valid


def _zip(client, worker_log) -> dict:
    location = client.post("/mou/arsip").headers["Location"]
    job_id = int(location.rsplit("/", 1)[-1])
    started = time.perf_counter()
    while db.session.scalar(select(Job.status).where(Job.id == job_id)) != JobStatus.DONE:
        db.session.rollback()
        if time.perf_counter() - started > 300:
            raise RuntimeError("ZIP not ready after 300 s\n" + worker_log())
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    archive = zipfile.ZipFile(io.BytesIO(client.get(location + "/unduh").data))
    rows = archive.read("MANIFEST.csv").decode("utf-8-sig").splitlines()[1:]
    matching = sum(hashlib.sha256(archive.read(row.split(",")[2])).hexdigest() == row.split(",")[3] for row in rows)
    return {"zip_s": seconds, "pdfs_in_zip": len(rows), "manifest_hashes_matching": matching}


def _run_on(label: str, url: str | None) -> None:
    app = bench_app(url)
    with app.app_context(), app.test_request_context():
        official, agreements = _signed_agreements(BATCH)
        report(f"[{label}] seal one PDF (render + seal, median of 5)", {"ms": _seal_one_ms(agreements[0])})
        client, public = app.test_client(), app.test_client()
        _login(client, official)
        ids = [str(a.id) for a in agreements]
        for agreement in agreements:  # the official opens each preview before signing (the "viewed" evidence)
            client.post(f"/mou/tanda-tangan/{agreement.id}/pratinjau")
        client.post("/mou/tanda-tangan/kode", data={"agreements": ids})  # a code bound to this selection
        form = {"name": official.name, "position": official.position, "method": "typed", "typed": official.name,
                "consent": "y", "code": last_code(official.email), "agreements": ids}
        started = time.perf_counter()
        response = client.post("/mou/tanda-tangan", data=form)
        answered = time.perf_counter() - started
        assert response.status_code == 303, response.status_code
        job_page = response.headers["Location"]
        worker = Worker(app, Path(tempfile.mkdtemp()))
        worker.start()
        started, slowest, pages = time.perf_counter(), 0.0, 0
        try:
            while _sealed() < BATCH:
                if time.perf_counter() - started > 600:
                    raise RuntimeError("sealing did not finish in 600 s\n" + worker.log())
                code = agreements[pages % BATCH].verification_code
                for client_, url, headers in ((public, f"/verifikasi/{code}", {}),
                                              (client, job_page, {"HX-Request": "true", "HX-Target": "job-progress"})):
                    began = time.perf_counter()
                    assert client_.get(url, headers=headers).status_code == 200
                    slowest, pages = max(slowest, time.perf_counter() - began), pages + 1
            until_last = time.perf_counter() - started
            client.post("/keluar")
            staff = __import__("tests.factories", fromlist=["make_user"]).make_user("staff")
            _login(client, staff)
            zipped = _zip(client, worker.log)
        finally:
            worker.stop()
        report(f"[{label}] countersign {BATCH} through the form", {"request_s": answered})
        report(f"[{label}] workers (2 processes) seal all {BATCH}", {
            "until_last_sealed_s": until_last, "per_pdf_s": until_last / BATCH, "pages_fetched_meanwhile": pages,
            "slowest_page_s": slowest, "valid_under_pdfsig": _valid_under_pdfsig()})
        report(f"[{label}] ZIP of all sealed PDFs", zipped)
        db.session.remove()
    with app.app_context():
        db.engine.dispose()


def run() -> None:
    for noisy in ("weasyprint", "fontTools", "bontang", "huey"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _run_on("SQLite", None)
    pg = _pg_scratch()
    if pg:
        _run_on("PostgreSQL", pg)
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{pg.rsplit("/", 1)[-1]}" WITH (FORCE)'))
