"""A company's ask closes the loop: staff propose exactly that graduate from the ask, the company sees it."""
from sqlalchemy import func, select

from bontang.extensions import db
from bontang.graduates.models import GraduateProposalAsk
from bontang.hiring.models import CandidateProposal
from bontang.mail import OutboxMessage
from tests.factories import make_company, make_user
from tests.graduates.factories import make_open_hiring_request
from tests.training.factories import make_graduate


def _ask(client, auth, *, education_min="SMA"):
    hr = make_user("company_hr", company=make_company())
    auth.login(hr)
    hiring = make_open_hiring_request(hr.company, title="Welder proyek")
    hiring.education_min = education_min
    db.session.commit()
    graduate = make_graduate(name="Rudi Diminta")
    for n in range(3):  # others who rank like the graduate, so the pin is what puts the graduate on top
        make_graduate(name=f"Lulusan Lain {n}")
    assert client.post(f"/lulusan/{graduate.id}/minta-usulan", data={"hiring_request_id": hiring.id}).status_code == 303
    auth.logout()
    return hr, hiring, graduate, db.session.scalar(select(GraduateProposalAsk))


def test_staff_propose_exactly_the_asked_graduate_and_the_company_sees_it(client, auth):
    hr, hiring, graduate, ask = _ask(client, auth)
    staff = make_user("staff")
    auth.login(staff)
    asks = client.get("/permintaan-usulan").get_data(as_text=True)
    link = f"/kelola/permintaan/{hiring.id}/kandidat?usulan={ask.id}"
    assert link in asks
    page = client.get(link).get_data(as_text=True)
    pinned = page[page.index('id="usulan-perusahaan"'):page.index('id="syarat"')]
    assert "Diminta perusahaan: Rudi Diminta" in pinned and f'name="ask_id" value="{ask.id}"' in pinned
    assert "Lulusan Lain" not in pinned
    response = client.post(f"/kelola/permintaan/{hiring.id}/kandidat",
                           data={"job_seeker_ids": [graduate.id], "ask_id": ask.id})
    assert response.status_code == 303
    db.session.expire_all()
    proposals = db.session.scalars(select(CandidateProposal)).all()
    assert [p.job_seeker_id for p in proposals] == [graduate.id] and proposals[0].hiring_request_id == hiring.id
    ask = db.session.get(GraduateProposalAsk, ask.id)
    assert ask.status.value == "handled" and ask.proposal_id == proposals[0].id
    told = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "graduates.ask_closed"))
    assert told.to_email == hr.email and "Rudi Diminta" in told.body and f"/permintaan/{hiring.id}" in told.body
    auth.logout()
    auth.login(hr)
    request_page = client.get(f"/permintaan/{hiring.id}").get_data(as_text=True)
    assert "Rudi Diminta" in request_page[request_page.index('id="kandidat"'):]


def test_an_asked_graduate_outside_the_filters_needs_a_reason(client, auth):
    _hr, hiring, graduate, ask = _ask(client, auth, education_min="D3")
    auth.login(make_user("staff"))
    page = client.get(f"/kelola/permintaan/{hiring.id}/kandidat?usulan={ask.id}").get_data(as_text=True)
    assert "pendidikan minimal D3" in page[page.index('id="usulan-perusahaan"'):page.index('id="syarat"')]
    refused = client.post(f"/kelola/permintaan/{hiring.id}/kandidat", data={"job_seeker_ids": [graduate.id],
                                                                          "ask_id": ask.id})
    assert refused.status_code == 422 and "Tulis alasan" in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count(CandidateProposal.id))) == 0
    db.session.refresh(ask)
    assert ask.status.value == "open"
    done = client.post(f"/kelola/permintaan/{hiring.id}/kandidat", data={
        "job_seeker_ids": [graduate.id], "ask_id": ask.id, "reason": "Diminta perusahaan; sertifikat las 3G"})
    assert done.status_code == 303
    proposal = db.session.scalar(select(CandidateProposal))
    assert proposal.outside_filters and proposal.staff_reason.startswith("Diminta perusahaan")


def test_an_ask_of_another_request_is_404_on_the_candidate_page(client, auth):
    _hr, _hiring, _graduate, ask = _ask(client, auth)
    other = make_open_hiring_request(make_company(), title="Lain")
    auth.login(make_user("staff"))
    assert client.get(f"/kelola/permintaan/{other.id}/kandidat?usulan={ask.id}").status_code == 404
