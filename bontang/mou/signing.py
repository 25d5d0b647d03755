"""Signing: the company representative signs or declines; each official countersigns, as the holder
of the office their party requires, one or many agreements whose preview they opened."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from bontang import audit
from bontang.accounts.models import Role
from bontang.auth.trust import check_not_held
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.mou import codes, documents
from bontang.mou.evidence import IDENTIFICATION, IDENTIFICATION_PASSKEY, SignerInput, validate_signer
from bontang.mou.models import (OFFICE_OF_PARTY, OPEN_STATUSES, Agreement, AgreementStatus, AgreementView, Party,
                                Signature)

OFFICE_TITLES = {"kepala_dinas": "Kepala Dinas Ketenagakerjaan", "wakil_wali_kota": "Wakil Wali Kota",
                 "wali_kota": "Wali Kota"}
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
    check_not_held(actor)


def request_company_code(agreement: Agreement, *, actor) -> None:
    """E-mail a signing code to the representative (who has the text in front of them: viewed, if not yet)."""
    check_can_sign(agreement, actor)
    from bontang.mou.services import mark_viewed

    mark_viewed(agreement, actor=actor)
    codes.issue_code(actor, company_purpose(agreement), subject=_l("Kode tanda tangan MoU"),
                     what=_l("menandatangani MoU nomor %(number)s", number=agreement.number))


def countersign_purpose(agreement_ids: list[int]) -> str:
    """A countersigning code is good for exactly the selection it was requested for."""
    digest = hashlib.sha256(",".join(map(str, sorted(set(agreement_ids)))).encode()).hexdigest()[:24]
    return f"countersign:{digest}"


def numbers_of(agreements: list[Agreement]) -> list[str]:
    return [a.number for a in agreements]


def request_countersign_code(agreement_ids: list[int], *, actor) -> list[Agreement]:
    """E-mail the official a code for the selected agreements; the e-mail names them. Returns them."""
    check_official(actor)
    ready, _skipped = _partition(agreement_ids, actor)
    numbers = numbers_of(ready)
    codes.issue_code(actor, countersign_purpose(agreement_ids), subject=_l("Kode tanda tangan MoU (pihak kedua)"),
                     what=_l("menandatangani %(n)d MoU sebagai %(office)s, nomor: %(numbers)s",
                             n=len(numbers), office=_l(OFFICE_TITLES[actor.office]), numbers="; ".join(numbers)))
    return ready


def check_official(actor) -> None:
    """Refuse anyone but an official account that holds an office."""
    if actor.role != Role.OFFICIAL:
        raise DomainError(_("Hanya pejabat yang dapat menandatangani sebagai pihak kedua."))
    if actor.office not in OFFICE_TITLES:
        raise DomainError(_("Jabatan penanda tangan akun Anda belum ditetapkan (Kepala Dinas, Wakil Wali Kota atau "
                            "Wali Kota). Hubungi administrator Disnaker."))
    check_not_held(actor)


def record_preview(agreement: Agreement, *, actor) -> AgreementView:
    """Record that the official opened this agreement's preview (the first time counts as "viewed")."""
    view = viewed(actor, [agreement.id]).get(agreement.id)
    if view is not None:
        return view
    view = AgreementView(agreement_id=agreement.id, user_id=actor.id, viewed_at=utcnow())
    try:
        with db.session.begin_nested():
            db.session.add(view)
    except IntegrityError:  # opened at the same moment in another tab
        return viewed(actor, [agreement.id])[agreement.id]
    audit.record("mou.previewed", agreement, actor=actor)
    return view


def viewed(actor, agreement_ids) -> dict[int, AgreementView]:
    """The official's recorded preview openings of these agreements, by agreement id."""
    rows = db.session.scalars(select(AgreementView).where(AgreementView.user_id == actor.id,
                                                          AgreementView.agreement_id.in_(list(agreement_ids))))
    return {row.agreement_id: row for row in rows}


def identify(actor, purpose: str, data: dict) -> str:
    """Check the signer's second factor for `purpose`: a passkey answer if given, else the e-mailed code."""
    from bontang.passkeys import services as passkeys

    if data.get("passkey"):
        passkeys.verify_passkey(actor, purpose, data["passkey"])
        return IDENTIFICATION_PASSKEY
    codes.consume_code(codes.check_code(actor, purpose, data.get("code", "")))
    return IDENTIFICATION


def passkey_options(actor, purpose: str) -> str:
    from bontang.passkeys import services as passkeys

    return passkeys.assertion_options(actor, purpose)


def add_signature(agreement: Agreement, party: Party, actor, signer: SignerInput, data: dict, viewed_at,
                  identification: str = IDENTIFICATION) -> None:
    signature = Signature(
        agreement_id=agreement.id, party=party, user_id=actor.id, signer_name=signer.name,
        signer_position=signer.position, signer_email=actor.email, signer_role=actor.role.value,
        method=signer.method, image_png=signer.image_png, typed_text=signer.typed_text,
        identification=identification, consent_text=signer.consent_text, consent_sha256=signer.consent_sha256,
        text_sha256=agreement.body_sha256, viewed_at=viewed_at, signed_at=utcnow(),
        credentials_changed_at=actor.credentials_changed_at, credentials_changed_by=actor.credentials_changed_by or "",
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
    signer = validate_signer(data, [agreement.number])
    identification = identify(actor, company_purpose(agreement), data)
    add_signature(agreement, Party.COMPANY, actor, signer, data, agreement.viewed_at or agreement.invited_at,
                  identification)
    move_status(agreement, OPEN_STATUSES, AgreementStatus.SIGNED_BY_COMPANY, company_signed_at=utcnow())
    audit.record("mou.signed_by_company", agreement, actor=actor,
                 details={"signer": signer.name, "method": signer.method, "text_sha256": agreement.body_sha256,
                          "identification": "passkey" if identification == IDENTIFICATION_PASSKEY else "code"})


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
    """Signed by the company, the next party is the office this official holds, not yet signed by them."""
    return (agreement.status == AgreementStatus.SIGNED_BY_COMPANY
            and office_awaits(agreement.next_party(), {s.user_id for s in agreement.signatures}, actor))


def office_awaits(next_party, signer_ids, actor) -> bool:
    """`awaits_official` for an agreement signed by its company, on plain facts: its next party and who signed."""
    return bool(actor.office) and OFFICE_OF_PARTY.get(next_party) == actor.office and actor.id not in signer_ids


def _waits_for_other_office(agreement: Agreement, actor) -> bool:
    office = OFFICE_OF_PARTY.get(agreement.next_party())
    return agreement.status == AgreementStatus.SIGNED_BY_COMPANY and office is not None and office != actor.office


@dataclass
class Countersigned:
    """What one countersigning batch did: signed, completed by it (their PDFs are queued), skipped."""

    signed: list[Agreement]
    completed: list[Agreement]
    skipped: list[str] = field(default_factory=list)


def ready_for(agreement_ids: list[int], actor) -> list[Agreement]:
    """The selected agreements that wait for this official (refusing another office's)."""
    return _partition(agreement_ids, actor)[0]


def _partition(agreement_ids: list[int], actor) -> tuple[list[Agreement], list[str]]:
    """The selected agreements that wait for this official, and the names of those that no longer do."""
    ids = sorted(set(agreement_ids))
    if not ids:
        raise DomainError(_("Pilih minimal satu perjanjian."), "agreements")
    agreements = list(db.session.scalars(select(Agreement).where(Agreement.id.in_(ids))
                                         .options(selectinload(Agreement.company), selectinload(Agreement.signatures))
                                         .order_by(Agreement.id)))
    other_office = [a for a in agreements if _waits_for_other_office(a, actor)]
    if other_office:
        office = OFFICE_OF_PARTY[other_office[0].next_party()]
        raise DomainError(_("Anda tidak memegang jabatan %(office)s yang harus menandatangani perjanjian nomor "
                            "%(numbers)s. Tidak ada yang ditandatangani.", office=_(OFFICE_TITLES[office]),
                            numbers="; ".join(numbers_of(other_office))), "agreements")
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
    check_official(actor)
    ready, skipped = _partition(agreement_ids, actor)
    views = viewed(actor, [a.id for a in ready])
    unviewed = [a for a in ready if a.id not in views]
    if unviewed:
        raise DomainError(_("Buka pratinjau naskah setiap perjanjian sebelum menandatanganinya. Belum dibuka: nomor "
                            "%(numbers)s.", numbers="; ".join(numbers_of(unviewed))), "agreements")
    signer = validate_signer(data, numbers_of(ready))
    data = {**data, "identification": identify(actor, countersign_purpose(agreement_ids), data)}
    completed = [a for a in ready if _countersign_one(a, actor, signer, data, batch=len(ready),
                                                      viewed_at=views[a.id].viewed_at)]
    for agreement in completed:
        documents.queue_seal(agreement)
    return Countersigned(signed=ready, completed=completed, skipped=skipped)


def _countersign_one(agreement: Agreement, actor, signer: SignerInput, data: dict, *, batch: int, viewed_at) -> bool:
    """Add the next official party's signature; True when that completes the agreement."""
    party = agreement.next_party()
    signed = {s.party for s in agreement.signatures} | {party}
    add_signature(agreement, party, actor, signer, data, viewed_at, data["identification"])
    audit.record("mou.countersigned", agreement, actor=actor,
                 details={"signer": signer.name, "party": party.value, "method": signer.method, "batch": batch})
    if any(p not in signed for p in agreement.parties):
        db.session.expire(agreement, ["signatures"])
        return False
    move_status(agreement, (AgreementStatus.SIGNED_BY_COMPANY,), AgreementStatus.COMPLETED, completed_at=utcnow())
    return True
