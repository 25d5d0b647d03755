"""Disnaker manages partner companies and user accounts."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from bontang.accounts import bp
from bontang.accounts import services
from bontang.accounts.forms import CompanyForm, UserForm
from bontang.accounts.models import COMPANY_ROLES, Company, Role, User
from bontang.core import DomainError
from bontang.inputs import ActionForm
from bontang.pagination import paginate
from bontang.security import ADMIN, STAFF, get_or_404, roles
from bontang.web import attach_error, page_number, redirect_to, render, render_form


@bp.route("/perusahaan")
@roles(STAFF)
def companies():
    """The partner companies, searchable and paginated."""
    q, category = request.args.get("q", ""), request.args.get("kategori", "")
    page = paginate(services.search_companies(q, category), page_number())
    return render("accounts/companies.html", "accounts/_company_table.html", page=page, q=q, category=category)


@bp.route("/perusahaan/baru", methods=["GET", "POST"])
@roles(STAFF)
def company_new():
    """Register a company."""
    form = CompanyForm()
    if form.validate_on_submit():
        try:
            company = services.create_company(form.data_for_service(), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Perusahaan %(name)s terdaftar.", name=company.name), "success")
            return redirect_to(url_for("accounts.company_detail", company_id=company.id))
    return render_form("accounts/company_form.html", form, company=None)


@bp.route("/perusahaan/<int:company_id>")
@roles(STAFF)
def company_detail(company_id: int):
    """One company with its users."""
    company = get_or_404(Company, company_id, company_attr=None)
    return render("accounts/company_detail.html", company=company, action_form=ActionForm())


@bp.route("/perusahaan/<int:company_id>/ubah", methods=["GET", "POST"])
@roles(STAFF)
def company_edit(company_id: int):
    """Edit a company's details."""
    company = get_or_404(Company, company_id, company_attr=None)
    form = CompanyForm(obj=company)
    if request.method == "GET":
        form.category.data = company.category.value
    if form.validate_on_submit():
        try:
            services.update_company(company, form.data_for_service(), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Data perusahaan tersimpan."), "success")
            return redirect_to(url_for("accounts.company_detail", company_id=company.id))
    return render_form("accounts/company_form.html", form, company=company)


@bp.route("/perusahaan/<int:company_id>/status", methods=["POST"])
@roles(ADMIN)
def company_toggle(company_id: int):
    """Deactivate or reactivate a company and its users."""
    company = get_or_404(Company, company_id, company_attr=None)
    services.set_company_active(company, not company.active, actor=current_user)
    flash(_("Perusahaan diaktifkan.") if company.active else _("Perusahaan dinonaktifkan."), "success")
    return redirect_to(url_for("accounts.company_detail", company_id=company.id))


@bp.route("/perusahaan/<int:company_id>/pengguna/baru", methods=["GET", "POST"])
@roles(STAFF)
def company_user_new(company_id: int):
    """Create a company user; the user receives an invitation link by e-mail."""
    company = get_or_404(Company, company_id, company_attr=None)
    form = UserForm(allowed_roles=(Role.COMPANY_REP, Role.COMPANY_HR), fixed_company=company)
    return _save_user(form, None, back=url_for("accounts.company_detail", company_id=company.id), company=company)


@bp.route("/pengguna")
@roles(ADMIN)
def users():
    """Every account, searchable by name, e-mail and role."""
    q, role = request.args.get("q", ""), request.args.get("peran", "")
    query = services.search_users(q, role).options(selectinload(User.company))
    page = paginate(query, page_number())
    return render("accounts/users.html", "accounts/_user_table.html", page=page, q=q, role=role)


@bp.route("/pengguna/baru", methods=["GET", "POST"])
@roles(ADMIN)
def user_new():
    """Create an account of any role."""
    return _save_user(UserForm(), None, back=url_for("accounts.users"))


@bp.route("/pengguna/<int:user_id>/ubah", methods=["GET", "POST"])
@roles(STAFF)
def user_edit(user_id: int):
    """Edit an account; staff may edit company users only."""
    user = get_or_404(User, user_id, company_attr=None)
    if current_user.role != Role.ADMIN and user.role not in COMPANY_ROLES:
        abort(403)
    if current_user.role == Role.ADMIN:
        form = UserForm(obj=user)
    else:
        form = UserForm(obj=user, allowed_roles=(Role.COMPANY_REP, Role.COMPANY_HR), fixed_company=user.company)
    if request.method == "GET":
        form.role.data = user.role.value
    back = url_for("accounts.company_detail", company_id=user.company_id) if user.company_id else url_for("accounts.users")
    return _save_user(form, user, back=back)


@bp.route("/pengguna/<int:user_id>/status", methods=["POST"])
@roles(STAFF)
def user_toggle(user_id: int):
    """Deactivate or reactivate an account (a deactivated user cannot log in)."""
    user = _editable_user(user_id)
    try:
        services.set_user_active(user, not user.active, actor=current_user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Akun diaktifkan.") if user.active else _("Akun dinonaktifkan."), "success")
    return redirect_to(request.referrer or url_for("main.home"))


@bp.route("/pengguna/<int:user_id>/undang", methods=["POST"])
@roles(STAFF)
def user_invite(user_id: int):
    """Send a new invitation link (the old one stops working)."""
    from bontang.auth.services import send_invitation

    user = _editable_user(user_id)
    send_invitation(user, actor=current_user)
    flash(_("Undangan dikirim ke %(email)s.", email=user.email), "success")
    return redirect_to(request.referrer or url_for("main.home"))


def _editable_user(user_id: int) -> User:
    user = get_or_404(User, user_id, company_attr=None)
    if current_user.role != Role.ADMIN and user.role not in COMPANY_ROLES:
        abort(403)
    return user


def _save_user(form: UserForm, user: User | None, *, back: str, company: Company | None = None):
    if form.validate_on_submit():
        try:
            if user is None:
                user = services.create_user(form.data_for_service(), actor=current_user)
                flash(_("Akun dibuat dan undangan dikirim ke %(email)s.", email=user.email), "success")
            else:
                services.update_user(user, form.data_for_service(), actor=current_user)
                flash(_("Akun tersimpan."), "success")
        except DomainError as error:
            attach_error(form, error)
        else:
            return redirect_to(back)
    return render_form("accounts/user_form.html", form, user=user, back=back, company=company)
