"""The job seeker in the loop: every step of a candidate's way sends them exactly one e-mail, readable by them only."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from bontang.accounts.models import Role
from bontang.core import DomainError
from bontang.extensions import db
from bontang.hiring.interviews import schedule_interview
from bontang.hiring.matching import propose_candidates
from bontang.hiring.models import CandidateProposal, ProposalStage
from bontang.mail import REDACTED, OutboxMessage, readable_body
from tests.factories import make_user
from tests.hiring.factories import accept, interview_data, invite, make_job_seeker, make_request


def _mails(seeker) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_email == seeker.email)
                                   .order_by(OutboxMessage.id)))


def _setup(positions: int = 2, emails: int = 2):
    staff = make_user(Role.STAFF)
    request = make_request(state="verified", staff=staff, positions=positions)
    people = [make_job_seeker(email=f"pencaker{i}@example.com" if i < emails else "") for i in range(3)]
    propose_candidates(request, [p.id for p in people], actor=staff)
    db.session.commit()
    proposals = {p.job_seeker_id: p for p in db.session.scalars(
        select(CandidateProposal).where(CandidateProposal.hiring_request_id == request.id))}
    return staff, request, people, [proposals[p.id] for p in people]


def _form(days: int = 3, hour: str = "09:30", **overrides) -> dict:
    data = {"interview_date": (date.today() + timedelta(days=days)).isoformat(), "interview_time": hour,
            "place": "Kantor HRD Lantai 2", "contact": "Bu Rina, 0812-5555-0101", "note": "Bawa ijazah"}
    data.update(overrides)
    return data


def test_every_step_of_the_way_sends_the_job_seeker_exactly_one_email(client, auth):
    staff, request, people, proposals = _setup()
    seeker, proposal = people[0], proposals[0]
    base = f"/permintaan/{request.id}/kandidat/{proposal.id}"
    assert [m.kind for m in _mails(seeker)] == ["hiring.seeker_proposed"]
    auth.login(request.created_by)
    steps = [
        ("hiring.seeker_interview", lambda: client.post(f"{base}/wawancara", data=_form())),
        ("hiring.seeker_rescheduled", lambda: client.post(f"{base}/wawancara", data=_form(days=4, hour="13:00"))),
        ("hiring.seeker_interview_cancelled", lambda: client.post(f"{base}/wawancara/batal", data={"reason": ""})),
        ("hiring.seeker_interview", lambda: client.post(f"{base}/wawancara", data=_form(days=5))),
        ("hiring.seeker_accepted", lambda: client.post(f"{base}/terima", data={
            "start_date": (date.today() + timedelta(days=14)).isoformat(), "contract_type": "PKWT"})),
    ]
    for expected, step in steps:
        before = len(_mails(seeker))
        assert step().status_code == 303, expected
        mails = _mails(seeker)
        assert len(mails) == before + 1 and mails[-1].kind == expected
    accepted = readable_body(_mails(seeker)[-1])
    assert seeker.name in accepted and request.company.name in accepted
    assert (date.today() + timedelta(days=14)).strftime("%d-%m-%Y") in accepted


def test_the_interview_email_carries_date_time_place_and_contact_for_the_seeker_only(client, auth, login_as):
    staff, request, people, proposals = _setup()
    auth.login(request.created_by)
    day = date.today() + timedelta(days=3)
    client.post(f"/permintaan/{request.id}/kandidat/{proposals[0].id}/wawancara", data=_form())
    message = _mails(people[0])[-1]
    text = readable_body(message)
    assert f"{day.strftime('%d-%m-%Y')} pukul 09.30 WITA" in text
    assert "Kantor HRD Lantai 2" in text and "Bu Rina, 0812-5555-0101" in text and people[0].name in text
    for private in ("Kantor HRD", "Bu Rina", people[0].name, request.company.name):
        assert private not in message.body and private not in message.subject
    assert REDACTED in message.body and message.user_id is None
    auth.logout()
    login_as("admin")
    page = client.get(f"/kotak-keluar/{message.id}").get_data(as_text=True)
    assert "Bu Rina" not in page and people[0].name not in page


def test_not_selected_rejected_filled_and_withdrawn_each_send_one_email(client, login_as):
    staff, request, people, proposals = _setup(positions=1, emails=3)
    hr = request.created_by
    from bontang.hiring.selection import reject_candidate, withdraw_proposal

    withdraw_proposal(proposals[2], "Salah usul", actor=staff)
    reject_candidate(proposals[1], "hasil_tes", "Nilai praktik rendah", actor=hr)
    db.session.commit()
    assert [m.kind for m in _mails(people[2])] == ["hiring.seeker_proposed", "hiring.seeker_not_selected"]
    rejected = _mails(people[1])
    assert [m.kind for m in rejected] == ["hiring.seeker_proposed", "hiring.seeker_not_selected"]
    assert "Nilai praktik rendah" not in readable_body(rejected[-1])  # the company's reasons are not forwarded
    other = make_job_seeker(email="pencaker9@example.com")
    propose_candidates(request, [other.id], actor=staff)
    db.session.commit()
    accept(proposals[0], actor=hr)  # the only position: the remaining candidate is not selected
    assert [m.kind for m in _mails(other)] == ["hiring.seeker_proposed", "hiring.seeker_not_selected"]
    assert "semua posisi sudah terisi" in readable_body(_mails(other)[-1])


def test_an_interview_in_the_past_is_refused_and_nothing_is_written(client, auth):
    staff, request, people, proposals = _setup()
    auth.login(request.created_by)
    url = f"/permintaan/{request.id}/kandidat/{proposals[0].id}/wawancara"
    yesterday = client.post(url, data=_form(days=-1))
    assert yesterday.status_code == 422 and "sudah lewat" in yesterday.get_data(as_text=True)
    one_hour_ago = (datetime.utcnow() + timedelta(hours=7)).strftime("%H:%M")  # WITA is UTC+8
    today = client.post(url, data=_form(days=0, hour=one_hour_ago))
    if (datetime.utcnow() + timedelta(hours=7)).date() == (datetime.utcnow() + timedelta(hours=8)).date():
        assert today.status_code == 422
    missing = client.post(url, data=_form(place="", contact=""))
    assert missing.status_code == 422 and "Wajib diisi" in missing.get_data(as_text=True)
    db.session.expire_all()
    proposal = db.session.get(CandidateProposal, proposals[0].id)
    assert proposal.stage == ProposalStage.PROPOSED and proposal.interview_at is None
    assert [m.kind for m in _mails(people[0])] == ["hiring.seeker_proposed"]


def test_service_refuses_the_past_with_a_field_error(app):
    staff, request, people, proposals = _setup()
    with pytest.raises(DomainError, match="sudah lewat") as error:
        schedule_interview(proposals[0], interview_data(days=-2), actor=request.created_by)
    assert error.value.field == "interview_date"


def test_cancelling_without_an_interview_is_refused(client, auth):
    staff, request, people, proposals = _setup()
    auth.login(request.created_by)
    response = client.post(f"/permintaan/{request.id}/kandidat/{proposals[0].id}/wawancara/batal")
    assert response.status_code == 422 and "Tidak ada wawancara" in response.get_data(as_text=True)


def test_job_seekers_without_email_are_listed_for_staff_to_call(client, login_as):
    staff, request, people, proposals = _setup(emails=2)
    no_email = people[2]
    invite(proposals[2], actor=request.created_by)
    login_as("staff")
    page = client.get("/kelola/kabari-pencari-kerja").get_data(as_text=True)
    assert no_email.name in page and no_email.phone in page and "diundang wawancara" in page
    assert people[0].name not in page  # they had their e-mail
    assert client.post(f"/kelola/kabari-pencari-kerja/{proposals[2].id}").status_code == 303
    assert "Tidak ada pencari kerja yang perlu dihubungi" in client.get("/kelola/kabari-pencari-kerja").get_data(
        as_text=True)


def test_another_company_cannot_schedule_and_others_cannot_open_the_call_list(client, login_as):
    staff, request, people, proposals = _setup()
    login_as("company_hr")
    url = f"/permintaan/{request.id}/kandidat/{proposals[0].id}/wawancara"
    assert client.get(url).status_code == 404
    assert client.post(url, data=_form()).status_code == 404
    assert client.get("/kelola/kabari-pencari-kerja").status_code == 403
    assert [m.kind for m in _mails(people[0])] == ["hiring.seeker_proposed"]


def test_the_reschedule_form_shows_the_current_interview(client, auth):
    staff, request, people, proposals = _setup()
    invite(proposals[0], actor=request.created_by)
    auth.login(request.created_by)
    detail = client.get(f"/permintaan/{request.id}").get_data(as_text=True)
    assert "Ubah jadwal" in detail and "Batalkan wawancara" in detail and "Kantor HRD Lantai 2" in detail
    page = client.get(f"/permintaan/{request.id}/kandidat/{proposals[0].id}/wawancara").get_data(as_text=True)
    assert 'value="Kantor HRD Lantai 2"' in page and 'value="09:30"' in page
