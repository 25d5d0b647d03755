"""Data-subject requests: export, withdrawal of consent, anonymisation (on request or at the end of retention).

Audit events about a person never hold their name or NIK: they point at the job seeker by id and
carry a keyed pseudonym (`pseudonym`). The chain's MAC covers `details`, so anything written there
could never be removed without breaking `audit-verify`; keeping identity out of it at write time
lets anonymisation rewrite the job seeker's row while every past event still verifies.
"""
from __future__ import annotations

from datetime import date, datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, exists, select

from bontang import audit
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.jobseekers import nik as nik_codec
from bontang.jobseekers.models import JobSeeker
from bontang.jobseekers.search_index import refresh_search_fields
from bontang.hiring.models import CandidateProposal, Placement, ProposalStage
from bontang.privacy import access, export, export_jobs, scrub
from bontang.privacy.models import Erasure

FORMATS = ("json", "pdf")
RETENTION_BATCH = 200  # people anonymised per run of the periodic job


def pseudonym(job_seeker_id: int) -> str:
    """A stable keyed pseudonym for a job seeker (HMAC under AUDIT_KEY): links events without naming anyone."""
    return "P-" + audit.mac(f"privacy:job_seeker:{job_seeker_id}")[:16]


def is_anonymised(seeker: JobSeeker) -> bool:
    return db.session.scalar(select(exists().where(Erasure.job_seeker_id == seeker.id)))


def export_job_seeker(seeker: JobSeeker, fmt: str, *, actor) -> tuple[str, bytes]:
    """The file of everything held about a person, at once (JSON; the views queue the PDF through
    export_jobs); refused for another institution's trainer."""
    if fmt not in FORMATS:
        raise DomainError(_("Format ekspor tidak dikenal."), "fmt")
    if not access.may_handle(actor, seeker):
        raise PermissionError("not this institution's person")
    data = export.build_export(seeker, institution_id=access.trainer_scope(actor), actor=actor)
    body = export.to_json(data) if fmt == "json" else export.to_pdf(data)
    audit.record("privacy.exported", seeker, actor=actor,
                 details={"subject": pseudonym(seeker.id), "format": fmt, "scope": data["scope"]})
    return f"data-pribadi-{pseudonym(seeker.id)}.{fmt}", body


def withdraw_consent(seeker: JobSeeker, *, actor) -> int:
    """Hide the person from companies now: consent cleared, undecided proposals withdrawn. Returns how many."""
    from bontang.hiring import selection

    if not seeker.consent_to_share and not _active_proposals(seeker):
        raise DomainError(_("Orang ini tidak (lagi) memberi persetujuan; tidak ada yang perlu ditarik."))
    seeker.consent_to_share, seeker.consent_at = False, None
    withdrawn = 0
    for proposal in _active_proposals(seeker):
        try:
            selection.withdraw_proposal(proposal, _("Pencari kerja menarik persetujuan (UU 27/2022)."), actor=actor)
            withdrawn += 1
        except DomainError:
            continue  # the company decided on it meanwhile: a decision is a record, not a display
    db.session.flush()
    audit.record("privacy.consent_withdrawn", seeker, actor=actor,
                 details={"subject": pseudonym(seeker.id), "proposals_withdrawn": withdrawn})
    return withdrawn


def _active_proposals(seeker: JobSeeker) -> list[CandidateProposal]:
    return list(db.session.scalars(select(CandidateProposal).where(
        CandidateProposal.job_seeker_id == seeker.id,
        CandidateProposal.stage.in_((ProposalStage.PROPOSED, ProposalStage.INTERVIEW)))))


def anonymise_job_seeker(seeker: JobSeeker, reason: str, *, actor) -> Erasure:
    """Replace everything that identifies the person with a pseudonym; placements and the audit chain stay."""
    if reason not in ("request", "retention"):
        raise DomainError(_("Alasan penghapusan tidak dikenal."), "reason")
    if is_anonymised(seeker):
        raise DomainError(_("Data orang ini sudah dianonimkan."))
    label = pseudonym(seeker.id)
    old_name, old_nik, old_email, old_ak1 = seeker.name, export.nik_of(seeker), seeker.email, seeker.ak1_number
    if seeker.consent_to_share or _active_proposals(seeker):
        withdraw_consent(seeker, actor=actor)
    _blank_person(seeker, label)
    export_jobs.forget_files(job_seeker_id=seeker.id)
    scrub.remove_traces(seeker, label, names=[old_name], niks=[old_nik] if old_nik else [], email=old_email,
                        ak1=old_ak1)
    erasure = Erasure(job_seeker_id=seeker.id, pseudonym=label, reason=reason, erased_at=utcnow(),
                      erased_by_id=getattr(actor, "id", None))
    db.session.add(erasure)
    db.session.flush()
    refresh_search_fields([seeker.id])
    audit.record("privacy.anonymised", seeker, actor=actor, details={"subject": label, "reason": reason})
    return erasure


def _blank_person(seeker: JobSeeker, label: str) -> None:
    seeker.name = f"Anonim {label}"  # stored data, not interface text: the same in every language
    seeker.nik_cipher = ""
    seeker.nik_digest = audit.mac(f"privacy:erased-nik:{seeker.id}")  # unique, matches no real NIK's digest
    seeker.nik_tail = "----"
    seeker.ak1_number = f"ANON-{seeker.id}"
    seeker.birth_date = date(seeker.birth_date.year, 1, 1)  # the year stays for age statistics
    seeker.address = seeker.phone = seeker.email = seeker.kelurahan = ""
    seeker.experience_notes = seeker.disability_details = ""
    seeker.welfare_decile = None


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when that month is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def retention_cutoff(today: date | None = None) -> datetime:
    months = current_app.config["JOBSEEKER_RETENTION_MONTHS"]
    return datetime.combine(months_before(today or date.today(), months), datetime.min.time())


def due_for_retention(today: date | None = None, limit: int = RETENTION_BATCH) -> list[JobSeeker]:
    """People with no activity (registration, change, proposal, placement) since the retention period began."""
    cutoff = retention_cutoff(today)
    recent_proposal = exists().where(CandidateProposal.job_seeker_id == JobSeeker.id,
                                     CandidateProposal.proposed_at >= cutoff)
    recent_placement = exists().where(Placement.job_seeker_id == JobSeeker.id, Placement.created_at >= cutoff)
    erased = exists().where(Erasure.job_seeker_id == JobSeeker.id)
    return list(db.session.scalars(select(JobSeeker).where(and_(
        JobSeeker.registered_at < cutoff.date(), JobSeeker.updated_at < cutoff,
        ~recent_proposal, ~recent_placement, ~erased)).order_by(JobSeeker.id).limit(limit)))


def anonymise_expired(today: date | None = None) -> int:
    """Anonymise everyone whose retention period ended (the periodic job); returns how many."""
    people = due_for_retention(today)
    for seeker in people:
        anonymise_job_seeker(seeker, "retention", actor=None)
    return len(people)


def find_person(raw: str) -> JobSeeker | None:
    """A job seeker by NIK or AK1 number (what a person brings to the counter)."""
    from bontang.jobseekers.services import find_by_nik_or_ak1

    value = nik_codec.normalise(raw) if raw and raw.strip().isdigit() else (raw or "").strip()
    return find_by_nik_or_ak1(value) if value else None
