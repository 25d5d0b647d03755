"""Factories of the graduates feature; they go through the feature's services and commit."""
from __future__ import annotations

import itertools
from datetime import date, timedelta
from types import SimpleNamespace

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.graduates import services, services_training as training
from bontang.graduates.models import CertificationScheme, InstitutionKind, Skill, SkillKind, TrainingInstitution
from tests.factories import make_institution

_seq = itertools.count(1)
SYSTEM = SimpleNamespace(id=None, email="system", role=Role.STAFF, institution_id=None)


def make_nik(n: int | None = None, female: bool = False) -> str:
    n = next(_seq) if n is None else n
    return f"647401{15 + (40 if female else 0):02d}0599{n % 10000:04d}"


def make_skill(name: str | None = None, **overrides) -> Skill:
    n = next(_seq)
    skill = Skill(code=f"SK{n}", name=name or f"Keahlian {n}", kind=SkillKind.HARD, area="Uji", **overrides)
    db.session.add(skill)
    db.session.commit()
    return skill


def make_scheme(name: str | None = None, skills=(), code: str | None = None) -> CertificationScheme:
    n = next(_seq)
    scheme = CertificationScheme(code=code or f"SKM-{n}", name=name or f"Skema {n}", skills=list(skills))
    db.session.add(scheme)
    db.session.commit()
    return scheme


def make_lsp(**overrides) -> TrainingInstitution:
    return make_institution(kind=InstitutionKind.LSP, **{"name": "LSP Uji", **overrides})


def seeker_data(**overrides) -> dict:
    n = next(_seq)
    data = {"nik": make_nik(n), "ak1_number": f"AK1/UJI/{n:05d}", "name": f"Pencari Kerja {n}",
            "birth_date": date(1998, 5, 15), "sex": "L", "address": f"Jl. Rahasia No. {n}", "kelurahan": "Api-Api",
            "phone": f"0812000{n:05d}", "email": "", "has_bontang_ktp": True, "education_level": "SMK",
            "field_of_study": "Teknik Pengelasan", "experience_years": 1, "experience_notes": "", "skill_ids": [],
            "registered_at": date.today() - timedelta(days=30), "employment_status": "available",
            "welfare_decile": 3, "has_disability": False, "disability_details": "", "consent_to_share": True}
    data.update(overrides)
    return data


def make_job_seeker(**overrides):
    seeker = services.create_job_seeker(seeker_data(**overrides), actor=SYSTEM)
    db.session.commit()
    return seeker


def programme_data(institution, **overrides) -> dict:
    n = next(_seq)
    data = {"institution_id": institution.id, "title": f"Pelatihan Las {n}", "skill_area": "Pengelasan",
            "skill_ids": [], "scheme_id": None, "hours": 120, "start_date": date.today() - timedelta(days=90),
            "end_date": date.today() - timedelta(days=30), "quota": 30, "funding": "APBD", "funding_note": "",
            "status": "running"}
    data.update(overrides)
    return data


def make_programme(institution=None, **overrides):
    institution = institution or make_institution()
    programme = training.save_programme(None, programme_data(institution, **overrides), actor=SYSTEM)
    db.session.commit()
    return programme


def make_graduate(*, programme=None, scheme=None, valid_until=None, expired=False, certified=True, **seeker):
    """A job seeker who passed a programme and (optionally) holds a certificate of its scheme."""
    scheme = scheme or (programme.scheme if programme else None) or make_scheme()
    programme = programme or make_programme(scheme_id=scheme.id)
    person = make_job_seeker(**seeker)
    enrolment = training.enrol_job_seeker(programme, person, actor=SYSTEM)
    training.record_result(enrolment, "lulus", actor=SYSTEM)
    if certified:
        issued = date.today() - timedelta(days=1200 if expired else 60)
        until = valid_until or (issued + timedelta(days=365 * 3 - 1) if not expired else issued + timedelta(days=700))
        training.issue_certificate(enrolment, {"number": f"CERT-{next(_seq):06d}", "scheme_id": scheme.id,
                                               "issue_date": issued, "valid_until": until}, actor=SYSTEM)
    db.session.commit()
    return person


def make_open_hiring_request(company, title: str = "Juru las SMAW", status: str = "verified"):
    from bontang.hiring.models import HiringRequest, HiringStatus

    hiring = HiringRequest(company_id=company.id, title=title, positions=3, status=HiringStatus(status),
                           valid_until=date.today() + timedelta(days=60))
    db.session.add(hiring)
    db.session.commit()
    return hiring
