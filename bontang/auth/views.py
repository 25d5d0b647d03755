"""Login, logout, forgotten password and invitation links."""
from __future__ import annotations

from flask import current_app, flash, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user

from bontang.accounts.models import TokenPurpose
from bontang.auth import bp
from bontang.auth.forms import ForgotPasswordForm, LoginForm, SetPasswordForm
from bontang.auth.services import authenticate, end_sessions, request_password_reset, token_user, use_token
from bontang.core import DomainError
from bontang.extensions import limiter
from bontang.security import logged_in, public
from bontang.web import attach_error, redirect_to, render, render_invalid, safe_path


def _login_limit() -> str:
    return current_app.config["LOGIN_LIMIT"]


def _account_address_limit() -> str:
    return current_app.config["LOGIN_ACCOUNT_ADDRESS_LIMIT"]


def _address_limit() -> str:
    return current_app.config["LOGIN_ADDRESS_LIMIT"]


def _account() -> str:
    return (request.form.get("email") or "").strip().lower()[:254]


def _account_key() -> str:
    return "login:" + _account()


def _account_address_key() -> str:
    return f"login:{_account()}|{get_remote_address()}"


def _failed(response) -> bool:
    """Only refused logins count: an office whose staff share one address is not locked out by its own logins."""
    return response.status_code >= 400


def _safe_next(target: str | None) -> str:
    return safe_path(target) or url_for("main.home")


@bp.route("/masuk", methods=["GET", "POST"])
@public
@limiter.limit(_address_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_login_limit, methods=["POST"], key_func=_account_key, deduct_when=_failed)
@limiter.limit(_account_address_limit, methods=["POST"], key_func=_account_address_key, deduct_when=_failed)
def login():
    """Log in by e-mail and password; the session id is renewed."""
    if current_user.is_authenticated:
        return redirect_to(url_for("main.home"))
    form = LoginForm()
    if not form.validate_on_submit():
        return render("auth/login.html", form=form, status=422 if request.method == "POST" else 200)
    try:
        user = authenticate(form.email.data, form.password.data)
    except DomainError as error:
        attach_error(form, error)
        return render_invalid("auth/login.html", form=form)
    session.clear()
    login_user(user)
    session.permanent = True
    return redirect_to(_safe_next(request.args.get("next")))


@bp.route("/keluar", methods=["POST"])
@logged_in
def logout():
    """End the session on the server too, so a copied cookie no longer opens anything."""
    end_sessions(current_user._get_current_object())
    logout_user()
    session.clear()
    flash(_("Anda telah keluar."), "info")
    return redirect_to(url_for("auth.login"))


@bp.route("/lupa-sandi", methods=["GET", "POST"])
@public
@limiter.limit(_login_limit, methods=["POST"])
def forgot_password():
    """Ask for a reset link; the answer is the same whether or not the account exists."""
    form = ForgotPasswordForm()
    if not form.validate_on_submit():
        return render("auth/forgot.html", form=form, status=422 if request.method == "POST" else 200)
    request_password_reset(form.email.data)
    flash(_("Jika e-mail tersebut terdaftar, tautan untuk mengatur ulang kata sandi telah dikirim."), "success")
    return redirect_to(url_for("auth.login"))


@bp.route("/atur-sandi/<token>", methods=["GET", "POST"])
@public
@limiter.limit(_login_limit, methods=["POST"])
def reset_password(token: str):
    """Set a new password through a reset link."""
    return _set_password_with(token, TokenPurpose.RESET, _("Atur ulang kata sandi"))


@bp.route("/undangan/<token>", methods=["GET", "POST"])
@public
@limiter.limit(_login_limit, methods=["POST"])
def accept_invitation(token: str):
    """Set the first password through an invitation link."""
    return _set_password_with(token, TokenPurpose.INVITE, _("Aktifkan akun"))


def _set_password_with(token: str, purpose: TokenPurpose, title: str):
    try:
        row = token_user(token, purpose)
    except DomainError as error:
        return render("auth/link_invalid.html", message=error.message, status=410)
    form = SetPasswordForm()
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render("auth/set_password.html", form=form, title=title, user=row.user, status=status)
    try:
        user = use_token(token, purpose, form.password.data)
    except DomainError as error:
        attach_error(form, error)
        return render_invalid("auth/set_password.html", form=form, title=title, user=row.user)
    logout_user()
    session.clear()
    login_user(user)
    flash(_("Kata sandi tersimpan. Selamat datang, %(name)s.", name=user.name), "success")
    return redirect_to(url_for("main.home"))
