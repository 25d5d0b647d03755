"""The hiring request state machine: allowed transitions, labels, and the guarded status change."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from bontang import audit
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.hiring.models import CandidateProposal, HiringRequest, HiringStatus, HiringStatusChange, ProposalStage
from bontang.templating import localised

S = HiringStatus

TRANSITIONS: dict[HiringStatus, frozenset[HiringStatus]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.CANCELLED}),
    S.SUBMITTED: frozenset({S.RETURNED, S.VERIFIED, S.REJECTED, S.CANCELLED, S.EXPIRED}),
    S.RETURNED: frozenset({S.RESUBMITTED, S.CANCELLED, S.EXPIRED}),
    S.RESUBMITTED: frozenset({S.RETURNED, S.VERIFIED, S.REJECTED, S.CANCELLED, S.EXPIRED}),
    S.VERIFIED: frozenset({S.CANDIDATES_PROPOSED, S.CANCELLED, S.EXPIRED}),
    S.CANDIDATES_PROPOSED: frozenset({S.VERIFIED, S.PARTLY_FILLED, S.FILLED, S.CANCELLED, S.EXPIRED}),
    S.PARTLY_FILLED: frozenset({S.FILLED, S.CANCELLED, S.EXPIRED}),
    S.FILLED: frozenset(),
    S.REJECTED: frozenset(),
    S.CANCELLED: frozenset(),
    S.EXPIRED: frozenset(),
}

EDITABLE = frozenset({S.DRAFT, S.RETURNED})
AWAITING_REVIEW = frozenset({S.SUBMITTED, S.RESUBMITTED})
OPEN = frozenset({S.VERIFIED, S.CANDIDATES_PROPOSED, S.PARTLY_FILLED})
FINAL = frozenset(s for s, targets in TRANSITIONS.items() if not targets)

STATUS_LABELS = {
    S.DRAFT: _l("Draf"),
    S.SUBMITTED: _l("Diajukan"),
    S.RETURNED: _l("Dikembalikan untuk perbaikan"),
    S.RESUBMITTED: _l("Diajukan ulang"),
    S.VERIFIED: _l("Terverifikasi (dibuka)"),
    S.CANDIDATES_PROPOSED: _l("Kandidat diusulkan"),
    S.PARTLY_FILLED: _l("Terisi sebagian"),
    S.FILLED: _l("Terisi penuh"),
    S.REJECTED: _l("Ditolak"),
    S.CANCELLED: _l("Dibatalkan"),
    S.EXPIRED: _l("Kedaluwarsa"),
}

STATUS_BADGES = {
    S.DRAFT: "", S.SUBMITTED: "badge--info", S.RESUBMITTED: "badge--info", S.RETURNED: "badge--warn",
    S.VERIFIED: "badge--ok", S.CANDIDATES_PROPOSED: "badge--ok", S.PARTLY_FILLED: "badge--ok",
    S.FILLED: "badge--ok", S.REJECTED: "badge--bad", S.CANCELLED: "badge--bad", S.EXPIRED: "badge--warn",
}

TIMESTAMPS = {S.SUBMITTED: "submitted_at", S.RESUBMITTED: "submitted_at", S.VERIFIED: "verified_at",
              S.CANDIDATES_PROPOSED: "first_proposed_at", S.FILLED: "filled_at"}
KEEP_FIRST = frozenset({S.VERIFIED, S.CANDIDATES_PROPOSED})  # back to verified after a withdrawal keeps both dates


def status_label(status) -> str:
    """The Indonesian label of a status value."""
    return localised(STATUS_LABELS[HiringStatus(status)])


def can_transition(current: HiringStatus, target: HiringStatus) -> bool:
    """Whether the state machine allows current -> target."""
    return target in TRANSITIONS[HiringStatus(current)]


def transition(request: HiringRequest, target: HiringStatus, *, actor, note: str = "") -> HiringStatusChange:
    """Move a request to `target`; refused when illegal or when someone else changed it first."""
    current = HiringStatus(request.status)
    if not can_transition(current, target):
        raise DomainError(_("Permintaan berstatus \"%(current)s\" tidak dapat diubah menjadi \"%(target)s\".",
                            current=status_label(current), target=status_label(target)))
    db.session.flush()
    now = utcnow()
    values = {"status": target, "updated_at": now}
    if target in TIMESTAMPS and not (target in KEEP_FIRST and getattr(request, TIMESTAMPS[target])):
        values[TIMESTAMPS[target]] = now
    result = db.session.execute(
        update(HiringRequest).where(HiringRequest.id == request.id, HiringRequest.status == current)
        .values(**values).execution_options(synchronize_session=False))
    db.session.expire(request)
    if result.rowcount != 1:
        raise DomainError(_("Permintaan ini baru saja diproses oleh pengguna lain (status sekarang: %(now)s). "
                            "Muat ulang halaman.", now=status_label(request.status)))
    if target in (S.CANCELLED, S.EXPIRED):
        _close_open_proposals(request.id, now)
    change = HiringStatusChange(hiring_request_id=request.id, from_status=current.value, to_status=target.value,
                                actor_id=getattr(actor, "id", None), note=note, created_at=now)
    db.session.add(change)
    audit.record(f"hiring.{target.value}", request, actor=actor,
                 details={"from": current.value, "to": target.value, "note": note})
    db.session.flush()
    return change


def _close_open_proposals(request_id: int, now) -> None:
    """A cancelled or expired request releases the candidates still waiting for a decision."""
    from bontang.hiring.seeker_notify import tell_not_selected

    tell_not_selected(CandidateProposal.hiring_request_id == request_id, reason=_("lowongan ditutup"))
    db.session.execute(
        update(CandidateProposal).where(CandidateProposal.hiring_request_id == request_id,
                                        CandidateProposal.stage.in_((ProposalStage.PROPOSED, ProposalStage.INTERVIEW)))
        .values(stage=ProposalStage.WITHDRAWN, reason_code="ditutup", decided_at=now)
        .execution_options(synchronize_session=False))


def record_creation(request: HiringRequest, *, actor) -> None:
    """The first entry of a request's history: created as a draft."""
    db.session.add(HiringStatusChange(hiring_request_id=request.id, from_status=None, to_status=S.DRAFT.value,
                                      actor_id=getattr(actor, "id", None), created_at=utcnow()))
