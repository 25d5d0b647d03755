"""Agreement lifecycle for Disnaker: invite, remind, mark viewed, revoke."""
from __future__ import annotations

import secrets
from datetime import timedelta

from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, select, update

from bontang import audit
from bontang.accounts.models import Company, Role, User
from bontang.core import DomainError, in_wita, utcnow
from bontang.extensions import db
from bontang.inputs import clean_text
from bontang.mail import queue_mail
from bontang.mou import text
from bontang.mou.models import CLOSED_STATUSES, OPEN_STATUSES, Agreement, AgreementStatus, MouTemplate


def absolute_url(endpoint: str, **values) -> str:
    """BASE_URL plus the endpoint's path; works inside and outside requests."""
    if has_request_context():
        path = url_for(endpoint, **values)
    else:
        path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["BASE_URL"] + path


def current_template(*options) -> MouTemplate | None:
    """The newest published template; `options` narrow what is loaded (the progress page needs no body)."""
    return db.session.scalar(select(MouTemplate).where(MouTemplate.published.is_(True))
                             .order_by(MouTemplate.version.desc()).limit(1).options(*options))


def representatives(company_id: int) -> list[User]:
    """Active company representatives of one company."""
    return list(db.session.scalars(select(User).where(User.company_id == company_id, User.role == Role.COMPANY_REP,
                                                      User.active.is_(True)).order_by(User.id)))


def live_agreement(company_id: int) -> Agreement | None:
    """The company's newest agreement that is not declined or revoked."""
    return db.session.scalar(select(Agreement).where(Agreement.company_id == company_id,
                                                     Agreement.status.not_in(CLOSED_STATUSES))
                             .order_by(Agreement.id.desc()).limit(1))


def has_live_agreement(company_id: int) -> bool:
    """Whether the company has an agreement that is not declined or revoked (`live_agreement` is not None)."""
    return bool(db.session.scalar(select(exists().where(Agreement.company_id == company_id,
                                                        Agreement.status.not_in(CLOSED_STATUSES)))))


def uninvited_company_ids() -> list[int]:
    """Active companies never invited. Companies that declined or whose agreement was revoked are
    left out: inviting one of them again is a choice made for that company."""
    invited = select(Agreement.company_id)
    return list(db.session.scalars(select(Company.id).where(Company.active.is_(True), Company.id.not_in(invited))
                                   .order_by(Company.id)))


def invitable_company_ids(company_ids: list[int]) -> list[int]:
    """Of the given active companies, those never invited. A company that declined or whose agreement
    was revoked is invited again only through `reinvite_company`, with a reason."""
    invited = select(Agreement.company_id)
    return list(db.session.scalars(select(Company.id).where(Company.active.is_(True), Company.id.in_(company_ids),
                                                            Company.id.not_in(invited)).order_by(Company.id)))


def reinvite_company(agreement: Agreement, reason: str, *, actor) -> Agreement:
    """Invite a company again after its agreement was declined or revoked; the reason is audited."""
    reason = clean_text(reason, max_length=1000, field="reason", required_message=_("Tuliskan alasan mengundang ulang."))
    if agreement.status not in CLOSED_STATUSES:
        raise DomainError(_("Hanya perusahaan yang menolak atau perjanjiannya dicabut yang dapat diundang ulang."))
    newest = db.session.scalar(select(func.max(Agreement.id)).where(Agreement.company_id == agreement.company_id))
    if newest != agreement.id or not agreement.company.active:
        raise DomainError(_("%(name)s sudah diundang ulang atau tidak aktif.", name=agreement.company.name))
    template = current_template()
    if template is None:
        raise DomainError(_("Belum ada templat MoU yang diterbitkan."))
    fresh = invite_company(agreement.company, template, actor=actor)
    audit.record("mou.reinvited", agreement, actor=actor,
                 details={"reason": reason, "previous_status": agreement.status.value, "new_number": fresh.number,
                          "new_agreement_id": fresh.id})
    return fresh


def _number(agreement: Agreement, when) -> str:
    local = in_wita(when)  # the month and year of the letter number are Bontang's
    return f"560/{agreement.id:04d}/MoU-Disnaker/{local:%m}/{local:%Y}"


def _freeze_text(agreement: Agreement, company: Company, template: MouTemplate, now) -> None:
    reps = representatives(company.id)
    values = text.placeholder_values(company, reps[0] if reps else None, agreement.number, in_wita(now).date())
    agreement.body_html = text.fill(template.body, values)
    agreement.body_sha256 = text.sha256_text(agreement.body_html)


def invite_company(company: Company, template: MouTemplate, *, actor) -> Agreement:
    """Create and send one company's invitation (refused when a live agreement exists)."""
    if live_agreement(company.id) is not None:
        raise DomainError(_("%(name)s sudah diundang.", name=company.name))
    now = utcnow()
    agreement = Agreement(company_id=company.id, template_id=template.id, status=AgreementStatus.INVITED,
                          verification_code=secrets.token_hex(8).upper(), invited_at=now,
                          invitation_expires_at=now + timedelta(days=current_app.config.get("MOU_INVITATION_DAYS", 30)))
    db.session.add(agreement)
    db.session.flush()
    agreement.number = _number(agreement, now)
    _freeze_text(agreement, company, template, now)
    sent = _mail_representatives(agreement, company, "mou_invitation", _l("Undangan penandatanganan MoU kemitraan"))
    audit.record("mou.invited", agreement, details={"number": agreement.number, "recipients": sent}, actor=actor)
    return agreement


def invite_companies(company_ids: list[int], *, actor) -> list[Agreement]:
    """Invite several companies to sign the current template; companies already invited are skipped."""
    template = current_template()
    if template is None:
        raise DomainError(_("Belum ada templat MoU yang diterbitkan."))
    wanted = set(invitable_company_ids(company_ids))
    if not wanted:
        raise DomainError(_("Tidak ada perusahaan yang perlu diundang."))
    companies = db.session.scalars(select(Company).where(Company.id.in_(wanted)).order_by(Company.id))
    return [invite_company(company, template, actor=actor) for company in companies]


def _mail_representatives(agreement: Agreement, company: Company, template: str, subject) -> list[str]:
    link = absolute_url("mou.my_agreement")
    sent = []
    for rep in representatives(company.id):
        queue_mail(rep.email, subject, template, kind=template, user=rep, name=rep.name, company=company.name,
                   number=agreement.number, link=link, expires=agreement.invitation_expires_at)
        sent.append(rep.email)
    return sent


def unsigned_agreement_ids() -> list[int]:
    """Open invitations (invited or viewed, not signed)."""
    return list(db.session.scalars(select(Agreement.id).where(Agreement.status.in_(OPEN_STATUSES))
                                   .order_by(Agreement.id)))


def remind_unsigned(*, actor, agreement_ids: list[int] | None = None, now=None) -> int:
    """Remind every invited company that has not signed (or the given ones), at most once a day each;
    extends lapsed invitations."""
    query = select(Agreement).where(Agreement.status.in_(OPEN_STATUSES))
    if agreement_ids is not None:
        query = query.where(Agreement.id.in_(agreement_ids))
    now = now or utcnow()
    agreements = list(db.session.scalars(query.order_by(Agreement.id)))
    if not agreements:
        raise DomainError(_("Tidak ada undangan yang belum ditandatangani."))
    agreements = [a for a in agreements if a.reminded_at is None or a.reminded_at <= now - timedelta(days=1)]
    if not agreements:
        raise DomainError(_("Semua undangan ini sudah diingatkan dalam 24 jam terakhir."))
    days = current_app.config.get("MOU_INVITATION_DAYS", 30)
    for agreement in agreements:
        agreement.reminded_at = now
        agreement.reminder_count += 1
        if agreement.invitation_expires_at is None or agreement.invitation_expires_at < now + timedelta(days=3):
            agreement.invitation_expires_at = now + timedelta(days=days)
        sent = _mail_representatives(agreement, agreement.company, "mou_reminder", _l("Pengingat: MoU kemitraan menunggu tanda tangan"))
        audit.record("mou.reminded", agreement, details={"recipients": sent}, actor=actor)
    db.session.flush()
    return len(agreements)


def mark_viewed(agreement: Agreement, *, actor) -> None:
    """The representative opened the invitation: invited becomes viewed (once)."""
    now = utcnow()
    changed = db.session.execute(update(Agreement).where(Agreement.id == agreement.id,
                                                         Agreement.status == AgreementStatus.INVITED)
                                 .values(status=AgreementStatus.VIEWED, viewed_at=now))
    if changed.rowcount == 1:
        db.session.refresh(agreement)
        audit.record("mou.viewed", agreement, actor=actor)


def revoke_agreement(agreement: Agreement, reason: str, *, actor) -> None:
    """Revoke an agreement with a reason; verification then reports it revoked."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(_("Tuliskan alasan pencabutan."), "reason")
    if len(reason) > 1000:
        raise DomainError(_("Maksimal %(n)d karakter.", n=1000), "reason")
    changed = db.session.execute(update(Agreement).where(Agreement.id == agreement.id,
                                                         Agreement.status.not_in(CLOSED_STATUSES))
                                 .values(status=AgreementStatus.REVOKED, revoked_at=utcnow(), revoke_reason=reason))
    if changed.rowcount != 1:
        raise DomainError(_("Perjanjian ini sudah dicabut atau ditolak."))
    db.session.refresh(agreement)
    audit.record("mou.revoked", agreement, details={"reason": reason}, actor=actor)
