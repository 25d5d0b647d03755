"""MoU test data, built through the MoU services."""
from __future__ import annotations

import base64
import io
import re
from datetime import date

from PIL import Image, ImageDraw
from sqlalchemy import select

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.mail import OutboxMessage, readable_body
from bontang.mou import codes, documents, services, signing, templates_service
from bontang.mou.demo_text import BODY, TITLE
from bontang.mou.models import Agreement
from tests.factories import make_company, make_user


def png_data_url(width: int = 300, height: int = 100) -> str:
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(image).line([(10, 80), (120, 20), (290, 70)], fill=(10, 40, 100, 255), width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def make_template(**overrides):
    data = {"title": TITLE, "body": BODY, "signatory_roles": ["company_rep", "official"],
            "valid_from": date(2025, 4, 15), "valid_until": date(2030, 4, 15), **overrides}
    template = templates_service.create_template(data, actor=None)
    templates_service.publish_template(template, actor=None)
    db.session.commit()
    return template


def make_invited(company=None, rep=None) -> tuple[Agreement, object]:
    """An invited agreement and its company representative."""
    company = company or make_company()
    rep = rep or make_user(Role.COMPANY_REP, company=company, name="Budi Santoso", position="Direktur Utama")
    template = services.current_template() or make_template()
    agreement = services.invite_company(company, template, actor=None)
    db.session.commit()
    return agreement, rep


def signer_data(code: str, **overrides) -> dict:
    return {"name": "Budi Santoso", "position": "Direktur Utama", "method": "drawn", "signature": png_data_url(),
            "typed": "", "consent": True, "code": code, "ip": "127.0.0.1", "user_agent": "pytest", **overrides}


def make_signed(company=None) -> tuple[Agreement, object]:
    """An agreement signed by its company."""
    agreement, rep = make_invited(company)
    code = codes.issue_code(rep, signing.company_purpose(agreement), subject="kode", what="uji")
    signing.sign_agreement(agreement, signer_data(code), actor=rep)
    db.session.commit()
    return agreement, rep


def make_official(office: str = "kepala_dinas", **overrides):
    data = {"name": "Drs. Suhardi Rahman", "position": "Kepala Dinas Ketenagakerjaan", **overrides}
    return make_user(Role.OFFICIAL, office=office, **data)


def countersign(agreements, official) -> None:
    """The official opens each preview, asks for a code for these agreements and countersigns them."""
    ids = [a.id for a in agreements]
    for agreement in agreements:
        signing.record_preview(agreement, actor=official)
    signing.request_countersign_code(ids, actor=official)
    signing.countersign_agreements(ids, signer_data(last_code(official.email), name=official.name,
                                                    position=official.position), actor=official)
    db.session.commit()


def make_countersigned(company=None, official=None) -> Agreement:
    """An agreement signed by both parties whose final PDF a worker has yet to seal."""
    agreement, _rep = make_signed(company)
    countersign([agreement], official or make_official())
    return agreement


def make_completed(company=None, official=None) -> Agreement:
    """An agreement signed by both parties, with its sealed PDF (sealed by the job's own service)."""
    agreement = make_countersigned(company, official)
    assert documents.seal_agreement(agreement.id) == "sealed"
    db.session.commit()
    return agreement


def last_code(email: str) -> str:
    """The 6-digit code from the newest code e-mail to `email`, as its recipient reads it."""
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_email == email,
                                                            OutboxMessage.kind == "mou_code")
                                .order_by(OutboxMessage.id.desc()).limit(1))
    return re.search(r"\b(\d{6})\b", readable_body(message)).group(1)
