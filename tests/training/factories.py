"""Factories of training: programmes, schemes, LSPs and certified graduates; through the services, committed."""
from __future__ import annotations

from datetime import date, timedelta

from bontang.extensions import db
from bontang.training import services as training
from bontang.training.models import CertificationScheme, InstitutionKind, TrainingInstitution
from tests.factories import make_institution
from tests.jobseekers.factories import SYSTEM, _seq, make_job_seeker


def make_scheme(name: str | None = None, skills=(), code: str | None = None) -> CertificationScheme:
    n = next(_seq)
    scheme = CertificationScheme(code=code or f"SKM-{n}", name=name or f"Skema {n}", skills=list(skills))
    db.session.add(scheme)
    db.session.commit()
    return scheme


def make_lsp(**overrides) -> TrainingInstitution:
    return make_institution(kind=InstitutionKind.LSP, **{"name": "LSP Uji", **overrides})


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
