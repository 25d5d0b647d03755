"""Rows for report tests with chosen timestamps.

Reports only read other features' tables, and the figures depend on exact dates (periods,
lead times), which those features' services set to "now"; so these factories insert rows with
the dates a test needs, keeping every other field valid.
"""
from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from bontang.extensions import db
from bontang.training.models import Certificate, CertificationScheme, Enrolment, EnrolmentResult, TrainingProgramme
from bontang.jobseekers.models import EmploymentStatus, JobSeeker, Skill, SkillKind
from bontang.hiring.models import HiringRequest, HiringStatus, Placement, WorkforcePlan, WorkforcePlanItem
from bontang.mou.models import Agreement, AgreementStatus, MouTemplate
from tests.factories import make_institution

_seq = itertools.count(1)


def _template() -> MouTemplate:
    template = db.session.query(MouTemplate).first()
    if template is None:
        template = MouTemplate(version=1, title="MoU", body="Isi", signatory_roles=[], valid_from=date(2025, 1, 1),
                               valid_until=date(2030, 12, 31), published=True)
        db.session.add(template)
        db.session.flush()
    return template


def make_agreement(company, status: AgreementStatus, *, at: datetime, **stamps) -> Agreement:
    """An agreement that reached `status` at `at` (earlier steps one day apart before it)."""
    order = ["invited_at", "viewed_at", "company_signed_at", "completed_at"]
    reached = {AgreementStatus.DRAFT: 0, AgreementStatus.INVITED: 1, AgreementStatus.VIEWED: 2,
               AgreementStatus.SIGNED_BY_COMPANY: 3, AgreementStatus.COMPLETED: 4,
               AgreementStatus.DECLINED: 2, AgreementStatus.REVOKED: 4}[status]
    times = {name: at - timedelta(days=reached - 1 - i) for i, name in enumerate(order[:reached])}
    if status == AgreementStatus.DECLINED:
        times["declined_at"] = at
    if status == AgreementStatus.REVOKED:
        times["revoked_at"] = at
    agreement = Agreement(company_id=company.id, template_id=_template().id, status=status,
                          verification_code=f"V{next(_seq):08d}", created_at=at - timedelta(days=10), **{**times, **stamps})
    db.session.add(agreement)
    db.session.commit()
    return agreement


def make_request(company, *, submitted: datetime, positions: int = 1, status: HiringStatus = HiringStatus.VERIFIED,
                 planned_local_percent: int = 100, skills=(), **extra) -> HiringRequest:
    request = HiringRequest(company_id=company.id, title=f"Operator {next(_seq)}", positions=positions, status=status,
                            valid_until=extra.pop("valid_until", date(2099, 12, 31)), submitted_at=submitted,
                            planned_local_percent=planned_local_percent, **extra)
    request.skills = list(skills)
    db.session.add(request)
    db.session.commit()
    return request


def make_job_seeker(*, local: bool = True, decile: int | None = None, skills=(),
                    status: EmploymentStatus = EmploymentStatus.AVAILABLE) -> JobSeeker:
    n = next(_seq)
    seeker = JobSeeker(nik_cipher="x", nik_digest=f"{n:064d}", nik_tail=f"{n % 10000:04d}", ak1_number=f"AK1-{n}",
                       name=f"Pencari {n}", birth_date=date(2000, 1, 1), sex="L", registered_at=date(2025, 1, 1),
                       has_bontang_ktp=local, welfare_decile=decile, employment_status=status)
    seeker.skills = list(skills)
    db.session.add(seeker)
    db.session.commit()
    return seeker


def make_placement(request: HiringRequest, seeker: JobSeeker, *, start: date, local: bool | None = None) -> Placement:
    placement = Placement(hiring_request_id=request.id, company_id=request.company_id, job_seeker_id=seeker.id,
                          start_date=start, contract_type="PKWT",
                          is_local=seeker.has_bontang_ktp if local is None else local)
    db.session.add(placement)
    db.session.commit()
    return placement


def make_skill(name: str, kind: SkillKind = SkillKind.HARD) -> Skill:
    skill = Skill(code=f"SK{next(_seq)}", name=name, kind=kind, area="Teknik")
    db.session.add(skill)
    db.session.commit()
    return skill


def make_scheme() -> CertificationScheme:
    scheme = CertificationScheme(code=f"SKM-{next(_seq)}", name="Skema Uji")
    db.session.add(scheme)
    db.session.commit()
    return scheme


def make_programme(*, start: date, end: date, scheme=None) -> TrainingProgramme:
    programme = TrainingProgramme(institution_id=make_institution().id, title=f"Pelatihan {next(_seq)}",
                                  start_date=start, end_date=end, scheme_id=scheme.id if scheme else None)
    db.session.add(programme)
    db.session.commit()
    return programme


def enrol(programme, seeker, result: EnrolmentResult | None) -> Enrolment:
    enrolment = Enrolment(programme_id=programme.id, job_seeker_id=seeker.id, result=result)
    db.session.add(enrolment)
    db.session.commit()
    return enrolment


def make_certificate(seeker, scheme, *, enrolment=None, valid_until: date | None = None) -> Certificate:
    certificate = Certificate(job_seeker_id=seeker.id, scheme_id=scheme.id, enrolment_id=enrolment.id if enrolment else None,
                              number=f"CERT-{next(_seq)}", issue_date=date(2025, 1, 1), valid_until=valid_until)
    db.session.add(certificate)
    db.session.commit()
    return certificate


def make_plan(company, year: int, items: list[tuple[int, int]], *, submitted: bool = True) -> WorkforcePlan:
    """A plan with (month, count) items."""
    plan = WorkforcePlan(company_id=company.id, year=year, submitted_at=datetime(year - 1, 12, 1) if submitted else None)
    plan.items = [WorkforcePlanItem(title="Operator", count=count, month=month) for month, count in items]
    db.session.add(plan)
    db.session.commit()
    return plan
