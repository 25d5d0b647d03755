"""Company pages: read the agreement, ask for a code, sign or decline (company_rep); company_hr reads."""
from __future__ import annotations

from flask import current_app, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from bontang.accounts.models import Role
from bontang.core import DomainError
from bontang.extensions import db, limiter
from bontang.mou import bp, queries, services, signing
from bontang.mou.forms import DeclineForm, SignForm
from bontang.mou.models import Agreement
from bontang.security import COMPANY, get_or_404, roles
from bontang.web import attach_error, redirect_to, render, render_invalid


def code_limit() -> str:
    return current_app.config["CODE_LIMIT"]


def user_key() -> str:
    return f"mou-code:{current_user.get_id()}"


def evidence() -> dict:
    """Where the request came from, recorded with a signature."""
    return {"ip": request.remote_addr or "", "user_agent": request.user_agent.string or ""}


def _company_agreement() -> Agreement | None:
    return db.session.scalar(select(Agreement).where(Agreement.company_id == current_user.company_id)
                             .order_by(Agreement.id.desc()).limit(1))


def _page(agreement, form, decline_form, status: int = 200):
    # Always the full page: htmx follows redirects here with HX-Location, which must not get a fragment.
    return render("mou/my_agreement.html", agreement=agreement, form=form,
                  decline_form=decline_form, labels=queries.STATUS_LABELS, badges=queries.STATUS_BADGES,
                  can_sign=current_user.role == Role.COMPANY_REP, status=status)


@bp.route("/mou/perusahaan")
@roles(COMPANY)
def my_agreement():
    """The company's agreement (reading it writes nothing: the page posts `mark_viewed` once it is displayed)."""
    agreement = _company_agreement()
    form = SignForm(name=current_user.name, position=current_user.position)
    return _page(agreement, form, DeclineForm())


@bp.route("/mou/perusahaan/<int:agreement_id>/dibaca", methods=["POST"])
@roles(Role.COMPANY_REP)
def mark_viewed(agreement_id: int):
    """The representative's browser displayed the agreement text: invited becomes viewed (the first time)."""
    services.mark_viewed(get_or_404(Agreement, agreement_id), actor=current_user)
    return "", 204


@bp.route("/mou/perusahaan/<int:agreement_id>/kode", methods=["POST"])
@roles(Role.COMPANY_REP)
@limiter.limit(code_limit, key_func=user_key)
def request_code(agreement_id: int):
    """E-mail a 6-digit signing code to the representative's account address."""
    agreement = get_or_404(Agreement, agreement_id)
    try:
        signing.request_company_code(agreement, actor=current_user)
    except DomainError as error:
        return render("mou/_code_status.html", error=error.message, status=422)
    if request.headers.get("HX-Request"):
        return render("mou/_code_status.html", email=current_user.email)
    flash(_("Kode dikirim ke %(email)s dan berlaku 10 menit.", email=current_user.email), "success")
    return redirect_to(url_for("mou.my_agreement"))


@bp.route("/mou/perusahaan/<int:agreement_id>/passkey", methods=["POST"])
@roles(Role.COMPANY_REP)
@limiter.limit(code_limit, key_func=user_key)
def passkey_options(agreement_id: int):
    """WebAuthn options (a fresh challenge for signing this agreement) for the representative's passkeys."""
    from bontang.passkeys.views import options_response

    agreement = get_or_404(Agreement, agreement_id)

    def options():
        signing.check_can_sign(agreement, current_user)
        return signing.passkey_options(current_user, signing.company_purpose(agreement))
    return options_response(options)


@bp.route("/mou/perusahaan/<int:agreement_id>/tandatangani", methods=["POST"])
@roles(Role.COMPANY_REP)
def sign(agreement_id: int):
    """Sign with name, position, signature, consent and the emailed code."""
    agreement = get_or_404(Agreement, agreement_id)
    form = SignForm()
    if form.validate_on_submit():
        try:
            signing.sign_agreement(agreement, {**form.data_for_service(), **evidence()}, actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Terima kasih. MoU telah Anda tandatangani dan menunggu tanda tangan pejabat Disnaker."),
                  "success")
            return redirect_to(url_for("mou.my_agreement"))
    return render_invalid("mou/my_agreement.html", "mou/_sign_form.html", agreement=agreement, form=form,
                          decline_form=DeclineForm(formdata=None), labels=queries.STATUS_LABELS,
                          badges=queries.STATUS_BADGES, can_sign=True)


@bp.route("/mou/perusahaan/<int:agreement_id>/tolak", methods=["POST"])
@roles(Role.COMPANY_REP)
def decline(agreement_id: int):
    """Decline the agreement with a reason."""
    agreement = get_or_404(Agreement, agreement_id)
    form = DeclineForm()
    if form.validate_on_submit():
        try:
            signing.decline_agreement(agreement, form.reason.data, actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Penolakan Anda tercatat dan diteruskan ke Disnaker."), "success")
            return redirect_to(url_for("mou.my_agreement"))
    return _page(agreement, SignForm(formdata=None, name=current_user.name, position=current_user.position),
                 form, status=422)
