"""MoU templates (admin): list, create and edit drafts, publish, new version, preview."""
from __future__ import annotations

from flask import flash, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from bontang.core import DomainError
from bontang.extensions import db
from bontang.inputs import ActionForm
from bontang.mou import bp, templates_service, text
from bontang.mou.forms import TemplateForm
from bontang.mou.models import MouTemplate
from bontang.security import ADMIN, get_or_404, roles
from bontang.web import attach_error, redirect_to, render, render_form


@bp.route("/mou/templat")
@roles(ADMIN)
def templates():
    """Every template version, newest first."""
    rows = db.session.scalars(select(MouTemplate).order_by(MouTemplate.version.desc())).all()
    return render("mou/templates.html", templates=rows, action_form=ActionForm())


@bp.route("/mou/templat/<int:template_id>")
@roles(ADMIN)
def template_preview(template_id: int):
    """A template rendered with sample values, as the agreement text will look."""
    template = get_or_404(MouTemplate, template_id, company_attr=None)
    sample = {name: f"[{label}]" for name, label in text.PLACEHOLDERS.items()}
    return render("mou/template_preview.html", template=template, body_html=text.fill(template.body, sample),
                  action_form=ActionForm())


def _save(form: TemplateForm, template: MouTemplate | None):
    if form.validate_on_submit():
        try:
            if template is None:
                template = templates_service.create_template(form.data_for_service(), actor=current_user)
            else:
                templates_service.update_template(template, form.data_for_service(), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Draf templat versi %(v)d tersimpan.", v=template.version), "success")
            return redirect_to(url_for("mou.template_preview", template_id=template.id))
    return render_form("mou/template_form.html", form, template=template, placeholders=text.PLACEHOLDERS)


@bp.route("/mou/templat/baru", methods=["GET", "POST"])
@roles(ADMIN)
def template_new():
    """Create a draft template."""
    return _save(TemplateForm(data={"signatory_roles": ["company_rep", "official"]}), None)


@bp.route("/mou/templat/<int:template_id>/ubah", methods=["GET", "POST"])
@roles(ADMIN)
def template_edit(template_id: int):
    """Edit a draft template (published ones are frozen)."""
    template = get_or_404(MouTemplate, template_id, company_attr=None)
    if template.published:
        flash(_("Templat yang sudah diterbitkan tidak dapat diubah. Buat versi baru."), "error")
        return redirect_to(url_for("mou.template_preview", template_id=template.id))
    return _save(TemplateForm(obj=template), template)


@bp.route("/mou/templat/<int:template_id>/terbitkan", methods=["POST"])
@roles(ADMIN)
def template_publish(template_id: int):
    """Publish a draft; it is frozen from now on."""
    template = get_or_404(MouTemplate, template_id, company_attr=None)
    try:
        templates_service.publish_template(template, actor=current_user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Templat versi %(v)d diterbitkan.", v=template.version), "success")
    return redirect_to(url_for("mou.template_preview", template_id=template.id))


@bp.route("/mou/templat/<int:template_id>/versi-baru", methods=["POST"])
@roles(ADMIN)
def template_copy(template_id: int):
    """Start a new draft version from this template."""
    template = get_or_404(MouTemplate, template_id, company_attr=None)
    copy = templates_service.new_version(template, actor=current_user)
    flash(_("Draf versi %(v)d dibuat.", v=copy.version), "success")
    return redirect_to(url_for("mou.template_edit", template_id=copy.id))
