"""Filing hiring requests and moving them through Disnaker's review."""
from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from bontang import audit
from bontang.core import DomainError
from bontang.extensions import db
from bontang.training.models import CertificationScheme
from bontang.jobseekers.models import Skill
from bontang.hiring import notify
from bontang.hiring.ranking import check_hard_filters
from bontang.hiring.models import EmploymentType, HiringRequest, Occupation
from bontang.hiring.workflow import AWAITING_REVIEW, EDITABLE, FINAL, S, status_label, transition
from bontang.inputs import clean_text
from bontang.tasks.queue import defer

REQUEST_FIELDS = ("title", "positions", "valid_until", "age_min", "age_max", "sex", "education_min",
                  "field_of_study", "experience_years", "wage_min", "wage_max", "work_location", "employment_type",
                  "kbji_code", "scheme_id", "planned_local_percent", "local_justification", "disability_friendly",
                  "notes", "scheme_required", "skills_min",
                  "job_description", "duties")
EDUCATION_LEVELS = ("SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1", "S2")
SEXES = ("any", "L", "P")


def local_quota() -> int:
    """The minimum local share in percent (Perda Kota Bontang 10/2018: 75)."""
    return int(current_app.config["LOCAL_QUOTA_PERCENT"])


def wage_below_umk(request: HiringRequest) -> bool:
    """Whether the offered minimum wage is below the UMK Bontang (a warning, not a refusal)."""
    return bool(request.wage_min) and request.wage_min < int(current_app.config["UMK_BONTANG"])


def _check_numbers(data: dict, today: date) -> None:
    if data["positions"] is None or data["positions"] < 1:
        raise DomainError(_("Jumlah tenaga kerja minimal 1."), "positions")
    if data["valid_until"] is None or data["valid_until"] < today:
        raise DomainError(_("Batas waktu lowongan tidak boleh di masa lalu."), "valid_until")
    if data["age_min"] > data["age_max"]:
        raise DomainError(_("Usia minimal tidak boleh lebih dari usia maksimal."), "age_min")
    if data["wage_max"] and data["wage_min"] > data["wage_max"]:
        raise DomainError(_("Upah minimal tidak boleh lebih dari upah maksimal."), "wage_min")
    if not 0 <= data["planned_local_percent"] <= 100:
        raise DomainError(_("Porsi tenaga kerja lokal harus antara 0 dan 100%."), "planned_local_percent")
    if data["planned_local_percent"] < local_quota() and not (data.get("local_justification") or "").strip():
        raise DomainError(_("Porsi lokal di bawah %(quota)d%%: tuliskan alasannya, misalnya keahlian tidak "
                            "tersedia di Bontang.", quota=local_quota()), "local_justification")


def _check_references(data: dict) -> list[Skill]:
    if data["sex"] not in SEXES:
        raise DomainError(_("Pilihan jenis kelamin tidak dikenal."), "sex")
    if data["education_min"] not in EDUCATION_LEVELS:
        raise DomainError(_("Jenjang pendidikan tidak dikenal."), "education_min")
    try:
        EmploymentType(data["employment_type"])
    except ValueError:
        raise DomainError(_("Jenis hubungan kerja tidak dikenal."), "employment_type") from None
    if data.get("kbji_code") and not db.session.scalar(select(Occupation.id).where(Occupation.code == data["kbji_code"])):
        raise DomainError(_("Kode KBJI %(code)s tidak ditemukan.", code=data["kbji_code"]), "kbji_code")
    if data.get("scheme_id") and db.session.get(CertificationScheme, data["scheme_id"]) is None:
        raise DomainError(_("Skema sertifikasi tidak ditemukan."), "scheme_id")
    ids = sorted(set(data.get("skill_ids") or []))
    skills = list(db.session.scalars(select(Skill).where(Skill.id.in_(ids)))) if ids else []
    if len(skills) != len(ids):
        raise DomainError(_("Ada keahlian yang tidak ditemukan dalam daftar."), "skill_ids")
    return skills


def _validated(data: dict, today: date | None = None) -> tuple[dict, list[Skill]]:
    data = dict(data)
    for key in ("field_of_study", "work_location", "kbji_code", "local_justification", "notes", "job_description",
                "duties"):
        data[key] = (data.get(key) or "").strip()
    for key in ("experience_years", "wage_min", "wage_max", "age_min", "age_max"):
        data[key] = data.get(key) or 0
    data["scheme_id"] = data.get("scheme_id") or None
    if data["experience_years"] < 0 or data["wage_min"] < 0 or data["wage_max"] < 0 or data["age_min"] < 15:
        raise DomainError(_("Angka tidak boleh negatif dan usia minimal 15 tahun."), "age_min")
    _check_numbers(data, today or date.today())
    skills = _check_references(data)
    check_hard_filters(data, skills)
    data["employment_type"] = EmploymentType(data["employment_type"])
    return data, skills


def create_request(company, data: dict, *, actor) -> HiringRequest:
    """Save a new hiring request as a draft."""
    from bontang.hiring.workflow import record_creation

    data, skills = _validated(data)
    request = HiringRequest(company_id=company.id, created_by_id=getattr(actor, "id", None), status=S.DRAFT,
                            **{key: data[key] for key in REQUEST_FIELDS})
    request.skills = skills
    db.session.add(request)
    db.session.flush()
    record_creation(request, actor=actor)
    audit.record("hiring.created", request, actor=actor, details={"title": request.title})
    return request


def update_request(request: HiringRequest, data: dict, *, actor) -> HiringRequest:
    """Edit a draft or a returned request; submitted requests cannot be edited."""
    if request.status not in EDITABLE:
        raise DomainError(_("Permintaan yang sudah diajukan tidak dapat diubah."))
    data, skills = _validated(data)
    changed = [key for key in REQUEST_FIELDS if getattr(request, key) != data[key]]
    for key in REQUEST_FIELDS:
        setattr(request, key, data[key])
    if {s.id for s in request.skills} != {s.id for s in skills}:
        request.skills = skills
        changed.append("skills")
    db.session.flush()
    audit.record("hiring.updated", request, actor=actor, details={"changed": changed})
    return request


def submit_request(request: HiringRequest, *, actor) -> HiringRequest:
    """Send a draft (or a returned request) to Disnaker for verification."""
    if request.valid_until < date.today():
        raise DomainError(_("Batas waktu lowongan sudah lewat; ubah dulu tanggalnya."), "valid_until")
    target = S.RESUBMITTED if request.status == S.RETURNED else S.SUBMITTED
    transition(request, target, actor=actor)
    notify.request_submitted(request)
    return request


def withdraw_request(request: HiringRequest, note: str = "", *, actor) -> HiringRequest:
    """The company withdraws (cancels) its request."""
    note = clean_text(note, max_length=2000, field="note")
    transition(request, S.CANCELLED, actor=actor, note=note)
    return request


def review_request(request: HiringRequest, decision: str, note: str = "", *, actor) -> HiringRequest:
    """Disnaker verifies, returns (with a note) or rejects (with a note) a submitted request."""
    targets = {"verify": S.VERIFIED, "return": S.RETURNED, "reject": S.REJECTED}
    if decision not in targets:
        raise DomainError(_("Keputusan tidak dikenal."))
    note = clean_text(note, max_length=2000, field="note")
    if decision != "verify" and not note:
        raise DomainError(_("Tuliskan catatan untuk perusahaan."), "note")
    if request.status not in AWAITING_REVIEW:
        raise DomainError(_("Permintaan ini sudah diproses (status sekarang: %(now)s).",
                            now=status_label(request.status)))
    transition(request, targets[decision], actor=actor, note=note)
    notify.request_reviewed(request, note)
    if decision == "verify":
        defer("refresh_ranking", request.id)
    return request


def expire_requests(today: date | None = None, *, actor=None) -> int:
    """Mark every unfinished request past its validity as expired; returns how many."""
    today = today or date.today()
    live = [s for s in (S.SUBMITTED, S.RETURNED, S.RESUBMITTED, S.VERIFIED, S.CANDIDATES_PROPOSED,
                              S.PARTLY_FILLED)]
    ids = db.session.scalars(select(HiringRequest.id).where(HiringRequest.status.in_(live),
                                                            HiringRequest.valid_until < today)).all()
    expired = 0
    for request_id in ids:
        request = db.session.get(HiringRequest, request_id)
        try:
            transition(request, S.EXPIRED, actor=actor, note=_("Melewati batas waktu lowongan."))
        except DomainError:
            continue
        expired += 1
    return expired


def similar_requests(request: HiringRequest) -> list[HiringRequest]:
    """The company's other live requests for the same job and number of people (a likely duplicate)."""
    return list(db.session.scalars(select(HiringRequest).where(
        HiringRequest.company_id == request.company_id, HiringRequest.id != request.id,
        func.lower(HiringRequest.title) == request.title.strip().lower(), HiringRequest.positions == request.positions,
        HiringRequest.kbji_code == request.kbji_code, HiringRequest.status.not_in(FINAL)).order_by(HiringRequest.id)))


def assign_officer(request: HiringRequest, officer_id: int | None, *, actor) -> HiringRequest:
    """Disnaker assigns (or unassigns, with None) the officer who handles a request."""
    from bontang.accounts.models import Role, User

    officer = db.session.get(User, officer_id) if officer_id else None
    if officer_id and (officer is None or not officer.active or officer.role not in (Role.STAFF, Role.ADMIN)):
        raise DomainError(_("Petugas tidak ditemukan."), "officer_id")
    if (officer.id if officer else None) == request.assigned_officer_id:
        raise DomainError(_("Petugas permintaan ini tidak berubah."), "officer_id")
    request.assigned_officer_id = officer.id if officer else None
    audit.record("hiring.officer_assigned", request, actor=actor, details={"officer_id": request.assigned_officer_id})
    return request
