"""MoU templates, agreements, signatures, one-time signing codes and immutable documents."""
from __future__ import annotations

import base64
import enum
from datetime import date, datetime

from sqlalchemy import (JSON, Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bontang.accounts.models import Company, User
from bontang.core import TimestampMixin, str_enum, utcnow
from bontang.extensions import db


class AgreementStatus(str, enum.Enum):
    DRAFT = "draft"
    INVITED = "invited"
    VIEWED = "viewed"
    SIGNED_BY_COMPANY = "signed_by_company"
    COMPLETED = "completed"
    DECLINED = "declined"
    REVOKED = "revoked"


OPEN_STATUSES = (AgreementStatus.INVITED, AgreementStatus.VIEWED)
CLOSED_STATUSES = (AgreementStatus.DECLINED, AgreementStatus.REVOKED)


class Party(str, enum.Enum):
    COMPANY = "company"
    OFFICIAL = "official"
    VICE_MAYOR = "vice_mayor"
    MAYOR = "mayor"


# Template signatory roles -> signature parties, in signing order.
PARTY_OF_ROLE = {"company_rep": Party.COMPANY, "official": Party.OFFICIAL, "vice_mayor": Party.VICE_MAYOR,
                 "mayor": Party.MAYOR}
# The office (accounts.models.Office value) whose holder alone may sign each official party.
OFFICE_OF_PARTY = {Party.OFFICIAL: "kepala_dinas", Party.VICE_MAYOR: "wakil_wali_kota", Party.MAYOR: "wali_kota"}


def parties_of(signatory_roles: list | None) -> list[Party]:
    """A template's signing parties in order (company and official when it names none)."""
    return [PARTY_OF_ROLE[r] for r in (signatory_roles or ["company_rep", "official"]) if r in PARTY_OF_ROLE]


def next_party_of(signatory_roles: list | None, signed: set) -> Party | None:
    """The first of a template's parties, in order, not among `signed`."""
    return next((p for p in parties_of(signatory_roles) if p not in signed), None)


class MouTemplate(TimestampMixin, db.Model):
    __tablename__ = "mou_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    signatory_roles: Mapped[list] = mapped_column(JSON, default=list)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    published: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)


class Agreement(TimestampMixin, db.Model):
    __tablename__ = "agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("mou_template.id"), index=True)
    number: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[AgreementStatus] = mapped_column(str_enum(AgreementStatus, 20), default=AgreementStatus.DRAFT,
                                                    index=True)
    verification_code: Mapped[str] = mapped_column(String(32), unique=True)
    # The agreement text frozen at invitation: the page, the hash and the PDF all use these bytes.
    body_html: Mapped[str] = mapped_column(Text, default="")
    body_sha256: Mapped[str] = mapped_column(String(64), default="")
    invited_at: Mapped[datetime | None] = mapped_column(DateTime)
    invitation_expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    viewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    company_signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    declined_at: Mapped[datetime | None] = mapped_column(DateTime)
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoke_reason: Mapped[str] = mapped_column(Text, default="")
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime)
    reminder_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Sealing of the final PDF by a worker: when it was queued and started, failed attempts so
    # far, the last failure's reason and when the next try is due.
    seal_queued_at: Mapped[datetime | None] = mapped_column(DateTime)
    seal_started_at: Mapped[datetime | None] = mapped_column(DateTime)
    seal_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    seal_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    seal_retry_at: Mapped[datetime | None] = mapped_column(DateTime)

    company: Mapped[Company] = relationship()
    template: Mapped[MouTemplate] = relationship()
    signatures: Mapped[list["Signature"]] = relationship(back_populates="agreement", order_by="Signature.id")
    documents: Mapped[list["Document"]] = relationship(back_populates="agreement", order_by="Document.id")

    def signature_of(self, party: Party) -> "Signature | None":
        return next((s for s in self.signatures if s.party == party), None)

    @property
    def parties(self) -> list[Party]:
        """Signing parties in order, from the template (company, official, optionally the vice mayor)."""
        return parties_of(self.template.signatory_roles)

    def next_party(self) -> Party | None:
        """The first party in order that has not signed yet."""
        return next_party_of(self.template.signatory_roles, {s.party for s in self.signatures})

    @property
    def final_document(self) -> "Document | None":
        return next((d for d in self.documents if d.kind == "final"), None)


class Signature(db.Model):
    """One party's signature with the evidence that identifies the signer and their consent."""

    __tablename__ = "signature"
    __table_args__ = (UniqueConstraint("agreement_id", "party", name="uq_signature_agreement_party"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id"), index=True)
    party: Mapped[Party] = mapped_column(str_enum(Party, 20))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    signer_name: Mapped[str] = mapped_column(String(120))
    signer_position: Mapped[str] = mapped_column(String(120))
    signer_email: Mapped[str] = mapped_column(String(254))
    signer_role: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(10))
    image_png: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    typed_text: Mapped[str] = mapped_column(String(80), default="")
    identification: Mapped[str] = mapped_column(String(120))
    consent_text: Mapped[str] = mapped_column(Text)
    consent_sha256: Mapped[str] = mapped_column(String(64))
    text_sha256: Mapped[str] = mapped_column(String(64))
    viewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    ip: Mapped[str] = mapped_column(String(45), default="")
    user_agent: Mapped[str] = mapped_column(Text, default="")
    # The signer's last credential change made by someone else, as it stood when they signed.
    credentials_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    credentials_changed_by: Mapped[str] = mapped_column(String(300), default="", server_default="")

    agreement: Mapped[Agreement] = relationship(back_populates="signatures")
    user: Mapped[User] = relationship()

    @property
    def image_data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.image_png).decode() if self.image_png else ""


class SigningCode(db.Model):
    """A 6-digit one-time code sent by e-mail; only its keyed hash is stored."""

    __tablename__ = "signing_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(40), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class Document(db.Model):
    """Immutable bytes of a generated PDF with their SHA-256; never updated."""

    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("agreement_id", "kind", name="uq_document_agreement_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    bytes: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    agreement: Mapped[Agreement] = relationship(back_populates="documents")


class AgreementView(db.Model):
    """When an official first opened one agreement's preview: the "viewed" evidence of their signature."""

    __tablename__ = "agreement_view"
    __table_args__ = (UniqueConstraint("agreement_id", "user_id", name="uq_agreement_view_agreement_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    viewed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
