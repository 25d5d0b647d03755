"""Copies of a person's identity outside their own row: stored e-mails, kept import rows, free-text notes.

Anonymisation replaces the name, NIK and AK1 number in each of them with the pseudonym, so no page
(outbox, import preview, proposal notes) shows them afterwards.
"""
from __future__ import annotations

from sqlalchemy import or_, select

from bontang.extensions import db
from bontang.jobseekers import nik as nik_codec
from bontang.graduates.models import GraduateProposalAsk
from bontang.training.models import ImportBatch
from bontang.jobseekers.models import JobSeeker
from bontang.hiring.models import CandidateProposal
from bontang.mail import OutboxMessage


def _replace(text: str, needles: list[str], label: str) -> str:
    for needle in needles:
        if needle:
            text = text.replace(needle, label)
    return text


def remove_traces(seeker: JobSeeker, label: str, *, names: list[str], niks: list[str], email: str,
                  ak1: str = "") -> None:
    """Replace the person's identifiers with `label` wherever the portal kept a copy of them."""
    needles = [n for n in [*names, *niks, ak1] if n and len(n) >= 3]
    _outbox(needles, label, email)
    _imports(niks, names, label)
    for ask in db.session.scalars(select(GraduateProposalAsk).where(GraduateProposalAsk.job_seeker_id == seeker.id)):
        ask.note, ask.staff_note = _replace(ask.note, needles, label), _replace(ask.staff_note, needles, label)
    for proposal in db.session.scalars(select(CandidateProposal).where(CandidateProposal.job_seeker_id == seeker.id)):
        proposal.rank_reason = _replace(proposal.rank_reason, needles, label)
        proposal.reason_text = _replace(proposal.reason_text, needles, label)


def _outbox(needles: list[str], label: str, email: str) -> None:
    conditions = [OutboxMessage.body.contains(n, autoescape=True) for n in needles]
    conditions += [OutboxMessage.subject.contains(n, autoescape=True) for n in needles]
    if email:
        conditions.append(OutboxMessage.to_email == email)
    if not conditions:
        return
    for message in db.session.scalars(select(OutboxMessage).where(or_(*conditions))):
        message.subject = _replace(message.subject, needles, label)[:300]
        message.body = _replace(message.body, needles, label)
        if email and message.to_email == email:
            message.to_email, message.private_body = f"{label.lower()}@anonim.invalid", None


def _imports(niks: list[str], names: list[str], label: str) -> None:
    """Rows of files uploaded but not applied (applied files keep no rows)."""
    wanted = set(niks)
    for batch in db.session.scalars(select(ImportBatch).where(ImportBatch.applied_at.is_(None))):
        changed, rows = False, []
        for row in batch.rows or []:
            if isinstance(row, dict) and (nik_codec.normalise(str(row.get("nik", ""))) in wanted
                                          or row.get("name") in names):
                row = {**row, "nik": label, "name": label}
                changed = True
            rows.append(row)
        if changed:
            batch.rows = rows
