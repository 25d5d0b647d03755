"""Factories of the job seeker registry; they go through the feature's services and commit."""
from __future__ import annotations

import itertools
from datetime import date, timedelta
from types import SimpleNamespace

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.jobseekers import services
from bontang.jobseekers.models import Skill, SkillKind

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
