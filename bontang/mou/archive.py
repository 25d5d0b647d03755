"""The ZIP of every sealed MoU PDF, with a manifest of hashes and the list of what is still pending."""
from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from typing import BinaryIO, Callable

from sqlalchemy import func, select

from bontang.accounts.models import Company
from bontang.extensions import db
from bontang.mou.documents import FINAL, current_final_ids, pdf_name
from bontang.mou.models import Agreement, AgreementStatus, Document

MANIFEST = "MANIFEST.csv"
PENDING = "BELUM-DISEGEL.txt"
REFUSED = "TIDAK-DISERTAKAN.txt"


def archive_inputs() -> dict:
    """What the archive would hold now: sealed documents (count, newest id) and pending agreements."""
    count, newest = db.session.execute(
        select(func.count(Document.id), func.max(Document.id)).join(Agreement, Agreement.id == Document.agreement_id)
        .where(Document.kind == FINAL, Agreement.status == AgreementStatus.COMPLETED)).one()
    return {"documents": count, "newest_document": newest or 0, "pending": len(_pending_rows())}


def _pending_rows() -> list[tuple[str, str]]:
    sealed = select(Document.agreement_id).where(Document.kind == FINAL)
    return list(db.session.execute(
        select(Agreement.number, Company.name).join(Company, Company.id == Agreement.company_id)
        .where(Agreement.status == AgreementStatus.COMPLETED, Agreement.id.not_in(sealed)).order_by(Agreement.id)))


def write_archive(out: BinaryIO, progress: Callable[[int], None] = lambda done: None) -> dict:
    """Write the ZIP to `out`: each sealed PDF whose bytes still match their SHA-256, MANIFEST.csv
    (number, company, file, SHA-256, size), and text files naming pending and refused agreements."""
    rows = db.session.execute(
        select(Document.id, Document.sha256, Agreement.number, Company.name)
        .join(Agreement, Agreement.id == Document.agreement_id).join(Company, Company.id == Agreement.company_id)
        .where(Document.id.in_(current_final_ids()), Agreement.status == AgreementStatus.COMPLETED)
        .order_by(Agreement.id)).all()
    manifest = io.StringIO()
    writer = csv.writer(manifest)
    writer.writerow(["nomor", "perusahaan", "berkas", "sha256", "ukuran_byte"])
    refused: list[str] = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for done, (document_id, sha256, number, company) in enumerate(rows, start=1):
            # One document's bytes at a time keeps memory flat however many PDFs there are.
            data = db.session.scalar(select(Document.bytes).where(Document.id == document_id))
            if hashlib.sha256(data).hexdigest() != sha256:
                refused.append(f"{number} ({company})")
            else:
                name = pdf_name(number)
                archive.writestr(name, data)
                writer.writerow([number, company, name, sha256, len(data)])
            progress(done)
        pending = _pending_rows()
        archive.writestr(MANIFEST, "\ufeff" + manifest.getvalue())
        if pending:
            archive.writestr(PENDING, "PDF final yang masih disegel (belum disertakan):\n"
                             + "\n".join(f"{number} ({company})" for number, company in pending) + "\n")
        if refused:
            archive.writestr(REFUSED, "Berkas gagal pemeriksaan hash:\n" + "\n".join(refused) + "\n")
    return {"files": len(rows) - len(refused), "pending": len(pending), "refused": refused}
