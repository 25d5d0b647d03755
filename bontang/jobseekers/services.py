"""The job seeker registry: the rules, as plain functions (no request, no commit)."""
from __future__ import annotations

import re
from datetime import date

from cryptography.fernet import InvalidToken
from flask_babel import gettext as _
from sqlalchemy import or_, select

from bontang import audit
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.jobseekers import nik as nik_codec
from bontang.jobseekers.models import EmploymentStatus, JobSeeker, Skill
from bontang.jobseekers.search_index import refresh_search_fields
from bontang.pagination import Page, paginate, paginate_counted

NUMBER_ONLY = re.compile(r"^[\d\s.\-]+$")
LOOKUP_LIMIT = 20
SEEKER_FIELDS = ("ak1_number", "name", "birth_date", "sex", "address", "kelurahan", "phone", "email",
                 "has_bontang_ktp", "education_level", "field_of_study", "experience_years", "experience_notes",
                 "registered_at", "welfare_decile", "has_disability", "disability_details")


def check_nik(raw: str, *, exclude_id: int | None = None) -> str:
    """A valid NIK not yet registered to another job seeker, or a DomainError on field `nik`."""
    value = nik_codec.normalise(raw)
    if not nik_codec.is_valid(value):
        raise DomainError(_("NIK harus 16 digit angka sesuai KTP."), "nik")
    query = select(JobSeeker.id).where(JobSeeker.nik_digest == nik_codec.digest(value))
    if exclude_id is not None:
        query = query.where(JobSeeker.id != exclude_id)
    if db.session.scalar(query) is not None:
        raise DomainError(_("NIK ini sudah terdaftar sebagai pencari kerja."), "nik")
    return value


def _check_seeker(data: dict, exclude_id: int | None) -> None:
    if data["birth_date"] > date.today():
        raise DomainError(_("Tanggal lahir tidak boleh di masa depan."), "birth_date")
    if data.get("registered_at") and data["registered_at"] > date.today():
        raise DomainError(_("Tanggal terdaftar tidak boleh di masa depan."), "registered_at")
    query = select(JobSeeker.id).where(JobSeeker.ak1_number == data["ak1_number"])
    if exclude_id is not None:
        query = query.where(JobSeeker.id != exclude_id)
    if db.session.scalar(query) is not None:
        raise DomainError(_("Nomor AK1 ini sudah dipakai pencari kerja lain."), "ak1_number")
    decile = data.get("welfare_decile")
    if decile is not None and not 1 <= decile <= 10:
        raise DomainError(_("Desil kesejahteraan harus 1 sampai 10."), "welfare_decile")


def load_skills(skill_ids) -> list[Skill]:
    """The skills with these ids; an unknown id is refused."""
    ids = {int(i) for i in skill_ids or []}
    skills = list(db.session.scalars(select(Skill).where(Skill.id.in_(ids)))) if ids else []
    if len(skills) != len(ids):
        raise DomainError(_("Keahlian tidak dikenal."), "skill_ids")
    return skills


def _apply_seeker(seeker: JobSeeker, data: dict) -> None:
    for name in SEEKER_FIELDS:
        if name in data and not (name == "registered_at" and data[name] is None):  # empty: keep today's default
            setattr(seeker, name, data[name])
    if not seeker.has_disability:
        seeker.disability_details = ""
    consent = bool(data.get("consent_to_share"))
    if consent and not seeker.consent_to_share:
        seeker.consent_at = utcnow()
    if not consent:
        seeker.consent_at = None
    seeker.consent_to_share = consent
    if "employment_status" in data:
        seeker.employment_status = EmploymentStatus(data["employment_status"])
    if "skill_ids" in data:
        seeker.skills = load_skills(data["skill_ids"])


def create_job_seeker(data: dict, *, actor) -> JobSeeker:
    """Register an AK1 holder; the NIK is stored encrypted with a digest for uniqueness."""
    value = check_nik(data["nik"])
    _check_seeker(data, None)
    seeker = JobSeeker(**nik_codec.protect(value), registered_at=data.get("registered_at") or date.today())
    _apply_seeker(seeker, data)
    db.session.add(seeker)
    db.session.flush()
    refresh_search_fields([seeker.id])
    # No personal data in the chained details (they cannot be removed later): the object id is enough.
    audit.record("job_seeker.created", seeker, actor=actor)
    return seeker


def update_job_seeker(seeker: JobSeeker, data: dict, *, actor) -> JobSeeker:
    """Change a job seeker's data; a new NIK is checked and re-encrypted."""
    changes = {}
    if data.get("nik"):
        value = check_nik(data["nik"], exclude_id=seeker.id)
        if nik_codec.digest(value) != seeker.nik_digest:
            changes["nik"] = "changed"
            for column, stored in nik_codec.protect(value).items():
                setattr(seeker, column, stored)
    _check_seeker(data, seeker.id)
    consent_before = seeker.consent_to_share
    _apply_seeker(seeker, data)
    if consent_before != seeker.consent_to_share:
        changes["consent_to_share"] = seeker.consent_to_share
    db.session.flush()
    refresh_search_fields([seeker.id])
    audit.record("job_seeker.updated", seeker, details=changes, actor=actor)
    return seeker


def reveal_nik(seeker: JobSeeker, *, actor) -> str:
    """Decrypt the NIK for a Disnaker officer; every reading is audited."""
    try:
        value = nik_codec.decrypt(seeker.nik_cipher)
    except InvalidToken as error:
        raise DomainError(_("NIK tidak dapat dibuka: kunci enkripsi (NIK_KEY) berbeda dari saat disimpan.")) from error
    audit.record("job_seeker.nik_revealed", seeker, actor=actor)
    return value


def find_by_nik(raw: str) -> JobSeeker | None:
    """The job seeker holding this NIK, or None."""
    return db.session.scalar(select(JobSeeker).where(JobSeeker.nik_digest == nik_codec.digest(nik_codec.normalise(raw))))


def find_by_nik_or_ak1(raw: str) -> JobSeeker | None:
    """Look a job seeker up by NIK (exact) or AK1 number."""
    value = (raw or "").strip()
    if not value:
        return None
    digest = nik_codec.digest(nik_codec.normalise(value))
    return db.session.scalar(select(JobSeeker).where(or_(JobSeeker.nik_digest == digest, JobSeeker.ak1_number == value)))


def lookup_job_seekers(q: str, limit: int = LOOKUP_LIMIT) -> list[int]:
    """Ids of job seekers found by part of the name, the exact AK1 number or the full NIK, by name.

    A number that is neither an AK1 number nor a whole, valid NIK is refused: the NIK is protected
    data and cannot be probed digit by digit.
    """
    q = (q or "").strip()[:100]
    if len(q) < 2:
        raise DomainError(_("Ketik minimal 2 huruf nama, nomor AK1, atau NIK lengkap (16 digit)."), "q")
    by_name = or_(JobSeeker.name.icontains(q, autoescape=True), JobSeeker.ak1_number == q)
    query = select(JobSeeker.id).order_by(JobSeeker.name, JobSeeker.id).limit(limit)
    if NUMBER_ONLY.match(q):
        digits = nik_codec.normalise(q)
        by_ak1 = list(db.session.scalars(query.where(JobSeeker.ak1_number == q)))
        if by_ak1:
            return by_ak1
        if len(digits) != 16:
            raise DomainError(_("NIK harus lengkap 16 digit; pencarian dengan sebagian NIK tidak diizinkan."), "q")
        if not nik_codec.is_valid(digits):
            raise DomainError(_("NIK tidak valid: periksa kembali 16 digitnya."), "q")
        return list(db.session.scalars(query.where(JobSeeker.nik_digest == nik_codec.digest(digits))))
    return list(db.session.scalars(query.where(by_name)))


def search_job_seekers(q: str = "", status: str = "", consent: str = ""):
    """The staff registry query: by name, AK1 number or exact NIK; by status and consent."""
    query = select(JobSeeker).order_by(JobSeeker.registered_at.desc(), JobSeeker.id.desc())
    q = (q or "").strip()
    if q:
        digest = nik_codec.digest(nik_codec.normalise(q))
        query = query.where(or_(JobSeeker.name.ilike(f"%{q}%"), JobSeeker.ak1_number == q, JobSeeker.nik_digest == digest))
    if status in {s.value for s in EmploymentStatus}:
        query = query.where(JobSeeker.employment_status == EmploymentStatus(status))
    if consent in ("1", "0"):
        query = query.where(JobSeeker.consent_to_share.is_(consent == "1"))
    return query


def registry_page(q: str, status: str, consent: str, page: int, per_page: int = 25) -> Page:
    """One page of the registry. A text search counts its (few, trigram-indexed) matches with a window
    count in the page query; the unfiltered list counts from an index instead of sorting every row."""
    query = search_job_seekers(q, status, consent)
    if (q or "").strip():
        return paginate_counted(query, page, per_page)
    return paginate(query, page, per_page)


def export_job_seekers(out, fmt: str, q: str = "", status: str = "", consent: str = "") -> int:
    """Write every job seeker the registry filters select to `out` as "csv" or "xlsx"; returns the rows written.

    Reads plain columns in batches (no ORM objects, a server-side cursor on PostgreSQL), so memory
    stays flat for any number of rows; nothing is left out.
    """
    from bontang.exports import write_table
    from bontang.jobseekers.forms import STATUS_LABELS

    s = JobSeeker
    columns = (s.ak1_number, s.nik_tail, s.name, s.birth_date, s.sex, s.kelurahan, s.has_bontang_ktp, s.education_level,
               s.field_of_study, s.employment_status, s.consent_to_share, s.registered_at)
    query = search_job_seekers(q, status, consent).with_only_columns(*columns).execution_options(yield_per=2000)
    headers = [_("Nomor AK1"), _("NIK"), _("Nama"), _("Tanggal lahir"), _("L/P"), _("Kelurahan"), _("KTP Bontang"),
               _("Pendidikan"), _("Jurusan"), _("Status kerja"), _("Bersedia ditampilkan"), _("Terdaftar")]
    labels = {key: str(label) for key, label in STATUS_LABELS.items()}
    rows = ([r.ak1_number, "•" * 12 + r.nik_tail, r.name, r.birth_date, r.sex, r.kelurahan, r.has_bontang_ktp,
             r.education_level, r.field_of_study, labels[r.employment_status], r.consent_to_share, r.registered_at]
            for r in db.session.execute(query))
    return write_table(out, fmt, headers, rows, title="Pencari kerja")
