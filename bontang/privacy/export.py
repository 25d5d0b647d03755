"""Everything held about one job seeker, as plain data for the JSON file and the PDF.

Disnaker's export holds every record; a trainer's export holds the person's identity and what its
own institution recorded (enrolments, certificates), not Disnaker-only fields or other parties' records.
"""
from __future__ import annotations

import json

from cryptography.fernet import InvalidToken
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from bontang.audit import AuditEvent
from bontang.core import utcnow
from bontang.extensions import db
from bontang.jobseekers import nik as nik_codec
from bontang.training.models import Certificate, Enrolment, TrainingProgramme
from bontang.graduates.models import GraduateProfileView, GraduateProposalAsk
from bontang.jobseekers.models import JobSeeker
from bontang.hiring.models import CandidateProposal, HiringRequest, Placement
from bontang.pdf import render_template_pdf

VIEW_LIMIT = 5000  # profile openings listed per export; a profile opened more often says so


def nik_of(seeker: JobSeeker) -> str:
    try:
        return nik_codec.decrypt(seeker.nik_cipher) if seeker.nik_cipher else ""
    except InvalidToken:
        return seeker.nik_masked


def _identity(seeker: JobSeeker, disnaker: bool) -> dict:
    data = {
        "id": seeker.id, "nik": nik_of(seeker), "ak1_number": seeker.ak1_number, "name": seeker.name,
        "birth_date": seeker.birth_date, "sex": seeker.sex, "address": seeker.address, "kelurahan": seeker.kelurahan,
        "phone": seeker.phone, "email": seeker.email, "has_bontang_ktp": seeker.has_bontang_ktp,
        "education_level": seeker.education_level, "field_of_study": seeker.field_of_study,
        "experience_years": seeker.experience_years, "experience_notes": seeker.experience_notes,
        "registered_at": seeker.registered_at, "employment_status": seeker.employment_status.value,
        "consent_to_share": seeker.consent_to_share, "consent_at": seeker.consent_at,
        "skills": [skill.name for skill in seeker.skills],
    }
    if disnaker:
        data |= {"welfare_decile": seeker.welfare_decile, "has_disability": seeker.has_disability,
                 "disability_details": seeker.disability_details}
    return data


def _training(seeker: JobSeeker, institution_id: int | None) -> tuple[list, list]:
    enrolments = select(Enrolment).join(TrainingProgramme).options(joinedload(Enrolment.programme)
                                                                   .joinedload(TrainingProgramme.institution))
    enrolments = enrolments.where(Enrolment.job_seeker_id == seeker.id).order_by(Enrolment.enrolled_at)
    certificates = (select(Certificate).options(joinedload(Certificate.scheme), joinedload(Certificate.lsp))
                    .where(Certificate.job_seeker_id == seeker.id).order_by(Certificate.issue_date))
    if institution_id is not None:
        enrolments = enrolments.where(TrainingProgramme.institution_id == institution_id)
        certificates = certificates.where(Certificate.lsp_id == institution_id)
    return (
        [{"programme": e.programme.title, "institution": e.programme.institution.name, "enrolled_at": e.enrolled_at,
          "result": e.result.value if e.result else None, "result_at": e.result_at}
         for e in db.session.scalars(enrolments).unique()],
        [{"number": c.number, "scheme": c.scheme.name, "lsp": c.lsp.name if c.lsp else "", "issue_date": c.issue_date,
          "valid_until": c.valid_until, "verified": c.verified} for c in db.session.scalars(certificates).unique()],
    )


def _hiring(seeker: JobSeeker) -> tuple[list, list, list]:
    proposals = db.session.scalars(
        select(CandidateProposal).options(joinedload(CandidateProposal.hiring_request).joinedload(HiringRequest.company))
        .where(CandidateProposal.job_seeker_id == seeker.id).order_by(CandidateProposal.proposed_at))
    placements = db.session.scalars(
        select(Placement).options(joinedload(Placement.hiring_request).joinedload(HiringRequest.company))
        .where(Placement.job_seeker_id == seeker.id).order_by(Placement.start_date))
    asks = db.session.scalars(select(GraduateProposalAsk).options(joinedload(GraduateProposalAsk.company))
                              .where(GraduateProposalAsk.job_seeker_id == seeker.id)
                              .order_by(GraduateProposalAsk.created_at))
    return (
        [{"hiring_request": p.hiring_request.title, "company": p.hiring_request.company.name, "stage": p.stage.value,
          "proposed_at": p.proposed_at, "decided_at": p.decided_at} for p in proposals],
        [{"company": p.hiring_request.company.name, "position": p.hiring_request.title, "start_date": p.start_date,
          "contract_type": p.contract_type} for p in placements],
        [{"company": a.company.name, "asked_at": a.created_at, "status": a.status.value} for a in asks],
    )


def _profile_views(seeker: JobSeeker) -> list:
    views = db.session.scalars(
        select(GraduateProfileView).options(joinedload(GraduateProfileView.user), joinedload(GraduateProfileView.company))
        .where(GraduateProfileView.job_seeker_id == seeker.id)
        .order_by(GraduateProfileView.viewed_at, GraduateProfileView.id).limit(VIEW_LIMIT))
    return [{"viewed_at": v.viewed_at, "company": v.company.name if v.company else "",
             "user": v.user.name if v.user else "", "user_email": v.user.email if v.user else ""} for v in views]


def _disnaker_access(seeker: JobSeeker) -> list:
    """Audit events on this person: registration, changes, NIK readings, exports, consent, anonymisation."""
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.object_type == "JobSeeker", AuditEvent.object_id == str(seeker.id))
        .order_by(AuditEvent.seq).limit(VIEW_LIMIT))
    return [{"at": e.created_at, "action": e.action, "by": e.actor_label} for e in events]


def _enrolment_events(seeker: JobSeeker) -> list:
    ids = [str(i) for i in db.session.scalars(select(Enrolment.id).where(Enrolment.job_seeker_id == seeker.id))]
    if not ids:
        return []
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.object_type == "Enrolment",
                                                         AuditEvent.object_id.in_(ids)).order_by(AuditEvent.seq))
    return [{"at": e.created_at, "action": e.action, "by": e.actor_label} for e in events]


def build_export(seeker: JobSeeker, *, institution_id: int | None, actor) -> dict:
    """The export as plain data; `institution_id` limits it to what that institution holds."""
    disnaker = institution_id is None
    enrolments, certificates = _training(seeker, institution_id)
    data = {"generated_at": utcnow(), "generated_by": actor.email, "scope": "disnaker" if disnaker else "institution",
            "person": _identity(seeker, disnaker), "enrolments": enrolments, "certificates": certificates}
    if disnaker:
        proposals, placements, asks = _hiring(seeker)
        data |= {"candidate_proposals": proposals, "placements": placements, "proposal_requests": asks,
                 "profile_views": _profile_views(seeker),
                 "access_log": _disnaker_access(seeker) + _enrolment_events(seeker)}
    return data


def to_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()


def to_pdf(data: dict) -> bytes:
    return render_template_pdf("privacy/export_pdf.html", data=data)
