"""The company decides on proposed candidates: interview, accept (placement), reject; local share."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.jobseekers.models import EmploymentStatus, JobSeeker
from bontang.hiring.matching import propose_candidates
from bontang.hiring.models import CandidateProposal, HiringRequest, HiringStatus, Placement, ProposalStage
from bontang.hiring.selection import company_local_share, local_share_summary, share_percent
from bontang.mail import OutboxMessage
from tests.factories import make_company, make_user
from tests.hiring.factories import accept, make_job_seeker, make_request


def _setup(login_as, positions=2, seekers=3):
    hr = login_as("company_hr")
    staff = make_user(Role.STAFF)
    request = make_request(hr.company, actor=hr, state="verified", positions=positions, staff=staff)
    people = [make_job_seeker(has_bontang_ktp=(i != 1)) for i in range(seekers)]
    propose_candidates(request, [p.id for p in people], actor=staff)
    db.session.commit()
    return hr, staff, request, people


def _proposal(request, seeker) -> CandidateProposal:
    return db.session.scalar(select(CandidateProposal).where(CandidateProposal.hiring_request_id == request.id,
                                                             CandidateProposal.job_seeker_id == seeker.id))


def _accept_url(request, proposal):
    return f"/permintaan/{request.id}/kandidat/{proposal.id}/terima"


def test_company_sees_candidates_without_protected_data(client, login_as):
    hr, staff, request, people = _setup(login_as)
    page = client.get(f"/permintaan/{request.id}").get_data(as_text=True)
    seeker = people[0]
    assert seeker.name in page
    for secret in (seeker.address, seeker.phone, seeker.nik_tail, seeker.ak1_number, "Desil"):
        assert secret not in page


def test_interview_then_accept_creates_placement_and_partly_fills(client, login_as):
    hr, staff, request, people = _setup(login_as)
    first = _proposal(request, people[0])
    when = {"interview_date": (date.today() + timedelta(days=2)).isoformat(), "interview_time": "10:00",
            "place": "Kantor HRD", "contact": "Bu Rina 0812"}
    assert client.post(f"/permintaan/{request.id}/kandidat/{first.id}/wawancara", data=when).status_code == 303
    start = (date.today() + timedelta(days=10)).isoformat()
    response = client.post(_accept_url(request, first), data={"start_date": start, "contract_type": "PKWTT"})
    assert response.status_code == 303
    db.session.expire_all()
    request = db.session.get(HiringRequest, request.id)
    placement = db.session.scalar(select(Placement))
    assert placement.is_local is True and placement.contract_type == "PKWTT" and placement.company_id == request.company_id
    assert request.status == HiringStatus.PARTLY_FILLED
    assert db.session.get(JobSeeker, people[0].id).employment_status == EmploymentStatus.EMPLOYED
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.to_email == staff.email, OutboxMessage.kind == "hiring.accepted")) == 1
    page = client.get(f"/permintaan/{request.id}").get_data(as_text=True)
    assert "1 dari 2 terisi" in page and "100%" in page  # through Babel, as on every page


def test_filling_all_positions_fills_and_withdraws_the_rest_and_refuses_more(client, login_as):
    hr, staff, request, people = _setup(login_as, positions=1)
    accept(_proposal(request, people[0]), actor=hr)
    db.session.expire_all()
    request = db.session.get(HiringRequest, request.id)
    assert request.status == HiringStatus.FILLED and request.filled_at is not None
    assert _proposal(request, people[2]).stage == ProposalStage.WITHDRAWN
    response = client.post(_accept_url(request, _proposal(request, people[2])),
                           data={"start_date": date.today().isoformat(), "contract_type": "PKWT"})
    assert response.status_code == 422
    assert db.session.scalar(select(func.count(Placement.id))) == 1


def test_accepting_more_than_positions_is_refused(login_as):
    hr, staff, request, people = _setup(login_as, positions=2)
    accept(_proposal(request, people[0]), actor=hr)
    db.session.execute(db.update(HiringRequest).where(HiringRequest.id == request.id).values(positions=1))
    db.session.commit()
    db.session.expire_all()
    from bontang.core import DomainError
    with pytest.raises(DomainError, match="sudah terisi"):
        accept(_proposal(request, people[1]), actor=hr)


def test_hired_seeker_leaves_other_requests(login_as):
    hr, staff, request, people = _setup(login_as)
    other = make_request(state="verified", staff=staff)
    propose_candidates(other, [people[0].id], actor=staff)
    db.session.commit()
    accept(_proposal(request, people[0]), actor=hr)
    assert _proposal(other, people[0]).stage == ProposalStage.WITHDRAWN


def test_reject_needs_a_reason_from_the_list(client, login_as):
    hr, staff, request, people = _setup(login_as)
    proposal = _proposal(request, people[0])
    url = f"/permintaan/{request.id}/kandidat/{proposal.id}/tolak"
    assert client.post(url, data={"reason_code": ""}).status_code == 422
    assert client.post(url, data={"reason_code": "lainnya"}).status_code == 422
    db.session.expire_all()
    assert _proposal(request, people[0]).stage == ProposalStage.PROPOSED
    assert client.post(url, data={"reason_code": "hasil_tes", "reason_text": "Nilai praktik kurang"}).status_code == 303
    db.session.expire_all()
    proposal = _proposal(request, people[0])
    assert proposal.stage == ProposalStage.REJECTED and proposal.reason_code == "hasil_tes"
    assert client.post(url, data={"reason_code": "hasil_tes"}).status_code == 422


def test_accept_without_start_date_writes_nothing(client, login_as):
    hr, staff, request, people = _setup(login_as)
    response = client.post(_accept_url(request, _proposal(request, people[0])), data={"contract_type": "PKWT"})
    assert response.status_code == 422
    assert db.session.scalar(select(func.count(Placement.id))) == 0


def test_another_company_cannot_decide(client, login_as):
    hr = make_user(Role.COMPANY_HR, company=make_company())
    staff = make_user(Role.STAFF)
    request = make_request(hr.company, actor=hr, state="verified", staff=staff)
    seeker = make_job_seeker()
    propose_candidates(request, [seeker.id], actor=staff)
    db.session.commit()
    login_as("company_hr")
    proposal = _proposal(request, seeker)
    for path in ("wawancara", "terima", "tolak"):
        response = client.post(f"/permintaan/{request.id}/kandidat/{proposal.id}/{path}",
                               data={"start_date": date.today().isoformat(), "contract_type": "PKWT",
                                     "reason_code": "hasil_tes"})
        assert response.status_code == 404
    assert _proposal(request, seeker).stage == ProposalStage.PROPOSED


def test_proposal_of_another_request_is_404(client, login_as):
    hr, staff, request, people = _setup(login_as)
    mine_too = make_request(hr.company, actor=hr, state="verified", staff=staff)
    proposal = _proposal(request, people[0])
    assert client.get(f"/permintaan/{mine_too.id}/kandidat/{proposal.id}/terima").status_code == 404


@pytest.mark.parametrize("local, total, expected", [(0, 0, None), (3, 4, 75.0), (2, 3, 66.7), (1, 1, 100.0),
                                                    (0, 5, 0.0)])
def test_share_percent_arithmetic(app, local, total, expected):
    assert share_percent(local, total) == expected


def test_below_quota_is_flagged_by_actual_or_planned(app):
    assert local_share_summary(2, 3)["below"] is True
    assert local_share_summary(3, 4)["below"] is False
    assert local_share_summary(0, 0, planned=60, justification="x")["below"] is True
    assert local_share_summary(0, 0, planned=75)["below"] is False


def test_company_local_share_counts_every_placement_snapshot(login_as):
    hr, staff, request, people = _setup(login_as, positions=3)
    for person in people:
        accept(_proposal(request, person), actor=hr)
    db.session.get(JobSeeker, people[0].id).has_bontang_ktp = False  # later change: the snapshot stays
    db.session.commit()
    share = company_local_share(hr.company_id)
    assert (share["local"], share["total"], share["actual"], share["below"]) == (2, 3, 66.7, True)
