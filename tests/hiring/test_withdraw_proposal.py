"""Disnaker withdraws a candidate proposed by mistake: reason required, stage guarded, company told, status coherent."""
import pytest
from sqlalchemy import func, select

from bontang.accounts.models import Role
from bontang.audit import AuditEvent
from bontang.extensions import db
from bontang.hiring.models import CandidateProposal, HiringRequest, HiringStatus, HiringStatusChange, ProposalStage
from bontang.hiring.selection import reject_candidate
from bontang.mail import OutboxMessage
from tests.hiring.factories import accept, invite, make_request

ROLES = [r.value for r in Role]


def _setup(positions=2):
    request = make_request(state="proposed", positions=positions)
    hr = request.created_by
    proposals = list(db.session.scalars(select(CandidateProposal).where(
        CandidateProposal.hiring_request_id == request.id).order_by(CandidateProposal.id)))
    return hr, request, proposals


def _url(request, proposal):
    return f"/kelola/permintaan/{request.id}/kandidat/{proposal.id}/tarik"


def _counts():
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (AuditEvent, OutboxMessage, HiringStatusChange))


def _fresh(model, id_):
    db.session.expire_all()
    return db.session.get(model, id_)


def test_staff_withdraws_a_proposal_and_the_company_is_told(client, login_as):
    hr, request, proposals = _setup()
    staff = login_as("staff")
    response = client.post(_url(request, proposals[0]), data={"reason": "Salah pilih pencari kerja."})
    assert response.status_code == 303
    proposal = _fresh(CandidateProposal, proposals[0].id)
    assert proposal.stage == ProposalStage.WITHDRAWN and proposal.decided_at is not None
    assert proposal.reason_code == "disnaker" and proposal.reason_text == "Salah pilih pencari kerja."
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "hiring.candidate_withdrawn"))
    assert event is not None and event.actor_id == staff.id
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "hiring.withdrawn"))
    assert mail.to_email == hr.email and "Salah pilih pencari kerja." in mail.body
    assert _fresh(HiringRequest, request.id).status == HiringStatus.CANDIDATES_PROPOSED  # two still active
    page = client.get(f"/permintaan/{request.id}").get_data(as_text=True)
    assert "Usulan ditarik oleh Disnaker" in page and page.count("Tarik usulan") == 4  # summary + button, 2 rows


def test_withdrawing_the_last_active_proposal_reopens_the_request(client, login_as):
    hr, request, proposals = _setup()
    verified_at = request.verified_at
    reject_candidate(proposals[0], "kualifikasi", actor=hr)
    invite(proposals[1], actor=hr)
    db.session.commit()
    login_as("admin")
    for proposal in proposals[1:]:
        assert client.post(_url(request, proposal), data={"reason": "Keliru."}).status_code == 303
    request = _fresh(HiringRequest, request.id)
    assert request.status == HiringStatus.VERIFIED
    assert request.verified_at == verified_at and request.first_proposed_at is not None
    assert request.history[-1].from_status == "candidates_proposed" and request.history[-1].to_status == "verified"
    assert client.get(f"/kelola/permintaan/{request.id}/kandidat").status_code == 200


def test_partly_filled_request_stays_partly_filled(client, login_as):
    hr, request, proposals = _setup(positions=3)
    accept(proposals[0], actor=hr)
    login_as("staff")
    for proposal in proposals[1:]:
        assert client.post(_url(request, proposal), data={"reason": "Keliru."}).status_code == 303
    assert _fresh(HiringRequest, request.id).status == HiringStatus.PARTLY_FILLED


@pytest.mark.parametrize("reason", ["", "   "])
def test_missing_reason_is_refused_and_nothing_written(client, login_as, reason):
    hr, request, proposals = _setup()
    login_as("staff")
    before = _counts()
    response = client.post(_url(request, proposals[0]), data={"reason": reason})
    assert response.status_code == 422
    assert "Tuliskan alasan penarikan usulan." in response.get_data(as_text=True)
    assert _counts() == before
    assert _fresh(CandidateProposal, proposals[0].id).stage == ProposalStage.PROPOSED


def test_too_long_reason_is_refused(client, login_as):
    hr, request, proposals = _setup()
    login_as("staff")
    assert client.post(_url(request, proposals[0]), data={"reason": "x" * 1001}).status_code == 422
    assert _fresh(CandidateProposal, proposals[0].id).stage == ProposalStage.PROPOSED


@pytest.mark.parametrize("decide", ["accepted", "rejected"])
def test_decided_proposal_cannot_be_withdrawn(client, login_as, decide):
    hr, request, proposals = _setup()
    if decide == "accepted":
        accept(proposals[0], actor=hr)
    else:
        reject_candidate(proposals[0], "kualifikasi", actor=hr)
        db.session.commit()
    login_as("staff")
    before = _counts()
    response = client.post(_url(request, proposals[0]), data={"reason": "Keliru."})
    assert response.status_code == 422 and "tidak dapat ditarik" in response.get_data(as_text=True)
    assert _counts() == before
    assert _fresh(CandidateProposal, proposals[0].id).stage == ProposalStage(decide)


def test_repeated_submit_is_refused(client, login_as):
    hr, request, proposals = _setup()
    login_as("staff")
    assert client.post(_url(request, proposals[0]), data={"reason": "Keliru."}).status_code == 303
    before = _counts()
    response = client.post(_url(request, proposals[0]), data={"reason": "Keliru."})
    assert response.status_code == 422 and "tidak dapat ditarik" in response.get_data(as_text=True)
    assert _counts() == before
    assert db.session.scalar(select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "hiring.withdrawn")) == 1


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_may_withdraw(client, login_as, role):
    hr, request, proposals = _setup()
    login_as(role, **({"company": request.company} if role in ("company_hr", "company_rep") else {}))
    before = _counts()
    status = client.post(_url(request, proposals[0]), data={"reason": "Keliru."}).status_code
    if role in ("staff", "admin"):
        assert status == 303
    else:
        assert status == 403
        assert _counts() == before
        assert _fresh(CandidateProposal, proposals[0].id).stage == ProposalStage.PROPOSED


def test_company_does_not_see_the_withdraw_button(client, login_as):
    hr, request, proposals = _setup()
    login_as("company_hr", company=request.company)
    page = client.get(f"/permintaan/{request.id}").get_data(as_text=True)
    assert "Tarik usulan" not in page and "/tarik" not in page.replace(f"/permintaan/{request.id}/tarik", "")


def test_proposal_of_another_request_is_404(client, login_as):
    hr, request, proposals = _setup()
    other = make_request(state="verified")
    login_as("staff")
    assert client.post(_url(other, proposals[0]), data={"reason": "Keliru."}).status_code == 404
