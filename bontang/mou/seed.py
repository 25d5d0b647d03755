"""Demo MoU data: a published template; about half the companies invited, in every state.

Company 001 is completed (real sealed PDF), 002 waits for the countersignature, 003 has a fresh
invitation; a handful more are completed so that the archive and the partner list are not empty.
"""
from __future__ import annotations

from datetime import date

from bontang import audit
from bontang.mou import demo_text, services, signing
from bontang.mou.documents import finalise_agreement
from bontang.mou.evidence import SignerInput, consent_statement
from bontang.mou.models import OPEN_STATUSES, AgreementStatus, MouTemplate, Party
from bontang.mou.text import sha256_text
from bontang.core import utcnow
from bontang.extensions import db

INVITED = range(0, 62)
COMPLETED = (0, 3, 4, 5, 6, 7)
SIGNED = (1, 8, 9, 10, 11, 12, 13, 14, 15)
VIEWED = range(16, 28)
DECLINED = (28,)
DEMO_EVIDENCE = {"ip": "10.0.0.1", "user_agent": "Data demo (seed)"}


def _template() -> MouTemplate:
    template = MouTemplate(version=1, title=demo_text.TITLE, body=demo_text.BODY,
                           signatory_roles=["company_rep", "official"], valid_from=date(2025, 4, 15),
                           valid_until=date(2030, 4, 15), published=True, published_at=utcnow())
    db.session.add(template)
    db.session.flush()
    return template


def _typed(user) -> SignerInput:
    consent = consent_statement()
    return SignerInput(user.name, user.position or "Direktur", "typed", None, user.name, consent, sha256_text(consent))


def _company_signs(agreement, rep) -> None:
    services.mark_viewed(agreement, actor=rep)
    signing.add_signature(agreement, Party.COMPANY, rep, _typed(rep), DEMO_EVIDENCE, agreement.viewed_at)
    signing.move_status(agreement, OPEN_STATUSES, AgreementStatus.SIGNED_BY_COMPANY, company_signed_at=utcnow())
    audit.record("mou.signed_by_company", agreement, actor=rep, details={"signer": rep.name, "method": "typed"})


def _official_signs(agreement, official) -> None:
    signing.add_signature(agreement, Party.OFFICIAL, official, _typed(official), DEMO_EVIDENCE, utcnow())
    signing.move_status(agreement, (AgreementStatus.SIGNED_BY_COMPANY,), AgreementStatus.COMPLETED,
                        completed_at=utcnow())
    audit.record("mou.countersigned", agreement, actor=official, details={"signer": official.name, "method": "typed"})
    finalise_agreement(agreement, actor=official)


def seed(ctx) -> None:
    """Create the demo template and agreements."""
    template = _template()
    staff, official = ctx.users["staff"], ctx.users["official"]
    for index in INVITED:
        company = ctx.companies[index]
        agreement = services.invite_company(company, template, actor=staff)
        rep = ctx.users[f"rep{index + 1:03d}"]
        if index in COMPLETED or index in SIGNED:
            _company_signs(agreement, rep)
        if index in COMPLETED:
            _official_signs(agreement, official)
        elif index in VIEWED:
            services.mark_viewed(agreement, actor=rep)
        elif index in DECLINED:
            services.mark_viewed(agreement, actor=rep)
            signing.decline_agreement(agreement, "Menunggu persetujuan direksi kantor pusat.", actor=rep)
    ctx.extra["mou_template"] = template
