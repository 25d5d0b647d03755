"""Public verification: an agreement's status by its code, and whether an uploaded PDF is the stored one."""
from __future__ import annotations

import hashlib

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from bontang.core import DomainError
from bontang.extensions import db
from bontang.mou.documents import final_versions
from bontang.verify import seal_check
from bontang.mou.models import Agreement, AgreementStatus, Document

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
PUBLIC_STATUS = {
    AgreementStatus.COMPLETED: ("berlaku", _l("Berlaku"), "ok"),
    AgreementStatus.REVOKED: ("dicabut", _l("Dicabut"), "bad"),
    AgreementStatus.DECLINED: ("ditolak", _l("Ditolak perusahaan"), "bad"),
}
WAITING = ("menunggu", _l("Menunggu tanda tangan"), "warn")


def agreement_by_code(code: str) -> Agreement | None:
    """The agreement with this verification code (case-insensitive), with company and signatures."""
    cleaned = "".join(ch for ch in (code or "") if ch.isalnum()).upper()[:32]
    if not cleaned:
        return None
    return db.session.scalar(select(Agreement).where(Agreement.verification_code == cleaned)
                             .options(joinedload(Agreement.company), selectinload(Agreement.signatures)))


INTEGRITY_FAILED = ("rusak", _l("Peringatan integritas"), "bad")


def public_status(agreement: Agreement, document=None) -> tuple[str, str, str]:
    """(key, label, badge) of the status a visitor sees; a stored PDF whose bytes no longer match
    its SHA-256 turns a valid agreement into an integrity warning."""
    if document is not None and not document_intact(document):
        return INTEGRITY_FAILED
    return PUBLIC_STATUS.get(agreement.status, WAITING)


def document_intact(document) -> bool:
    """Whether the stored PDF still has the SHA-256 recorded when it was sealed."""
    data = db.session.scalar(select(Document.bytes).where(Document.id == document.id))
    return hashlib.sha256(data).hexdigest() == document.sha256


def too_large(content_length: int | None) -> bool:
    """Whether a request body is over the upload limit (checked before reading it)."""
    return bool(content_length) and content_length > MAX_UPLOAD_BYTES + 64 * 1024


def too_large_error() -> DomainError:
    return DomainError(_("Berkas terlalu besar (maksimal 10 MB)."), "file")


def check_upload(agreement: Agreement, upload) -> dict:
    """Compare an uploaded PDF with every stored version of the final PDF by SHA-256, and validate its seal."""
    if upload is None or not getattr(upload, "filename", ""):
        raise DomainError(_("Pilih berkas PDF untuk diperiksa."), "file")
    data = upload.stream.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise too_large_error()
    if not data.lstrip()[:1024].startswith(b"%PDF-"):
        raise DomainError(_("Berkas ini bukan PDF."), "file")
    digest = hashlib.sha256(data).hexdigest()
    versions = final_versions(agreement.id)
    stored = any(version.sha256 == digest for version in versions)
    return {"sha256": digest, "size": len(data), "matches": stored, "has_document": bool(versions),
            "seal": seal_check.verdict(seal_check.run_checker(data), stored=stored)}
