"""MoU benchmark: completing one agreement (render + seal) against bare WeasyPrint + pyHanko on the
same HTML, and countersigning 124 agreements in one batch."""
from __future__ import annotations

import io
import logging
import time

from flask import render_template
from sqlalchemy import func, select
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from weasyprint import HTML

from bench.common import bench_app, count_queries, percentiles, report, time_calls
from bontang.accounts.models import Role
from bontang.config import ROOT
from bontang.extensions import db
from bontang.mou import codes, sealing, services, signing
from bontang.mou.documents import pdf_data, sealed_agreement_pdf
from bontang.mou.evidence import consent_statement
from bontang.mou.models import Document, Party
from bontang.mou.seed import _template
from bontang.mou.text import sha256_text

BATCH = 124


def _signed_agreements(count: int):
    from tests.factories import make_company, make_user

    template = _template()
    official = make_user(Role.OFFICIAL, name="Drs. Suhardi Rahman", position="Kepala Dinas", office="kepala_dinas")
    agreements = []
    for _ in range(count):
        company = make_company()
        rep = make_user(Role.COMPANY_REP, company=company, name="Budi Santoso", position="Direktur")
        agreement = services.invite_company(company, template, actor=None)
        consent = consent_statement()
        signer = signing.SignerInput(rep.name, rep.position, "typed", None, rep.name, consent, sha256_text(consent))
        signing.add_signature(agreement, Party.COMPANY, rep, signer, {}, None)
        signing.move_status(agreement, signing.OPEN_STATUSES, signing.AgreementStatus.SIGNED_BY_COMPANY)
        agreements.append(agreement)
    db.session.commit()
    return official, agreements


def _bare(html: str) -> bytes:
    pdf = HTML(string=html.replace("static:", f"file://{ROOT}/static/")).write_pdf()
    meta = signers.PdfSignatureMetadata(field_name="Seal", subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256")
    return signers.PdfSigner(meta, signer=sealing.load_signer()).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf))).getvalue()


def _interleaved(ours, bare, repeat: int = 11) -> tuple[dict, dict]:
    """Alternate the two pipelines so that machine noise hits both alike."""
    ours(), bare()
    samples = ([], [])
    for _ in range(repeat):
        for fn, into in ((ours, samples[0]), (bare, samples[1])):
            started = time.perf_counter()
            fn()
            into.append(time.perf_counter() - started)
    return percentiles(samples[0]), percentiles(samples[1])


def _index_page(app) -> None:
    from tests.factories import make_user

    staff = make_user(Role.STAFF)
    client = app.test_client()
    client.post("/masuk", data={"email": staff.email, "password": "rahasia-uji-123"})
    with count_queries(db.engine) as queries:
        client.get("/mou")
    report("staff MoU page (124 companies, page of 25)", {"queries": queries[0], **time_calls(
        lambda: client.get("/mou?status=signed_by_company", headers={"HX-Request": "true"}), repeat=20)})


def _countersign(official, agreements) -> tuple[float, int]:
    official.office = official.office or "kepala_dinas"  # officials sign only for their office, after the preview
    for agreement in agreements:
        signing.record_preview(agreement, actor=official)
    code = codes.issue_code(official, signing.countersign_purpose([a.id for a in agreements]), subject="kode",
                            what="bench")
    data = {"name": official.name, "position": official.position, "method": "typed", "typed": official.name,
            "consent": True, "code": code, "ip": "127.0.0.1", "user_agent": "bench"}
    started = time.perf_counter()
    signing.countersign_agreements([a.id for a in agreements], data, actor=official)
    db.session.commit()
    seconds = time.perf_counter() - started
    return seconds, db.session.scalar(select(func.count(Document.id)))


def run() -> None:
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    app = bench_app()
    with app.app_context(), app.test_request_context():
        official, agreements = _signed_agreements(BATCH)
        sample = agreements[0]
        html = render_template("mou/pdf/agreement.html", **pdf_data(sample, preview=False))
        ours, bare = _interleaved(lambda: sealed_agreement_pdf(sample),
                                  lambda: _bare(html))
        report("complete one agreement (data + PDF/A render + PAdES B-LTA certification with stamp)", ours)
        report("bare WeasyPrint + pyHanko, same HTML", bare)
        report("ratio ours / bare (target <= 1.5)", {"ratio": ours["median_ms"] / bare["median_ms"]})
        _index_page(app)
        seconds, _sealed = _countersign(official, agreements)
        report(f"countersign {BATCH} agreements in one call (PDFs queued for workers: see bench_queue)",
               {"seconds": seconds})
