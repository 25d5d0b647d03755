"""Signing: the company representative signs or declines; the official countersigns one or many."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from bontang import audit
from bontang.accounts.models import Role
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.mou import codes, documents
from bontang.mou.evidence import IDENTIFICATION, SignerInput, validate_signer
from bontang.mou.models import OPEN_STATUSES, Agreement, AgreementStatus, Party, Signature

COUNTERSIGN_PURPOSE = "countersign"
REFUSALS = {
    AgreementStatus.DRAFT: "Perjanjian ini belum dikirim untuk ditandatangani.",
    AgreementStatus.SIGNED_BY_COMPANY: "Perjanjian ini sudah ditandatangani.",
    AgreementStatus.COMPLETED: "Perjanjian ini sudah ditandatangani.",
    AgreementStatus.DECLINED: "Perjanjian ini sudah ditolak dan tidak dapat ditandatangani.",
    AgreementStatus.REVOKED: "Perjanjian ini sudah dicabut dan tidak dapat ditandatangani.",
}


def company_purpose(agreement: Agreement) -> str:
    return f"sign:{agreement.id}"


def check_can_sign(agreement: Agreement, actor) -> None:
    """Refuse unless `actor` is this company's representative and the invitation is open."""
    if actor.role != Role.COMPANY_REP or actor.company_id != agreement.company_id:
        raise DomainError(_("Hanya wakil perusahaan ini yang dapat menandatangani."))
    if agreement.status not in OPEN_STATUSES:
        raise DomainError(_(REFUSALS[agreement.status]))
    if agreement.invitation_expires_at and agreement.invitation_expires_at < utcnow():
        raise DomainError(_("Undangan sudah kedaluwarsa. Hubungi Disnaker untuk pengingat baru."))


def request_company_code(agreement: Agreement, *, actor) -> None:
    """E-mail a signing code to the representative."""
    check_can_sign(agreement, actor)
    codes.issue_code(actor, company_purpose(agreement), subject=_l("Kode tanda tangan MoU"),
                     what=_l("menandatangani MoU nomor %(number)s", number=agreement.number))


def request_countersign_code(*, actor) -> None:
    """E-mail a countersigning code to the official."""
    if actor.role != Role.OFFICIAL:
        raise DomainError(_("Hanya pejabat yang dapat menandatangani sebagai pihak kedua."))
    codes.issue_code(actor, COUNTERSIGN_PURPOSE, subject=_l("Kode tanda tangan MoU (pihak kedua)"),
                     what=_l("menandatangani MoU sebagai pihak kedua"))


def add_signature(agreement: Agreement, party: Party, actor, signer: SignerInput, data: dict, viewed_at) -> None:
    signature = Signature(
        agreement_id=agreement.id, party=party, user_id=actor.id, signer_name=signer.name,
        signer_position=signer.position, signer_email=actor.email, signer_role=actor.role.value,
        method=signer.method, image_png=signer.image_png, typed_text=signer.typed_text,
        identification=IDENTIFICATION, consent_text=signer.consent_text, consent_sha256=signer.consent_sha256,
        text_sha256=agreement.body_sha256, viewed_at=viewed_at, signed_at=utcnow(),
        ip=(data.get("ip") or "")[:45], user_agent=(data.get("user_agent") or "")[:500])
    try:
        with db.session.begin_nested():
            db.session.add(signature)
    except IntegrityError as error:
        raise DomainError(_("Perjanjian ini sudah ditandatangani.")) from error


def move_status(agreement: Agreement, from_statuses, to_status: AgreementStatus, **values) -> None:
    moved = db.session.execute(update(Agreement).where(Agreement.id == agreement.id,
                                                       Agreement.status.in_(from_statuses))
                               .values(status=to_status, **values).execution_options(synchronize_session=False))
    if moved.rowcount != 1:
        raise DomainError(_("Perjanjian ini sudah ditandatangani atau statusnya berubah. Muat ulang halaman."))
    db.session.refresh(agreement)


def sign_agreement(agreement: Agreement, data: dict, *, actor) -> None:
    """The representative signs with identity, consent and a valid emailed code."""
    check_can_sign(agreement, actor)
    signer = validate_signer(data)
    codes.consume_code(codes.check_code(actor, company_purpose(agreement), data.get("code", "")))
    add_signature(agreement, Party.COMPANY, actor, signer, data, agreement.viewed_at or agreement.invited_at)
    move_status(agreement, OPEN_STATUSES, AgreementStatus.SIGNED_BY_COMPANY, company_signed_at=utcnow())
    audit.record("mou.signed_by_company", agreement, actor=actor,
                 details={"signer": signer.name, "method": signer.method, "text_sha256": agreement.body_sha256})


def decline_agreement(agreement: Agreement, reason: str, *, actor) -> None:
    """The representative declines with a reason; nothing can be signed afterwards."""
    check_can_sign(agreement, actor)
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(_("Tuliskan alasan penolakan."), "reason")
    if len(reason) > 1000:
        raise DomainError(_("Maksimal %(n)d karakter.", n=1000), "reason")
    move_status(agreement, OPEN_STATUSES, AgreementStatus.DECLINED, declined_at=utcnow(), decline_reason=reason)
    audit.record("mou.declined", agreement, details={"reason": reason}, actor=actor)


def awaits_official(agreement: Agreement, actor) -> bool:
    """Signed by the company, an official party still missing, and not yet signed by this official."""
    return (agreement.status == AgreementStatus.SIGNED_BY_COMPANY
            and agreement.next_party() in (Party.OFFICIAL, Party.VICE_MAYOR) and not agreement.signed_by(actor.id))


@dataclass
class Countersigned:
    """What one countersigning batch did: signed, completed by it (their PDFs are queued), skipped."""

    signed: list[Agreement]
    completed: list[Agreement]
    skipped: list[str] = field(default_factory=list)


def _partition(agreement_ids: list[int], actor) -> tuple[list[Agreement], list[str]]:
    """The selected agreements that wait for this official, and the names of those that no longer do."""
    ids = sorted(set(agreement_ids))
    if not ids:
        raise DomainError(_("Pilih minimal satu perjanjian."), "agreements")
    agreements = list(db.session.scalars(select(Agreement).where(Agreement.id.in_(ids))
                                         .options(selectinload(Agreement.company), selectinload(Agreement.signatures))
                                         .order_by(Agreement.id)))
    ready = [a for a in agreements if awaits_official(a, actor)]
    skipped = [f"{a.company.name} ({_(REFUSALS.get(a.status, REFUSALS[AgreementStatus.COMPLETED]))})"
               for a in agreements if a not in ready]
    skipped += [_("perjanjian tidak dikenal (%(n)d)", n=len(ids) - len(agreements))] if len(agreements) < len(ids) else []
    if not ready:
        raise DomainError(_("Belum siap ditandatangani pihak kedua (perusahaan belum menandatangani, atau sudah "
                            "selesai): %(names)s.", names=", ".join(skipped)), "agreements")
    return ready, skipped


def countersign_agreements(agreement_ids: list[int], data: dict, *, actor) -> Countersigned:
    """The official countersigns, with one code, the selected agreements that wait for them.

    Agreements completed, declined or revoked meanwhile are skipped and named, untouched. Each
    agreement this completes gets a sealing job, run by a worker after the commit.
    """
    if actor.role != Role.OFFICIAL:
        raise DomainError(_("Hanya pejabat yang dapat menandatangani sebagai pihak kedua."))
    ready, skipped = _partition(agreement_ids, actor)
    signer = validate_signer(data)
    codes.consume_code(codes.check_code(actor, COUNTERSIGN_PURPOSE, data.get("code", "")))
    completed = [a for a in ready if _countersign_one(a, actor, signer, data, batch=len(ready))]
    for agreement in completed:
        documents.queue_seal(agreement)
    return Countersigned(signed=ready, completed=completed, skipped=skipped)


def _countersign_one(agreement: Agreement, actor, signer: SignerInput, data: dict, *, batch: int) -> bool:
    """Add the next official party's signature; True when that completes the agreement."""
    party = agreement.next_party()
    signed = {s.party for s in agreement.signatures} | {party}
    add_signature(agreement, party, actor, signer, data, data.get("viewed_at"))
    audit.record("mou.countersigned", agreement, actor=actor,
                 details={"signer": signer.name, "party": party.value, "method": signer.method, "batch": batch})
    if any(p not in signed for p in agreement.parties):
        db.session.expire(agreement, ["signatures"])
        return False
    move_status(agreement, (AgreementStatus.SIGNED_BY_COMPANY,), AgreementStatus.COMPLETED, completed_at=utcnow())
    return True
