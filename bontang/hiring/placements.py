"""The life of a placement: who works where now, and the end (contract ended, resignation, dismissal)."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select, update
from sqlalchemy.orm import joinedload

from bontang import audit
from bontang.core import DomainError
from bontang.extensions import db
from bontang.jobseekers.models import EmploymentStatus, JobSeeker
from bontang.hiring.models import Placement
from bontang.inputs import clean_text

END_REASONS = (
    ("kontrak_selesai", _l("Kontrak berakhir")),
    ("mengundurkan_diri", _l("Mengundurkan diri")),
    ("diberhentikan", _l("Diberhentikan (PHK)")),
    ("lainnya", _l("Alasan lain")),
)
NOTE_REQUIRED = frozenset({"diberhentikan", "lainnya"})


def placements_query(company_id: int | None, state: str = "active") -> Select:
    """Placements of one company (or all, for Disnaker): active, ended or both; newest first."""
    query = (select(Placement).options(joinedload(Placement.job_seeker), joinedload(Placement.hiring_request),
                                       joinedload(Placement.company))
             .order_by(Placement.start_date.desc(), Placement.id.desc()))
    if company_id is not None:
        query = query.where(Placement.company_id == company_id)
    if state == "active":
        query = query.where(Placement.ended_on.is_(None))
    elif state == "ended":
        query = query.where(Placement.ended_on.is_not(None))
    return query


def end_placement(placement: Placement, ended_on: date | None, reason: str, note: str = "", *, actor,
                  today: date | None = None) -> Placement:
    """Record the end of a placement; the person becomes available for other requests again."""
    today = today or date.today()
    note = clean_text(note, max_length=1000, field="note")
    if placement.ended_on is not None:
        raise DomainError(_("Penempatan ini sudah berakhir pada %(d)s.", d=placement.ended_on.strftime("%d-%m-%Y")))
    if ended_on is None:
        raise DomainError(_("Isi tanggal berakhirnya penempatan."), "ended_on")
    if ended_on < placement.start_date:
        raise DomainError(_("Tanggal berakhir tidak boleh sebelum tanggal mulai bekerja (%(d)s).",
                            d=placement.start_date.strftime("%d-%m-%Y")), "ended_on")
    if ended_on > today:
        raise DomainError(_("Tanggal berakhir tidak boleh di masa depan; catat setelah hubungan kerja berakhir."),
                          "ended_on")
    if reason not in dict(END_REASONS):
        raise DomainError(_("Pilih alasan dari daftar."), "reason")
    if reason in NOTE_REQUIRED and not note:
        raise DomainError(_("Tuliskan keterangannya."), "note")
    placement.ended_on, placement.end_reason, placement.end_note = ended_on, reason, note
    placement.ended_by_id = getattr(actor, "id", None)
    db.session.flush()
    db.session.execute(update(JobSeeker).where(JobSeeker.id == placement.job_seeker_id)
                       .values(employment_status=EmploymentStatus.AVAILABLE).execution_options(synchronize_session=False))
    db.session.expire(placement.job_seeker, ["employment_status"])
    audit.record("hiring.placement_ended", placement.hiring_request, actor=actor,
                 details={"placement_id": placement.id, "job_seeker_id": placement.job_seeker_id,
                          "ended_on": ended_on.isoformat(), "reason": reason})
    return placement
