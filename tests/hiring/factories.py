"""Factories for hiring tests: skills, job seekers and certificates created directly; requests through the services."""
from __future__ import annotations

import hashlib
import itertools
from datetime import date, timedelta

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.training.models import Certificate, CertificationScheme
from bontang.jobseekers.models import EmploymentStatus, JobSeeker, Skill, SkillKind
from bontang.hiring import matching, selection, services
from bontang.hiring.models import HiringRequest, Occupation
from tests.factories import make_company, make_user

_seq = itertools.count(1)


def make_skill(name: str | None = None) -> Skill:
    n = next(_seq)
    skill = Skill(code=f"SK-{n}", name=name or f"Keahlian {n}", kind=SkillKind.HARD, area="Industri")
    db.session.add(skill)
    db.session.commit()
    return skill


def make_scheme(name: str | None = None) -> CertificationScheme:
    n = next(_seq)
    scheme = CertificationScheme(code=f"SKM-{n}", name=name or f"Skema {n}")
    db.session.add(scheme)
    db.session.commit()
    return scheme


def make_occupation(code: str = "7212", title: str = "Tukang Las dan Pemotong Logam") -> Occupation:
    occupation = Occupation(code=code, title=title)
    db.session.add(occupation)
    db.session.commit()
    return occupation


def make_job_seeker(*, skills=(), age: int = 25, **overrides) -> JobSeeker:
    n = next(_seq)
    data = {"nik_cipher": f"cipher-{n}", "nik_digest": hashlib.sha256(f"nik-{n}".encode()).hexdigest(),
            "nik_tail": f"{n % 10000:04d}", "ak1_number": f"AK1-T-{n:05d}", "name": f"Pencari Kerja {n}",
            "birth_date": date.today() - timedelta(days=365 * age + 30), "sex": "L", "has_bontang_ktp": True,
            "address": f"Jl. Rahasia No. {n}", "phone": f"08123{n:06d}", "registered_at": date.today() - timedelta(days=100),
            "employment_status": EmploymentStatus.AVAILABLE, "consent_to_share": True, "welfare_decile": 5,
            # Meets request_data()'s minimums (SMK, 1 year), so that ranking tests start above the filter line.
            "education_level": "SMK", "experience_years": 2}
    data.update(overrides)
    seeker = JobSeeker(**data)
    seeker.skills = list(skills)
    db.session.add(seeker)
    db.session.commit()
    return seeker


def make_certificate(seeker: JobSeeker, scheme: CertificationScheme, valid_until: date | None = None) -> Certificate:
    n = next(_seq)
    cert = Certificate(job_seeker_id=seeker.id, scheme_id=scheme.id, number=f"CERT-{n}", issue_date=date.today(),
                       valid_until=valid_until)
    db.session.add(cert)
    db.session.commit()
    return cert


def request_data(**overrides) -> dict:
    data = {"title": "Welder 6G", "kbji_code": "", "positions": 2, "valid_until": date.today() + timedelta(days=30),
            "age_min": 18, "age_max": 45, "sex": "any", "education_min": "SMK", "field_of_study": "Teknik Las",
            "experience_years": 1, "wage_min": 4_000_000, "wage_max": 6_000_000, "work_location": "Bontang Utara",
            "employment_type": "PKWT", "scheme_id": None, "planned_local_percent": 100, "local_justification": "",
            "disability_friendly": False, "notes": "", "skill_ids": []}
    data.update(overrides)
    return data


def make_request(company=None, *, actor=None, state: str = "draft", staff=None, **overrides) -> HiringRequest:
    """A request in `state`: draft, submitted, returned, verified or proposed (moved there through the services)."""
    company = company or make_company()
    actor = actor or make_user(Role.COMPANY_HR, company=company)
    request = services.create_request(company, request_data(**overrides), actor=actor)
    staff = staff or (make_user(Role.STAFF) if state not in ("draft",) else None)
    steps = {"draft": [], "submitted": ["submit"], "returned": ["submit", "return"],
             "verified": ["submit", "verify"], "proposed": ["submit", "verify", "propose"]}[state]
    for step in steps:
        if step == "submit":
            services.submit_request(request, actor=actor)
        elif step in ("verify", "return"):
            services.review_request(request, step, "Lengkapi data." if step == "return" else "", actor=staff)
        elif step == "propose":
            seekers = [make_job_seeker() for _ in range(3)]
            matching.propose_candidates(request, [s.id for s in seekers], actor=staff)
    db.session.commit()
    return request


def accept(proposal, *, actor, start: date | None = None):
    placement = selection.accept_candidate(proposal, start or date.today() + timedelta(days=7), "PKWT", actor=actor)
    db.session.commit()
    return placement


def interview_data(days: int = 3, **overrides) -> dict:
    from datetime import time

    data = {"interview_date": date.today() + timedelta(days=days), "interview_time": time(9, 30),
            "place": "Kantor HRD Lantai 2", "contact": "Bu Rina, 0812-5555-0101", "note": ""}
    data.update(overrides)
    return data


def invite(proposal, *, actor, **overrides):
    """Invite a candidate to an interview three days from now, through the service."""
    from bontang.hiring.interviews import schedule_interview

    schedule_interview(proposal, interview_data(**overrides), actor=actor)
    db.session.commit()
    return proposal
