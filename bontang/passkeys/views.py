"""The account page: enrol or remove passkeys, confirm a credential change with one."""
from __future__ import annotations

from flask import flash, jsonify, url_for
from flask_babel import gettext as _
from flask_login import current_user

from bontang.accounts.models import Role
from bontang.auth import trust
from bontang.core import DomainError
from bontang.extensions import limiter
from bontang.inputs import ActionForm, clean_text
from bontang.passkeys import bp, services
from bontang.passkeys.forms import ConfirmForm, EnrolForm
from bontang.security import roles
from bontang.web import attach_error, redirect_to, render

SIGNERS = (Role.COMPANY_REP, Role.OFFICIAL)


def options_response(make_options):
    """JSON options for the browser's WebAuthn call, or {"error": message} with 422."""
    try:
        return make_options(), 200, {"Content-Type": "application/json"}
    except DomainError as error:
        return jsonify(error=error.message), 422


def _page(enrol_form=None, confirm_form=None, status: int = 200):
    return render("passkeys/account.html", status=status, passkeys=services.passkeys_of(current_user),
                  enrol_form=enrol_form or EnrolForm(formdata=None), confirm_form=confirm_form or ConfirmForm(formdata=None),
                  action_form=ActionForm(), hold_until=trust.hold_until(current_user))


@bp.route("/akun")
@roles(*SIGNERS)
def account():
    """My passkeys and whether signing is held after a change of my credentials."""
    return _page()


@bp.route("/akun/passkey/opsi", methods=["POST"])
@roles(*SIGNERS)
@limiter.limit("20 per minute")
def enrol_options():
    """Options for creating a passkey (a fresh challenge); CSRF is checked for every POST by CSRFProtect."""
    return options_response(lambda: services.registration_options(current_user))


@bp.route("/akun/passkey", methods=["POST"])
@roles(*SIGNERS)
def enrol():
    """Keep the new passkey the browser created."""
    form = EnrolForm()
    if form.validate_on_submit():
        try:
            services.enrol_passkey(current_user, form.credential.data,
                                   clean_text(form.name.data, max_length=60, field="name", multiline=False))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Passkey terdaftar. Anda dapat menandatangani MoU dengan passkey ini."), "success")
            return redirect_to(url_for("passkeys.account"))
    return _page(enrol_form=form, status=422)


@bp.route("/akun/passkey/<int:passkey_id>/hapus", methods=["POST"])
@roles(*SIGNERS)
def remove(passkey_id: int):
    """Remove one of my passkeys."""
    if ActionForm().validate_on_submit():
        try:
            services.remove_passkey(current_user, passkey_id)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Passkey dihapus."), "success")
    return redirect_to(url_for("passkeys.account"))


@bp.route("/akun/konfirmasi/opsi", methods=["POST"])
@roles(*SIGNERS)
@limiter.limit("20 per minute")
def confirm_options():
    """Options for confirming a credential change with a passkey."""
    return options_response(lambda: services.assertion_options(current_user, services.CONFIRM))


@bp.route("/akun/konfirmasi", methods=["POST"])
@roles(*SIGNERS)
def confirm():
    """End the signing hold with a passkey enrolled before the change."""
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.confirm_change(current_user, form.credential.data)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Perubahan akun dikonfirmasi dengan passkey. Anda dapat menandatangani lagi."), "success")
            return redirect_to(url_for("passkeys.account"))
    return _page(confirm_form=form, status=422)
