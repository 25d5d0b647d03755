"""One person, one active placement: the service refuses a second acceptance, the database refuses a second row."""
from __future__ import annotations

import threading
import time
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.jobseekers.models import EmploymentStatus, JobSeeker
from bontang.hiring.matching import propose_candidates
from bontang.hiring.models import CandidateProposal, Placement, ProposalStage
from bontang.mail import OutboxMessage
from tests.conftest import Auth
from tests.factories import make_user
from tests.hiring.factories import accept, make_job_seeker, make_request


def _two_companies_one_person():
    staff = make_user(Role.STAFF)
    seeker = make_job_seeker()
    requests, users = [], []
    for _ in range(2):
        request = make_request(state="verified", staff=staff)
        propose_candidates(request, [seeker.id], actor=staff)
        requests.append(request)
        users.append(request.created_by)
    db.session.commit()
    return seeker, requests, users


def _proposal(request, seeker) -> CandidateProposal:
    return db.session.scalar(select(CandidateProposal).where(CandidateProposal.hiring_request_id == request.id,
                                                             CandidateProposal.job_seeker_id == seeker.id))


def _accept_url(request, seeker) -> str:
    return f"/permintaan/{request.id}/kandidat/{_proposal(request, seeker).id}/terima"


def test_two_companies_accepting_the_same_person_at_once_make_one_placement(app):
    """Both requests pass their checks while the person's row is held, then race for it."""
    seeker, requests, users = _two_companies_one_person()
    clients = []
    for user in users:
        client = app.test_client()
        Auth(client).login(user)
        clients.append(client)
    urls = [_accept_url(request, seeker) for request in requests]
    start = (date.today() + timedelta(days=7)).isoformat()
    barrier, outcomes = threading.Barrier(3), {}

    def post(index: int) -> None:
        barrier.wait()
        response = clients[index].post(urls[index], data={"start_date": start, "contract_type": "PKWT"})
        outcomes[index] = (response.status_code, response.get_data(as_text=True))

    threads = [threading.Thread(target=post, args=(i,)) for i in range(2)]
    with db.engine.connect() as holder:  # another transaction holds the person's row (PG) or the write lock (SQLite)
        transaction = holder.begin()
        holder.execute(update(JobSeeker).where(JobSeeker.id == seeker.id).values(name=JobSeeker.name))
        for thread in threads:
            thread.start()
        barrier.wait()
        time.sleep(1.0)  # both requests are now past their own checks and wait for the person
        transaction.rollback()
    for thread in threads:
        thread.join(timeout=60)
    codes = sorted(code for code, _ in outcomes.values())
    assert codes == [303, 422], outcomes
    db.session.expire_all()
    placements = db.session.scalars(select(Placement)).all()
    assert len(placements) == 1
    winner = next(r for r in requests if r.id == placements[0].hiring_request_id)
    refused = next(body for code, body in outcomes.values() if code == 422)
    assert "sudah ditempatkan di" in refused and winner.company.name in refused
    assert db.session.get(JobSeeker, seeker.id).employment_status == EmploymentStatus.EMPLOYED


def test_a_later_acceptance_names_where_the_person_was_placed_and_writes_nothing(client, auth):
    seeker, (first, second), (hr1, hr2) = _two_companies_one_person()
    accept(_proposal(first, seeker), actor=hr1)
    auth.login(hr2)
    response = client.post(_accept_url(second, seeker),
                           data={"start_date": date.today().isoformat(), "contract_type": "PKWT"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "sudah ditempatkan di" in page and first.company.name in page and first.title in page
    assert db.session.scalar(select(func.count(Placement.id))) == 1


def test_the_other_proposals_are_withdrawn_as_employed_and_their_company_is_told(app):
    seeker, (first, second), (hr1, hr2) = _two_companies_one_person()
    accept(_proposal(first, seeker), actor=hr1)
    other = _proposal(second, seeker)
    assert other.stage == ProposalStage.WITHDRAWN and other.reason_code == "bekerja"
    assert other.reason_text == "sudah bekerja"
    told = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "hiring.employed_elsewhere")).all()
    assert [m.to_email for m in told] == [hr2.email]
    assert seeker.name in told[0].body and first.company.name not in told[0].body  # where they went stays private


def test_the_database_refuses_a_second_active_placement(app):
    seeker, (first, second), (hr1, _hr2) = _two_companies_one_person()
    accept(_proposal(first, seeker), actor=hr1)
    db.session.add(Placement(hiring_request_id=second.id, company_id=second.company_id, job_seeker_id=seeker.id,
                             start_date=date.today(), contract_type="PKWT", is_local=True))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_an_ended_placement_allows_a_new_one(app):
    seeker, (first, second), (hr1, _hr2) = _two_companies_one_person()
    placement = accept(_proposal(first, seeker), actor=hr1)
    placement.ended_on = date.today()
    db.session.add(Placement(hiring_request_id=second.id, company_id=second.company_id, job_seeker_id=seeker.id,
                             start_date=date.today(), contract_type="PKWT", is_local=True))
    db.session.commit()
    assert db.session.scalar(select(func.count(Placement.id))) == 2
