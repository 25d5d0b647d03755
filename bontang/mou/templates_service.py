"""MoU templates (admin): drafts, publication (frozen), new versions as new rows."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from bontang import audit
from bontang.accounts.models import Role
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.mou import text
from bontang.mou.models import MouTemplate

SIGNATORY_CHOICES = ("company_rep", "official", "vice_mayor", "mayor")


def _validate(data: dict) -> dict:
    title = " ".join((data.get("title") or "").split())
    body = data.get("body") or ""
    if not title:
        raise DomainError(_("Wajib diisi."), "title")
    if not body.strip():
        raise DomainError(_("Wajib diisi."), "body")
    unknown = text.unknown_placeholders(body)
    if unknown:
        raise DomainError(_("Placeholder tidak dikenal: %(names)s.", names=", ".join(unknown)), "body")
    roles = [r for r in data.get("signatory_roles") or [] if r in SIGNATORY_CHOICES]
    if not roles or roles[0] != Role.COMPANY_REP.value or "official" not in roles:
        raise DomainError(_("Urutan penanda tangan harus diawali wakil perusahaan dan memuat pejabat Disnaker."),
                          "signatory_roles")
    if not data.get("valid_from") or not data.get("valid_until") or data["valid_until"] <= data["valid_from"]:
        raise DomainError(_("Tanggal akhir masa berlaku harus setelah tanggal mulai."), "valid_until")
    return {"title": title, "body": body, "signatory_roles": roles, "valid_from": data["valid_from"],
            "valid_until": data["valid_until"]}


def create_template(data: dict, *, actor) -> MouTemplate:
    """Create a draft template with the next version number."""
    clean = _validate(data)
    version = (db.session.scalar(select(func.max(MouTemplate.version))) or 0) + 1
    template = MouTemplate(version=version, published=False, **clean)
    db.session.add(template)
    db.session.flush()
    audit.record("mou.template_created", template, details={"version": version}, actor=actor)
    return template


def update_template(template: MouTemplate, data: dict, *, actor) -> None:
    """Edit a draft; a published template is frozen."""
    if template.published:
        raise DomainError(_("Templat yang sudah diterbitkan tidak dapat diubah. Buat versi baru."))
    for key, value in _validate(data).items():
        setattr(template, key, value)
    db.session.flush()
    audit.record("mou.template_updated", template, details={"version": template.version}, actor=actor)


def publish_template(template: MouTemplate, *, actor) -> None:
    """Publish (freeze) a draft; new invitations use the newest published version."""
    if template.published:
        raise DomainError(_("Templat ini sudah diterbitkan."))
    _validate({"title": template.title, "body": template.body, "signatory_roles": template.signatory_roles,
               "valid_from": template.valid_from, "valid_until": template.valid_until})
    template.published, template.published_at = True, utcnow()
    db.session.flush()
    audit.record("mou.template_published", template, details={"version": template.version}, actor=actor)


def new_version(template: MouTemplate, *, actor) -> MouTemplate:
    """Copy a template into a new draft row with the next version number."""
    return create_template({"title": template.title, "body": template.body,
                            "signatory_roles": list(template.signatory_roles), "valid_from": template.valid_from,
                            "valid_until": template.valid_until}, actor=actor)
