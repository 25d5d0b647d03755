"""Creating and changing companies and user accounts."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from bontang import audit
from bontang.accounts.models import COMPANY_ROLES, Company, CompanyCategory, Office, Role, User
from bontang.auth.trust import note_credentials_change
from bontang.core import DomainError
from bontang.extensions import db

COMPANY_FIELDS = ("name", "legal_form", "nib", "npwp", "kbli", "sector", "category", "address", "kelurahan",
                  "headcount_local", "headcount_nonlocal")
USER_FIELDS = ("email", "name", "position", "role", "company_id", "institution_id", "office")
SIGNER_ROLES = frozenset({Role.COMPANY_REP, Role.OFFICIAL})


def _check_company(data: dict, company: Company | None = None) -> None:
    clash = db.session.scalar(select(Company.id).where(Company.nib == data["nib"]))
    if clash is not None and (company is None or clash != company.id):
        raise DomainError(_("NIB ini sudah dipakai perusahaan lain."), "nib")


def create_company(data: dict, *, actor: User) -> Company:
    """Register a partner company."""
    _check_company(data)
    company = Company(**{key: data[key] for key in COMPANY_FIELDS})
    company.category = CompanyCategory(company.category)
    db.session.add(company)
    db.session.flush()
    audit.record("company.created", company, actor=actor, details={"name": company.name})
    return company


def update_company(company: Company, data: dict, *, actor: User) -> Company:
    """Change a company's details; the audit event lists what changed."""
    _check_company(data, company)
    changes = _apply(company, data, COMPANY_FIELDS)
    if changes:
        audit.record("company.updated", company, actor=actor, details={"changed": changes})
    return company


def set_company_active(company: Company, active: bool, *, actor: User) -> None:
    """Deactivate (or reactivate) a company together with its users."""
    company.active = active
    for user in company.users:
        if user.active != active:
            _set_user_active(user, active, actor=actor)
    audit.record("company.activated" if active else "company.deactivated", company, actor=actor)


def _normalise_user(data: dict) -> dict:
    data = dict(data)
    data["email"] = data["email"].strip().lower()
    role = data["role"] = Role(data["role"])
    if role in COMPANY_ROLES and not data.get("company_id"):
        raise DomainError(_("Pengguna perusahaan harus terhubung ke perusahaan."), "company_id")
    if role == Role.TRAINER and not data.get("institution_id"):
        raise DomainError(_("Pengguna lembaga pelatihan harus terhubung ke lembaga."), "institution_id")
    if role not in COMPANY_ROLES:
        data["company_id"] = None
    if role != Role.TRAINER:
        data["institution_id"] = None
    office = data.get("office") or ""
    if office and office not in {o.value for o in Office}:
        raise DomainError(_("Pilih jabatan dari daftar."), "office")
    data["office"] = office if role == Role.OFFICIAL else ""
    return data


def _check_email(email: str, user: User | None = None) -> None:
    clash = db.session.scalar(select(User.id).where(func.lower(User.email) == email))
    if clash is not None and (user is None or clash != user.id):
        raise DomainError(_("E-mail ini sudah terdaftar."), "email")


def create_user(data: dict, *, actor: User | None, invite: bool = True) -> User:
    """Create an account without a password; it is activated through an invitation link."""
    from bontang.auth.services import send_invitation

    data = _normalise_user(data)
    _check_email(data["email"])
    user = User(**{key: data.get(key) for key in USER_FIELDS})
    db.session.add(user)
    db.session.flush()
    audit.record("user.created", user, actor=actor, company_id=user.company_id,
                 details={"email": user.email, "role": user.role.value})
    if invite:
        send_invitation(user, actor=actor)
    return user


def update_user(user: User, data: dict, *, actor: User) -> User:
    """Change an account; a change of role or company ends the user's sessions."""
    data = _normalise_user(data)
    _check_email(data["email"], user)
    old_email = user.email
    changes = _apply(user, data, USER_FIELDS)
    if {"role", "company_id", "institution_id", "email"} & set(changes):
        user.session_version += 1
    if changes:
        audit.record("user.updated", user, actor=actor, company_id=user.company_id, details={"changed": changes})
    if "email" in changes and user.role in SIGNER_ROLES and actor.id != user.id:
        note_credentials_change(user, "email", by=actor, tell=old_email)
    return user


def _set_user_active(user: User, active: bool, *, actor: User) -> None:
    user.active = active
    user.session_version += 1
    audit.record("user.activated" if active else "user.deactivated", user, actor=actor, company_id=user.company_id)
    if active and user.role in SIGNER_ROLES and user.password_hash:
        note_credentials_change(user, "reactivated", by=actor)


def set_user_active(user: User, active: bool, *, actor: User) -> None:
    """Deactivate or reactivate an account; you cannot deactivate yourself."""
    if user.id == actor.id and not active:
        raise DomainError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    _set_user_active(user, active, actor=actor)


def _apply(obj, data: dict, fields: tuple[str, ...]) -> list[str]:
    changed = []
    for key in fields:
        if key in data and getattr(obj, key) != data[key]:
            setattr(obj, key, data[key])
            changed.append(key)
    return changed


def search_companies(q: str = "", category: str = ""):
    """The select() for the companies list, filtered by text and category."""
    query = select(Company).order_by(Company.name)
    if q:
        like = f"%{q.strip().lower()}%"
        query = query.where(or_(func.lower(Company.name).like(like), Company.nib.like(like)))
    if category:
        query = query.where(Company.category == category)
    return query


def search_users(q: str = "", role: str = ""):
    """The select() for the users list, filtered by text and role."""
    query = select(User).order_by(User.name)
    if q:
        like = f"%{q.strip().lower()}%"
        query = query.where(or_(func.lower(User.name).like(like), func.lower(User.email).like(like)))
    if role:
        query = query.where(User.role == role)
    return query
