"""Training programmes, enrolments, results and competency certificates (no request, no commit)."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from bontang import audit
from bontang.accounts.models import Role
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.training.models import (
    Certificate, CertificationScheme, Enrolment, EnrolmentResult, InstitutionKind, ProgrammeStatus, TrainingInstitution, TrainingProgramme,
)
from bontang.jobseekers.models import JobSeeker
from bontang.jobseekers.search_index import add_skills, refresh_search_fields
from bontang.jobseekers.services import load_skills

FUNDING = ("APBD", "APBN", "CSR", "mandiri")


def may_manage(user, programme: TrainingProgramme) -> bool:
    """Staff manage every programme; a trainer only its own institution's."""
    if user.role in (Role.ADMIN, Role.STAFF):
        return True
    return user.role == Role.TRAINER and user.institution_id == programme.institution_id


def _institution_for(data: dict, actor) -> int:
    if actor.role == Role.TRAINER:
        if data.get("institution_id") not in (None, actor.institution_id):
            raise DomainError(_("Lembaga pelatihan hanya dapat mengelola programnya sendiri."), "institution_id")
        return actor.institution_id
    if db.session.get(TrainingInstitution, data.get("institution_id") or 0) is None:
        raise DomainError(_("Pilih lembaga pelatihan."), "institution_id")
    return data["institution_id"]


def _check_programme(data: dict) -> None:
    if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
        raise DomainError(_("Tanggal selesai tidak boleh sebelum tanggal mulai."), "end_date")
    if data["funding"] not in FUNDING:
        raise DomainError(_("Sumber dana tidak dikenal."), "funding")
    if data.get("scheme_id") and db.session.get(CertificationScheme, data["scheme_id"]) is None:
        raise DomainError(_("Skema sertifikasi tidak dikenal."), "scheme_id")


def save_programme(programme: TrainingProgramme | None, data: dict, *, actor) -> TrainingProgramme:
    """Create or update a programme; a trainer works only on its own institution's programmes."""
    if programme is not None and not may_manage(actor, programme):
        raise DomainError(_("Lembaga pelatihan hanya dapat mengelola programnya sendiri."))
    _check_programme(data)
    created = programme is None
    programme = programme or TrainingProgramme()
    programme.institution_id = _institution_for(data, actor)
    for name in ("title", "skill_area", "hours", "start_date", "end_date", "quota", "funding", "funding_note"):
        setattr(programme, name, data[name])
    programme.scheme_id = data.get("scheme_id") or None
    programme.status = ProgrammeStatus(data["status"])
    programme.skills = load_skills(data.get("skill_ids"))
    db.session.add(programme)
    db.session.flush()
    audit.record("programme.created" if created else "programme.updated", programme,
                 details={"title": programme.title}, actor=actor)
    return programme


def enrol_job_seeker(programme: TrainingProgramme, seeker: JobSeeker | None, *, actor) -> Enrolment:
    """Enrol a registered job seeker; the quota and double enrolment are checked."""
    if seeker is None:
        raise DomainError(_("Pencari kerja dengan NIK atau nomor AK1 itu tidak terdaftar."), "who")
    if programme.status in (ProgrammeStatus.FINISHED, ProgrammeStatus.CANCELLED):
        raise DomainError(_("Program ini sudah selesai atau dibatalkan."), "who")
    exists = db.session.scalar(select(Enrolment.id).where(Enrolment.programme_id == programme.id,
                                                          Enrolment.job_seeker_id == seeker.id))
    if exists:
        raise DomainError(_("Pencari kerja ini sudah terdaftar di program ini."), "who")
    if programme.quota and len(programme.enrolments) >= programme.quota:
        raise DomainError(_("Kuota program sudah penuh."), "who")
    enrolment = Enrolment(programme=programme, job_seeker=seeker)
    db.session.add(enrolment)
    db.session.flush()
    audit.record("enrolment.created", enrolment, details={"programme_id": programme.id, "job_seeker_id": seeker.id},
                 actor=actor)
    return enrolment


def record_result(enrolment: Enrolment, result: str, *, actor) -> Enrolment:
    """Record lulus / tidak lulus; a pass adds the programme's skills to the job seeker."""
    try:
        enrolment.result = EnrolmentResult(result)
    except ValueError as error:
        raise DomainError(_("Hasil harus lulus atau tidak lulus."), "result") from error
    enrolment.result_at = utcnow()
    if enrolment.result == EnrolmentResult.PASSED:
        add_skills((enrolment.job_seeker_id, s.id) for s in enrolment.programme.skills)
    refresh_search_fields([enrolment.job_seeker_id])
    audit.record("enrolment.result", enrolment, details={"result": enrolment.result.value}, actor=actor)
    return enrolment


def check_certificate(data: dict, *, exclude_id: int | None = None) -> CertificationScheme:
    """Dates, scheme, LSP and number uniqueness of a certificate; returns its scheme."""
    if data.get("valid_until") and data["valid_until"] < data["issue_date"]:
        raise DomainError(_("Tanggal berlaku sampai tidak boleh sebelum tanggal terbit."), "valid_until")
    if data["issue_date"] > date.today():
        raise DomainError(_("Tanggal terbit tidak boleh di masa depan."), "issue_date")
    scheme = db.session.get(CertificationScheme, data.get("scheme_id") or 0)
    if scheme is None:
        raise DomainError(_("Skema sertifikasi tidak dikenal."), "scheme_id")
    lsp = db.session.get(TrainingInstitution, data["lsp_id"]) if data.get("lsp_id") else None
    if data.get("lsp_id") and (lsp is None or lsp.kind != InstitutionKind.LSP):
        raise DomainError(_("LSP tidak dikenal."), "lsp_id")
    query = select(Certificate.id).where(Certificate.number == data["number"])
    if exclude_id:
        query = query.where(Certificate.id != exclude_id)
    if db.session.scalar(query):
        raise DomainError(_("Nomor sertifikat ini sudah tercatat."), "number")
    return scheme


def issue_certificate(enrolment: Enrolment, data: dict, *, actor) -> Certificate:
    """Record a competency certificate for a participant who passed."""
    if enrolment.result != EnrolmentResult.PASSED:
        raise DomainError(_("Sertifikat hanya untuk peserta yang lulus."), "enrolment_id")
    scheme = check_certificate(data)
    certificate = Certificate(job_seeker_id=enrolment.job_seeker_id, enrolment_id=enrolment.id, scheme_id=scheme.id,
                              lsp_id=data.get("lsp_id") or None, number=data["number"],
                              registration_number=data.get("registration_number", ""),
                              skkni_units=data.get("skkni_units", ""), issue_date=data["issue_date"],
                              valid_until=data.get("valid_until"))
    db.session.add(certificate)
    db.session.flush()
    add_skills((enrolment.job_seeker_id, s.id) for s in scheme.skills)
    refresh_search_fields([enrolment.job_seeker_id])
    audit.record("certificate.issued", certificate, details={"number": certificate.number}, actor=actor)
    return certificate


def verify_certificate(certificate: Certificate, *, actor) -> Certificate:
    """Disnaker marks a certificate verified (checked against the BNSP register)."""
    if certificate.verified:
        raise DomainError(_("Sertifikat ini sudah diverifikasi."))
    certificate.verified = True
    certificate.verified_at = utcnow()
    certificate.verified_by_id = actor.id
    audit.record("certificate.verified", certificate, details={"number": certificate.number}, actor=actor)
    return certificate


def programmes_for(user):
    """The programmes a user may see: a trainer its institution's, staff all."""
    query = select(TrainingProgramme).order_by(TrainingProgramme.start_date.desc().nulls_last(), TrainingProgramme.id.desc())
    if user.role == Role.TRAINER:
        query = query.where(TrainingProgramme.institution_id == user.institution_id)
    return query


def save_institution(institution: TrainingInstitution | None, data: dict, *, actor) -> TrainingInstitution:
    """Create or update a training institution (BLK, LPK, LSP) with its licence and validity."""
    if data.get("licence_valid_until") and data["licence_valid_until"] < date(2000, 1, 1):
        raise DomainError(_("Tanggal berlaku izin tidak masuk akal."), "licence_valid_until")
    created = institution is None
    institution = institution or TrainingInstitution()
    for name in ("name", "licence_number", "licence_valid_until", "address", "active"):
        setattr(institution, name, data[name])
    institution.kind = InstitutionKind(data["kind"])
    db.session.add(institution)
    db.session.flush()
    audit.record("institution.created" if created else "institution.updated", institution,
                 details={"name": institution.name, "kind": institution.kind.value}, actor=actor)
    return institution
