"""Interviews on the company side: invite with a date, time, place or link and contact; reschedule; cancel."""
from __future__ import annotations

from datetime import date, datetime, time

from flask_babel import gettext as _

from bontang import audit
from bontang.core import WITA_OFFSET, DomainError, utcnow
from bontang.hiring.models import CandidateProposal, ProposalStage
from bontang.hiring.seeker_notify import interview_details, tell_seeker
from bontang.hiring.selection import check_decision_open
from bontang.inputs import clean_text

P = ProposalStage


def _when(day: date | None, at: time | None, now: datetime) -> datetime:
    if day is None:
        raise DomainError(_("Isi tanggal wawancara."), "interview_date")
    if at is None:
        raise DomainError(_("Isi jam wawancara."), "interview_time")
    when = datetime.combine(day, at) - WITA_OFFSET  # typed in WITA, stored as naive UTC like every timestamp
    if when <= now:
        raise DomainError(_("Jadwal wawancara sudah lewat; pilih tanggal dan jam yang akan datang."), "interview_date")
    return when


def schedule_interview(proposal: CandidateProposal, data: dict, *, actor, now: datetime | None = None):
    """Invite a proposed candidate to an interview, or move an interview to a new time or place."""
    check_decision_open(proposal)
    stage = ProposalStage(proposal.stage)
    if stage not in (P.PROPOSED, P.INTERVIEW):
        raise DomainError(_("Kandidat ini tidak lagi dapat diundang wawancara."))
    when = _when(data.get("interview_date"), data.get("interview_time"), now or utcnow())
    place = clean_text(data.get("place"), max_length=300, field="place",
                       required_message=_("Isi tempat wawancara atau tautan rapat daring."))
    contact = clean_text(data.get("contact"), max_length=200, field="contact",
                         required_message=_("Isi narahubung (nama dan nomor telepon)."))
    note = clean_text(data.get("note"), max_length=1000, field="note")
    rescheduled = stage == P.INTERVIEW
    if rescheduled and (when, place, contact, note) == (proposal.interview_at, proposal.interview_place,
                                                        proposal.interview_contact, proposal.interview_note):
        raise DomainError(_("Jadwal tidak berubah."), "interview_date")
    proposal.stage = P.INTERVIEW
    proposal.interview_at, proposal.interview_place, proposal.interview_contact = when, place, contact
    proposal.interview_note = note
    audit.record("hiring.interview_rescheduled" if rescheduled else "hiring.candidate_interview",
                 proposal.hiring_request, actor=actor,
                 details={"proposal_id": proposal.id, "interview_at": when.isoformat()})
    tell_seeker(proposal, "rescheduled" if rescheduled else "interview", **interview_details(proposal))
    return proposal


def cancel_interview(proposal: CandidateProposal, reason: str = "", *, actor) -> CandidateProposal:
    """Call off a scheduled interview; the candidate stays proposed and may be invited again."""
    check_decision_open(proposal)
    if ProposalStage(proposal.stage) != P.INTERVIEW:
        raise DomainError(_("Tidak ada wawancara terjadwal untuk kandidat ini."))
    reason = clean_text(reason, max_length=500, field="reason")
    previous = proposal.interview_at
    proposal.stage, proposal.interview_at = P.PROPOSED, None
    proposal.interview_place = proposal.interview_contact = proposal.interview_note = ""
    audit.record("hiring.interview_cancelled", proposal.hiring_request, actor=actor,
                 details={"proposal_id": proposal.id, "was": previous.isoformat() if previous else None})
    tell_seeker(proposal, "interview_cancelled", reason=reason, version=utcnow().strftime("%m%d%H%M%S"))
    return proposal
