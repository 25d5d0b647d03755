"""The job seeker in the loop: one e-mail per step of their way (proposed, interview, decision).

Job seekers have no accounts, so mail goes to the address in their AK1 registration. Everything
personal (their name, the company, the interview's time and place) is a `secret` of the message:
the outbox that administrators read shows only the metadata; the full text reaches the person.
A job seeker without an e-mail address is listed for staff to call (`to_call_query`).
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from bontang import audit
from bontang.core import DomainError, in_wita
from bontang.extensions import db
from bontang.jobseekers.models import JobSeeker
from bontang.hiring.models import CandidateProposal, HiringRequest
from bontang.mail import queue_mail

SUBJECTS = {
    "proposed": _l("Anda diusulkan Disnaker untuk sebuah lowongan kerja"),
    "interview": _l("Undangan wawancara kerja"),
    "rescheduled": _l("Perubahan jadwal wawancara kerja"),
    "interview_cancelled": _l("Wawancara kerja dibatalkan"),
    "accepted": _l("Selamat, Anda diterima bekerja"),
    "not_selected": _l("Hasil seleksi lowongan kerja"),
}


def tell_seeker(proposal: CandidateProposal, step: str, **details) -> None:
    """Record what the job seeker must know now and e-mail it (once); no address: staff will call."""
    proposal.seeker_step = f"{step}:{details.pop('version', '')}"[:40]
    seeker, request = proposal.job_seeker, proposal.hiring_request
    if not seeker.email:
        return
    context = {"name": seeker.name, "company": request.company.name, "title": request.title,
               "location": request.work_location or "", **{k: str(v) for k, v in details.items()}}
    queue_mail(seeker.email, str(SUBJECTS[step]), f"seeker_{step}", kind=f"hiring.seeker_{step}",
               secrets=tuple(context), **context)
    proposal.seeker_told = proposal.seeker_step


def interview_details(proposal: CandidateProposal) -> dict:
    """The interview as the job seeker reads it: day and time in WITA, place or link, contact."""
    local = in_wita(proposal.interview_at)
    return {"when": local.strftime("%d-%m-%Y pukul %H.%M WITA"), "place": proposal.interview_place,
            "contact": proposal.interview_contact, "note": proposal.interview_note,
            "version": local.strftime("%m%d%H%M")}


def to_call_query() -> Select:
    """Proposals whose job seeker has no e-mail and has not yet been told their latest step."""
    return (select(CandidateProposal).join(JobSeeker).join(HiringRequest)
            .options(joinedload(CandidateProposal.job_seeker), joinedload(CandidateProposal.hiring_request))
            .where(JobSeeker.email == "", CandidateProposal.seeker_step != "",
                   CandidateProposal.seeker_step != CandidateProposal.seeker_told)
            .order_by(CandidateProposal.id))


def mark_called(proposal: CandidateProposal, *, actor) -> CandidateProposal:
    """Staff phoned the job seeker and told them their latest step."""
    if not proposal.seeker_step or proposal.seeker_step == proposal.seeker_told:
        raise DomainError(_("Tidak ada kabar baru untuk pencari kerja ini; daftar sudah diperbarui."))
    proposal.seeker_told = proposal.seeker_step
    audit.record("hiring.seeker_called", proposal.hiring_request, actor=actor,
                 details={"proposal_id": proposal.id, "step": proposal.seeker_step})
    return proposal


def step_label(step: str) -> str:
    """What staff must tell the job seeker on the phone."""
    labels = {"proposed": _("diusulkan ke perusahaan"), "interview": _("diundang wawancara"),
              "rescheduled": _("jadwal wawancara berubah"), "interview_cancelled": _("wawancara dibatalkan"),
              "accepted": _("diterima bekerja"), "not_selected": _("tidak terpilih")}
    return labels.get(step.split(":", 1)[0], step)


def tell_not_selected(*conditions, reason: str) -> None:
    """Before a bulk withdrawal (positions filled, request closed): tell each waiting candidate."""
    from bontang.hiring.selection import ACTIVE_STAGES

    for proposal in db.session.scalars(select(CandidateProposal).where(CandidateProposal.stage.in_(ACTIVE_STAGES),
                                                                       *conditions)):
        tell_seeker(proposal, "not_selected", reason=reason)
    db.session.flush()
