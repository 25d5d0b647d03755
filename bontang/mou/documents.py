"""Agreement PDFs: plain data -> HTML -> WeasyPrint (sandboxed) -> PAdES seal -> immutable Document.

Sealing runs in a worker (bontang.tasks.jobs.seal_agreement); pages only read what it stored.
"""
from __future__ import annotations

import base64
import hashlib
from datetime import timedelta

import segno
from flask import current_app, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update

from bontang import audit
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.mail import queue_mail
from bontang.mou import anchor, sealing
from bontang.mou.models import Agreement, AgreementStatus, Document, Party, Signature
from bontang.mou.services import absolute_url, representatives
from bontang.pdf import render_pdf, render_pdf_with_box
from bontang.tasks.queue import defer
from bontang.templating import role_label, wita

FINAL = "final"
VERSION_SEPARATOR = "-r"
PARTY_LABELS = {Party.COMPANY: "PIHAK PERTAMA", Party.OFFICIAL: "PIHAK KEDUA",
                Party.VICE_MAYOR: "MENGETAHUI, WAKIL WALI KOTA", Party.MAYOR: "MENGETAHUI, WALI KOTA"}
PASAL_11 = [
    ("a", "data pembuatan tanda tangan elektronik terkait hanya kepada penanda tangan",
     "Setiap kode sekali pakai dibuat untuk satu akun dan satu tujuan, dikirim hanya ke e-mail akun penanda "
     "tangan, dan disimpan hanya sebagai hash berkunci; passkey (WebAuthn) terdaftar pada satu akun dan kunci "
     "privatnya tidak pernah meninggalkan perangkat penanda tangan."),
    ("b", "data pembuatan tanda tangan elektronik saat penandatanganan hanya berada dalam kuasa penanda tangan",
     "Kode berlaku 10 menit, sekali pakai, paling banyak 5 percobaan, dan hanya dapat dimasukkan dalam sesi akun "
     "yang telah masuk dengan kata sandi milik penanda tangan. Bila e-mail, kata sandi atau status akun diubah "
     "oleh pihak lain, alamat lama diberi tahu dan penandatanganan ditahan selama masa tenggang, kecuali "
     "dikonfirmasi dengan passkey yang didaftarkan sebelum perubahan."),
    ("c", "segala perubahan terhadap tanda tangan elektronik setelah penandatanganan dapat diketahui",
     "Dokumen ini disegel dengan tanda tangan PAdES (ETSI.CAdES.detached) oleh sertifikat Disnaker yang mencakup "
     "seluruh berkas; perubahan sekecil apa pun membuat segel tidak valid."),
    ("d", "segala perubahan terhadap informasi elektronik terkait setelah penandatanganan dapat diketahui",
     "Hash SHA-256 teks perjanjian dicatat pada setiap tanda tangan, dan hash SHA-256 berkas PDF final disimpan "
     "serta dapat dicocokkan siapa saja pada alamat verifikasi."),
    ("e", "terdapat cara tertentu untuk mengidentifikasi siapa penanda tangannya",
     "Penanda tangan diidentifikasi melalui akun portal yang terdaftar atas namanya dan kode yang dikirim ke "
     "e-mail akun; alamat IP, perangkat dan waktu dicatat dalam log audit berantai hash."),
    ("f", "terdapat cara tertentu untuk menunjukkan persetujuan penanda tangan",
     "Setiap penanda tangan mencentang pernyataan persetujuan (teks dan hash-nya tercatat) sebelum menandatangani."),
]


def _image_uri(png: bytes | None) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode() if png else ""


def _party(signature: Signature) -> dict:
    return {"label": PARTY_LABELS[signature.party], "name": signature.signer_name,
            "position": signature.signer_position, "email": signature.signer_email,
            "role": role_label(signature.signer_role),
            "method": "digambar" if signature.method == "drawn" else "diketik", "image": _image_uri(signature.image_png),
            "typed": signature.typed_text, "identification": signature.identification,
            "consent": signature.consent_text, "consent_sha256": signature.consent_sha256,
            "text_sha256": signature.text_sha256, "ip": signature.ip or "-", "device": signature.user_agent or "-",
            "viewed": wita(signature.viewed_at) or "-", "signed": wita(signature.signed_at),
            "credentials": (f"{wita(signature.credentials_changed_at)}, {signature.credentials_changed_by}"
                            if signature.credentials_changed_at else
                            "tidak pernah diubah pihak lain sejak akun diaktifkan")}


def pdf_data(agreement: Agreement, *, preview: bool) -> dict:
    """Everything the PDF template needs, as plain data."""
    signatures = db.session.scalars(select(Signature).where(Signature.agreement_id == agreement.id)
                                    .order_by(Signature.id)).all()
    url = absolute_url("verify.detail", code=agreement.verification_code)
    company, template = agreement.company, agreement.template
    return {
        "title": template.title, "number": agreement.number, "company": company.name,
        "address": company.address, "body_html": agreement.body_html, "body_sha256": agreement.body_sha256,
        "parties": [_party(s) for s in signatures], "verify_url": url,
        "missing": [PARTY_LABELS[p] for p in agreement.parties if p not in {s.party for s in signatures}],
        "qr_uri": segno.make(url, error="m").png_data_uri(scale=3, border=1),
        "preview": preview, "generated": wita(utcnow()), "city": current_app.config["CITY_NAME"],
        "valid": f"{template.valid_from:%Y}–{template.valid_until:%Y}", "pasal_11": PASAL_11,
        "dev_certificate": sealing.is_development_certificate(),
        "anchor": _anchor(preview),
    }


def _anchor(preview: bool) -> dict | None:
    """The audit chain's head now, printed on (and written into) the final PDF."""
    if preview:
        return None
    seq, digest = audit.chain_head()
    return {"seq": seq, "hash": digest, "keyword": anchor.keyword(seq, digest)}


def render_agreement_pdf(agreement: Agreement, *, preview: bool) -> bytes:
    """The agreement as PDF/A bytes (unsealed)."""
    return render_pdf(render_template("mou/pdf/agreement.html", **pdf_data(agreement, preview=preview)))


def sealed_agreement_pdf(agreement: Agreement) -> bytes:
    """The final PDF/A, certified by Disnaker's seal whose stamp fills the box the template reserves."""
    data = pdf_data(agreement, preview=False)
    pdf, page, box = render_pdf_with_box(render_template("mou/pdf/agreement.html", **data), sealing.STAMP_ANCHOR,
                                         sealing.STAMP_SIZE_PX)
    return sealing.seal_pdf(pdf, page=page, box=box, verify_url=data["verify_url"])


def finalise_agreement(agreement: Agreement, *, actor) -> Document:
    """Render and seal the final PDF, store it with its SHA-256, tell the company."""
    if agreement.status != AgreementStatus.COMPLETED:
        raise DomainError(_("Perjanjian belum ditandatangani semua pihak."))
    sealed = sealed_agreement_pdf(agreement)
    document = Document(agreement_id=agreement.id, kind=FINAL, bytes=sealed,
                        sha256=hashlib.sha256(sealed).hexdigest(), created_at=utcnow())
    db.session.add(document)
    db.session.flush()
    audit.record("mou.document_sealed", agreement, actor=actor,
                 details={"sha256": document.sha256, "attempt": agreement.seal_attempts + 1})
    link = absolute_url("mou.my_agreement")
    for rep in representatives(agreement.company_id):
        queue_mail(rep.email, _l("MoU kemitraan telah lengkap ditandatangani"), "mou_completed", kind="mou_completed",
                   user=rep, name=rep.name, number=agreement.number, link=link,
                   verify=absolute_url("verify.detail", code=agreement.verification_code))
    return document


def is_final_kind(kind):
    """SQL: whether a Document kind is the final PDF ("final") or a re-timestamped version of it ("final-r2", ...)."""
    return or_(kind == FINAL, kind.like(FINAL + VERSION_SEPARATOR + "%"))


def final_document(agreement_id: int) -> Document | None:
    """The newest version of the sealed final PDF (versions only ever add document timestamps)."""
    return db.session.scalar(select(Document).where(Document.agreement_id == agreement_id,
                                                    is_final_kind(Document.kind)).order_by(Document.id.desc()).limit(1))


def final_versions(agreement_id: int) -> list[Document]:
    """Every stored version of the final PDF, oldest first."""
    return list(db.session.scalars(select(Document).where(Document.agreement_id == agreement_id,
                                                          is_final_kind(Document.kind)).order_by(Document.id)))


def current_final_ids():
    """A subquery: the id of each agreement's newest final PDF version."""
    return select(func.max(Document.id)).where(is_final_kind(Document.kind)).group_by(Document.agreement_id)


def queue_seal(agreement: Agreement) -> None:
    """Ask a worker to seal the final PDF once this transaction commits."""
    agreement.seal_queued_at = utcnow()
    agreement.seal_error = ""
    agreement.seal_retry_at = None
    defer("seal_agreement", agreement.id)


def seal_agreement(agreement_id: int) -> str:
    """Seal one completed agreement's final PDF exactly once; returns what happened.

    The UPDATE first takes the agreement's row lock (PostgreSQL) or the database's write lock
    (SQLite) until the job commits, so two workers given the same agreement never both seal:
    the second waits, then finds the document.
    """
    claimed = db.session.execute(update(Agreement).where(Agreement.id == agreement_id)
                                 .values(seal_started_at=utcnow()).execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        return "missing"
    agreement = db.session.get(Agreement, agreement_id, populate_existing=True)
    if final_document(agreement_id) is not None:
        return "already_sealed"
    if agreement.status != AgreementStatus.COMPLETED:
        from bontang.mou.queries import STATUS_LABELS

        agreement.seal_error = _("Tidak disegel: status perjanjian kini %(status)s.",
                                 status=str(STATUS_LABELS.get(agreement.status, agreement.status.value)))
        audit.record("mou.seal_skipped", agreement, details={"status": agreement.status.value})
        return "skipped"
    finalise_agreement(agreement, actor=None)
    agreement.seal_error, agreement.seal_retry_at = "", None
    return "sealed"


def record_seal_failure(agreement_id: int, error: Exception, retry_in: float | None) -> None:
    """Keep why sealing failed and when it is tried again, for the progress page."""
    agreement = db.session.get(Agreement, agreement_id)
    if agreement is None:
        return
    agreement.seal_attempts += 1
    agreement.seal_error = seal_error_message(error)[:500]
    agreement.seal_retry_at = utcnow() + timedelta(seconds=retry_in) if retry_in is not None else None
    audit.record("mou.seal_failed", agreement, details={"attempt": agreement.seal_attempts,
                                                        "error": agreement.seal_error,
                                                        "retry_in_seconds": retry_in})


def seal_error_message(error: Exception) -> str:
    """A reason a staff member can act on (the technical detail follows)."""
    detail = f"{type(error).__name__}: {error}"
    if isinstance(error, (OSError, TimeoutError)) or "tsa" in detail.lower() or "timestamp" in detail.lower():
        return _("Layanan cap waktu (TSA) atau jaringan tidak dapat dihubungi (%(detail)s).", detail=detail)
    return _("Penyegelan gagal (%(detail)s).", detail=detail)


def pending_agreements() -> list[Agreement]:
    """Completed agreements whose final PDF has not been sealed yet."""
    sealed = select(Document.agreement_id).where(Document.kind == FINAL)
    return list(db.session.scalars(select(Agreement).where(Agreement.status == AgreementStatus.COMPLETED,
                                                           Agreement.id.not_in(sealed)).order_by(Agreement.id)))


def requeue_pending(*, stale_after: timedelta | None = None, max_attempts: int | None = None) -> int:
    """Queue sealing again for pending agreements whose job was lost (a killed worker, a broker outage).

    `stale_after` leaves alone agreements queued or retried more recently than that; agreements
    that used up `max_attempts` wait for someone to press "Coba lagi".
    """
    now = utcnow()
    count = 0
    for agreement in pending_agreements():
        if max_attempts is not None and agreement.seal_attempts >= max_attempts:
            continue
        if stale_after is not None:
            last = max(filter(None, [agreement.seal_queued_at, agreement.seal_retry_at]), default=None)
            if last is not None and last > now - stale_after:
                continue
        queue_seal(agreement)
        count += 1
    return count


def retry_seals(agreement_ids: list[int]) -> int:
    """Start sealing again, from attempt one, for the given pending agreements."""
    pending = [a for a in pending_agreements() if a.id in set(agreement_ids)]
    for agreement in pending:
        agreement.seal_attempts = 0
        queue_seal(agreement)
    return len(pending)


def checked_bytes(document: Document) -> bytes:
    """The stored bytes, refused when they no longer match their SHA-256."""
    data = document.bytes
    if hashlib.sha256(data).hexdigest() != document.sha256:
        current_app.logger.error("Document %s failed its SHA-256 check", document.id)
        raise DomainError(_("Berkas PDF ini tidak lolos pemeriksaan integritas (hash tidak cocok) dan tidak "
                            "diunduh. Hubungi administrator."))
    return data


def pdf_name(number: str) -> str:
    return f"MoU-{number.replace('/', '-')}.pdf"


def pdf_filename(agreement: Agreement) -> str:
    return pdf_name(agreement.number)
