"""Test data factories: fill sensible defaults, go through the services, and commit.

Feature tests add their own factories in tests/<feature>/factories.py, built on these.
"""
from __future__ import annotations

import itertools

from werkzeug.security import generate_password_hash

from bontang.accounts import services as accounts
from bontang.accounts.models import Company, Role, User
from bontang.extensions import db

PASSWORD = "rahasia-uji-123"
# Cheap scrypt parameters keep logins fast in tests; the hash records its parameters.
PASSWORD_HASH = generate_password_hash(PASSWORD, method="scrypt:1024:8:1")
_seq = itertools.count(1)


def make_company(**overrides) -> Company:
    n = next(_seq)
    data = {
        "name": f"PT Uji Coba {n}", "legal_form": "PT", "nib": f"{n:013d}", "npwp": "", "kbli": "20117",
        "sector": "Petrokimia", "category": "industri", "address": f"Jl. Uji No. {n}", "kelurahan": "Api-Api",
        "headcount_local": 80, "headcount_nonlocal": 20,
    }
    data.update(overrides)
    company = accounts.create_company(data, actor=None)
    db.session.commit()
    return company


def make_user(role: Role | str = Role.STAFF, *, company: Company | None = None, active: bool = True,
              password: str | None = PASSWORD, **overrides) -> User:
    role = Role(role)
    n = next(_seq)
    if role in (Role.COMPANY_REP, Role.COMPANY_HR) and company is None:
        company = make_company()
    data = {"email": f"user{n}@example.com", "name": f"Pengguna {n}", "position": "Staf", "role": role.value,
            "company_id": company.id if company else None, "institution_id": None}
    if role == Role.TRAINER and "institution_id" not in overrides:
        data["institution_id"] = make_institution().id
    data.update(overrides)
    user = accounts.create_user(data, actor=None, invite=False)
    user.password_hash = PASSWORD_HASH if password == PASSWORD else (
        generate_password_hash(password, method="scrypt:1024:8:1") if password else None)
    user.active = active
    db.session.commit()
    return user


def make_institution(**overrides):
    from bontang.training.models import InstitutionKind, TrainingInstitution

    n = next(_seq)
    institution = TrainingInstitution(**{"name": f"LPK Uji {n}", "kind": InstitutionKind.LPK,
                                         "licence_number": f"LPK-{n}", **overrides})
    db.session.add(institution)
    db.session.commit()
    return institution
