"""The company's decisions on proposed candidates, placements and the local share."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select, update
from sqlalchemy.exc import IntegrityError

from bontang import audit
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.jobseekers.models import EmploymentStatus, JobSeeker
from bontang.hiring import notify
from bontang.hiring.models import (CandidateProposal, EmploymentType, HiringRequest, HiringStatus, Placement,
                                   ProposalStage)
from bontang.hiring.seeker_notify import tell_not_selected, tell_seeker
from bontang.hiring.services import local_quota
from bontang.hiring.workflow import S, transition
from bontang.inputs import clean_text

P = ProposalStage
EMPLOYMENT_LABELS = {"PKWT": _l("PKWT (kontrak)"), "PKWTT": _l("PKWTT (tetap)"), "harian": _l("Harian lepas"),
                     "magang": _l("Magang")}
STAGE_MOVES = {P.PROPOSED: {P.INTERVIEW, P.ACCEPTED, P.REJECTED}, P.INTERVIEW: {P.ACCEPTED, P.REJECTED}}
ACTIVE_STAGES = (P.PROPOSED, P.INTERVIEW)
DECIDING = frozenset({S.CANDIDATES_PROPOSED, S.PARTLY_FILLED})

STAGE_LABELS = {P.PROPOSED: _l("Diusulkan"), P.INTERVIEW: _l("Wawancara"), P.ACCEPTED: _l("Diterima"),
                P.REJECTED: _l("Tidak dipilih"), P.WITHDRAWN: _l("Ditarik")}
REJECT_REASONS = (
    ("kualifikasi", _l("Kualifikasi tidak sesuai")),
    ("tidak_hadir", _l("Tidak hadir wawancara")),
    ("hasil_tes", _l("Tidak lulus tes/wawancara")),
    ("mundur", _l("Kandidat mengundurkan diri")),
    ("kesehatan", _l("Tidak lulus pemeriksaan kesehatan")),
    ("lainnya", _l("Alasan lain")),
)

EMPLOYED_ELSEWHERE = "sudah bekerja"
WITHDRAW_REASONS = {"bekerja": _l("Sudah bekerja (diterima di tempat lain)"), "terisi": _l("Semua posisi sudah terisi"),
                    "ditutup": _l("Permintaan ditutup"), "disnaker": _l("Usulan ditarik oleh Disnaker")}


def share_percent(local: int, total: int) -> float | None:
    """Local workers as a percentage of all, one decimal; None when there is nobody."""
    return None if not total else round(100 * local / total, 1)


def local_share_summary(local: int, total: int, planned: int | None = None, justification: str = "") -> dict:
    """Planned and actual local share against the quota, with the highlight rule."""
    actual = share_percent(local, total)
    quota = local_quota()
    below = (actual is not None and actual < quota) or (planned is not None and planned < quota)
    return {"local": local, "total": total, "actual": actual, "planned": planned, "quota": quota,
            "below": below, "justification": justification}


def request_local_share(request: HiringRequest) -> dict:
    """Local share of one request's placements."""
    local = sum(1 for p in request.placements if p.is_local)
    return local_share_summary(local, len(request.placements), request.planned_local_percent,
                               request.local_justification)


def company_local_share(company_id: int) -> dict:
    """Local share over every placement a company made through Disnaker (one aggregate query)."""
    total, local = db.session.execute(
        select(func.count(Placement.id), func.coalesce(func.sum(case((Placement.is_local, 1), else_=0)), 0))
        .where(Placement.company_id == company_id)).one()
    return local_share_summary(int(local), int(total))


def check_decision_open(proposal: CandidateProposal) -> None:
    """Decisions on candidates are taken while the request has candidates and open positions."""
    if HiringStatus(proposal.hiring_request.status) not in DECIDING:
        raise DomainError(_("Permintaan ini tidak lagi menerima keputusan atas kandidat."))


def _check_move(proposal: CandidateProposal, stage: ProposalStage) -> None:
    check_decision_open(proposal)
    if stage not in STAGE_MOVES.get(ProposalStage(proposal.stage), set()):
        raise DomainError(_("Kandidat berstatus \"%(now)s\" tidak dapat diubah menjadi \"%(to)s\".",
                            now=STAGE_LABELS[ProposalStage(proposal.stage)], to=STAGE_LABELS[stage]))


def reject_candidate(proposal: CandidateProposal, reason_code: str, reason_text: str = "", *, actor):
    """Decline a candidate with a reason from the list (free text required for "other")."""
    _check_move(proposal, P.REJECTED)
    reason_text = (reason_text or "").strip()
    if reason_code not in dict(REJECT_REASONS):
        raise DomainError(_("Pilih alasan dari daftar."), "reason_code")
    if reason_code == "lainnya" and not reason_text:
        raise DomainError(_("Tuliskan alasannya."), "reason_text")
    proposal.stage, proposal.reason_code, proposal.reason_text = P.REJECTED, reason_code, reason_text
    proposal.decided_at = utcnow()
    audit.record("hiring.candidate_rejected", proposal.hiring_request, actor=actor,
                 details={"proposal_id": proposal.id, "reason": reason_code})
    tell_seeker(proposal, "not_selected", reason="")  # the company's reasons stay between it and Disnaker
    return proposal


def _lock_request(request: HiringRequest) -> int:
    """Serialise decisions on one request (row lock) and return how many placements it has."""
    db.session.flush()
    db.session.execute(update(HiringRequest).where(HiringRequest.id == request.id)
                       .values(updated_at=utcnow()).execution_options(synchronize_session=False))
    return db.session.scalar(select(func.count(Placement.id)).where(Placement.hiring_request_id == request.id))


def share_after_accepting(proposal: CandidateProposal) -> float | None:
    """The company's local share if this candidate is hired: its reported workforce, else its profile headcount."""
    from bontang.workforce.services import share_after_hire

    request, is_local = proposal.hiring_request, bool(proposal.job_seeker.has_bontang_ktp)
    after = share_after_hire(request.company_id, is_local)
    if after is None:
        local, total = request.company.headcount_local or 0, (request.company.headcount_local or 0) + (
            request.company.headcount_nonlocal or 0)
        after = share_percent(local + int(is_local), total + 1) if total else None
    return after


def nonlocal_warning(proposal: CandidateProposal) -> str:
    """The warning shown before a non-local hire that takes the company below the quota ("" when none)."""
    if proposal.job_seeker.has_bontang_ktp:
        return ""
    after = share_after_accepting(proposal)
    if after is None or after >= local_quota():
        return ""
    return _("%(name)s tidak ber-KTP Bontang: menerimanya membuat porsi pekerja lokal perusahaan menjadi %(p)s%% "
             "(di bawah %(q)d%%). Tuliskan alasannya, misalnya keahlian tidak tersedia di Bontang.",
             name=proposal.job_seeker.name, p=f"{after:.1f}".replace(".", ","), q=local_quota())


def accept_candidate(proposal: CandidateProposal, start_date: date | None, contract_type: str, *, actor,
                     justification: str = "") -> Placement:
    """Hire a candidate: a placement, the job seeker employed, the request partly filled or filled."""
    if proposal.stage == P.WITHDRAWN and proposal.reason_code == "bekerja":
        raise DomainError(already_placed_message(proposal.job_seeker))
    _check_move(proposal, P.ACCEPTED)
    request, seeker = proposal.hiring_request, proposal.job_seeker
    if start_date is None:
        raise DomainError(_("Isi tanggal mulai bekerja."), "start_date")
    if contract_type not in {t.value for t in EmploymentType}:
        raise DomainError(_("Pilih jenis hubungan kerja."), "contract_type")
    justification = clean_text(justification, max_length=2000, field="justification")
    warning = nonlocal_warning(proposal)
    if warning and not justification:
        raise DomainError(warning, "justification")
    filled = _lock_request(request)
    if filled >= request.positions:
        raise DomainError(_("Semua %(n)d posisi sudah terisi; kandidat lain tidak dapat diterima.", n=request.positions))
    _claim_seeker(seeker)
    placement = Placement(hiring_request_id=request.id, company_id=request.company_id, job_seeker_id=seeker.id,
                          start_date=start_date, contract_type=contract_type, is_local=bool(seeker.has_bontang_ktp),
                          nonlocal_justification=justification if warning else "")
    db.session.add(placement)
    proposal.stage, proposal.decided_at = P.ACCEPTED, utcnow()
    try:
        db.session.flush()
    except IntegrityError:  # the unique index on active placements: the last line behind _claim_seeker
        raise DomainError(_("%(name)s sudah memiliki penempatan aktif; satu orang hanya dapat memiliki satu "
                            "penempatan aktif.", name=seeker.name)) from None
    _withdraw_seeker_elsewhere(seeker, proposal, actor=actor)
    audit.record("hiring.candidate_accepted", request, actor=actor,
                 details={"proposal_id": proposal.id, "placement_id": placement.id, "is_local": placement.is_local,
                          "below_quota_justified": bool(warning)})
    _advance_after_hire(request, filled + 1, actor=actor)
    notify.candidate_accepted(request, seeker)
    tell_seeker(proposal, "accepted", start_date=start_date.strftime("%d-%m-%Y"),
                contract=EMPLOYMENT_LABELS.get(contract_type, contract_type))
    return placement


def active_placement(job_seeker_id: int) -> Placement | None:
    """The placement a person holds now (at most one, by the unique index)."""
    return db.session.scalar(select(Placement).where(Placement.job_seeker_id == job_seeker_id,
                                                     Placement.ended_on.is_(None)))


def already_placed_message(seeker) -> str:
    """Why a person cannot be accepted again: where they were placed, or that they work elsewhere."""
    placement = active_placement(seeker.id)
    if placement is None:
        return _("%(name)s sudah bekerja di tempat lain (status pencari kerja: bekerja).", name=seeker.name)
    return _("%(name)s sudah ditempatkan di %(company)s sebagai %(title)s sejak %(start)s; satu orang hanya dapat "
             "memiliki satu penempatan aktif.", name=seeker.name, company=placement.company.name,
             title=placement.hiring_request.title, start=placement.start_date.strftime("%d-%m-%Y"))


def _claim_seeker(seeker) -> None:
    """Mark the person employed, unless someone else did first.

    The conditional UPDATE takes the job seeker's row lock: on PostgreSQL a concurrent acceptance
    of the same person waits here, then finds the person employed and is refused.
    """
    db.session.flush()
    result = db.session.execute(
        update(JobSeeker).where(JobSeeker.id == seeker.id, JobSeeker.employment_status != EmploymentStatus.EMPLOYED)
        .values(employment_status=EmploymentStatus.EMPLOYED).execution_options(synchronize_session=False))
    db.session.expire(seeker, ["employment_status"])
    if result.rowcount != 1:
        raise DomainError(already_placed_message(seeker))
    if active_placement(seeker.id) is not None:
        raise DomainError(already_placed_message(seeker))


def _withdraw_seeker_elsewhere(seeker, accepted: CandidateProposal, *, actor) -> None:
    """The person's other open proposals end with "sudah bekerja"; each company is told."""
    others = list(db.session.scalars(select(CandidateProposal).where(
        CandidateProposal.job_seeker_id == seeker.id, CandidateProposal.id != accepted.id,
        CandidateProposal.stage.in_(ACTIVE_STAGES))))
    for other in others:
        other.stage, other.reason_code, other.reason_text = P.WITHDRAWN, "bekerja", EMPLOYED_ELSEWHERE
        other.seeker_step = other.seeker_told = "withdrawn:bekerja"  # the person knows: they were just hired
        other.decided_at = utcnow()
        audit.record("hiring.candidate_withdrawn", other.hiring_request, actor=actor,
                     details={"proposal_id": other.id, "job_seeker_id": seeker.id, "reason": "bekerja"})
        notify.candidate_employed_elsewhere(other.hiring_request, seeker)
    db.session.flush()


def _advance_after_hire(request: HiringRequest, filled: int, *, actor) -> None:
    if filled >= request.positions:
        transition(request, S.FILLED, actor=actor, note=_("%(n)d dari %(n)d posisi terisi.", n=request.positions))
        tell_not_selected(CandidateProposal.hiring_request_id == request.id, reason=_("semua posisi sudah terisi"))
        _withdraw_where(CandidateProposal.hiring_request_id == request.id, code="terisi")
    elif request.status != S.PARTLY_FILLED:
        transition(request, S.PARTLY_FILLED, actor=actor,
                   note=_("%(f)d dari %(n)d posisi terisi.", f=filled, n=request.positions))


def _withdraw_where(*conditions, code: str) -> None:
    db.session.execute(update(CandidateProposal).where(CandidateProposal.stage.in_(ACTIVE_STAGES), *conditions)
                       .values(stage=P.WITHDRAWN, reason_code=code, decided_at=utcnow())
                       .execution_options(synchronize_session=False))
    db.session.expire_all()


def withdraw_proposal(proposal: CandidateProposal, reason: str, *, actor) -> CandidateProposal:
    """Disnaker takes back a proposal made by mistake while the company has not decided on it yet."""
    reason = clean_text(reason, max_length=1000, field="reason",
                        required_message=_("Tuliskan alasan penarikan usulan."))
    request = proposal.hiring_request
    if HiringStatus(request.status) not in DECIDING or ProposalStage(proposal.stage) not in ACTIVE_STAGES:
        raise DomainError(_("Usulan berstatus \"%(now)s\" tidak dapat ditarik.",
                            now=STAGE_LABELS[ProposalStage(proposal.stage)]))
    filled = _lock_request(request)
    now = utcnow()
    result = db.session.execute(
        update(CandidateProposal).where(CandidateProposal.id == proposal.id, CandidateProposal.stage.in_(ACTIVE_STAGES))
        .values(stage=P.WITHDRAWN, reason_code="disnaker", reason_text=reason, decided_at=now)
        .execution_options(synchronize_session=False))
    db.session.expire(proposal)
    if result.rowcount != 1:
        raise DomainError(_("Usulan ini baru saja diproses oleh pengguna lain. Muat ulang halaman."))
    audit.record("hiring.candidate_withdrawn", request, actor=actor,
                 details={"proposal_id": proposal.id, "job_seeker_id": proposal.job_seeker_id, "reason": reason})
    _reopen_if_empty(request, filled, actor=actor)
    notify.candidate_withdrawn(request, proposal.job_seeker, reason)
    tell_seeker(db.session.get(CandidateProposal, proposal.id), "not_selected", reason=_("usulan ditarik oleh Disnaker"))
    return proposal


def _reopen_if_empty(request: HiringRequest, filled: int, *, actor) -> None:
    """With no candidate left to decide on and nobody hired, the request is open for proposals again."""
    active = db.session.scalar(select(func.count(CandidateProposal.id)).where(
        CandidateProposal.hiring_request_id == request.id, CandidateProposal.stage.in_(ACTIVE_STAGES)))
    if not active and not filled and request.status == S.CANDIDATES_PROPOSED:
        transition(request, S.VERIFIED, actor=actor,
                   note=_("Semua usulan kandidat ditarik; permintaan dibuka kembali."))
