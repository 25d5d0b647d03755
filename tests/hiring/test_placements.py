"""Placements have a life: the end is recorded by company HR or staff, and the person is available again."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from bontang.accounts.models import Role
from bontang.audit import AuditEvent
from bontang.extensions import db
from bontang.jobseekers.models import EmploymentStatus, JobSeeker
from bontang.hiring.matching import propose_candidates
from bontang.hiring.models import CandidateProposal, Placement
from tests.factories import make_user
from tests.hiring.factories import accept, make_job_seeker, make_request


def _placed(hr=None, start=None):
    staff = make_user(Role.STAFF)
    request = make_request(hr.company if hr else None, actor=hr, state="verified", staff=staff)
    seeker = make_job_seeker()
    propose_candidates(request, [seeker.id], actor=staff)
    db.session.commit()
    proposal = db.session.scalar(select(CandidateProposal).where(CandidateProposal.job_seeker_id == seeker.id))
    placement = accept(proposal, actor=request.created_by, start=start or date.today() - timedelta(days=200))
    return placement, staff


def _url(placement) -> str:
    return f"/penempatan/{placement.id}/akhiri"


def test_company_hr_ends_a_placement_from_the_list_and_the_person_is_available_again(client, login_as):
    hr = login_as("company_hr")
    placement, _staff = _placed(hr)
    page = client.get("/penempatan").get_data(as_text=True)
    assert placement.job_seeker.name in page and _url(placement) in page
    ended = (date.today() - timedelta(days=3)).isoformat()
    response = client.post(_url(placement), data={"ended_on": ended, "reason": "mengundurkan_diri", "note": ""})
    assert response.status_code == 303
    db.session.expire_all()
    placement = db.session.get(Placement, placement.id)
    assert placement.ended_on.isoformat() == ended and placement.end_reason == "mengundurkan_diri"
    assert placement.ended_by_id == hr.id
    assert db.session.get(JobSeeker, placement.job_seeker_id).employment_status == EmploymentStatus.AVAILABLE
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "hiring.placement_ended")) == 1
    ended_page = client.get("/penempatan?status=ended").get_data(as_text=True)
    assert placement.job_seeker.name in ended_page and "Mengundurkan diri" in ended_page


def test_staff_can_end_any_placement_and_the_person_can_be_placed_again(client, login_as):
    placement, staff = _placed()
    login_as("staff")
    response = client.post(_url(placement), data={"ended_on": date.today().isoformat(), "reason": "kontrak_selesai"})
    assert response.status_code == 303
    db.session.expire_all()
    again = make_request(state="verified", staff=staff)
    propose_candidates(again, [placement.job_seeker_id], actor=staff)
    db.session.commit()
    proposal = db.session.scalar(select(CandidateProposal).where(CandidateProposal.hiring_request_id == again.id))
    accept(proposal, actor=again.created_by)
    assert db.session.scalar(select(func.count(Placement.id)).where(Placement.ended_on.is_(None))) == 1


@pytest.mark.parametrize("data, message", [
    ({"ended_on": (date.today() + timedelta(days=5)).isoformat(), "reason": "kontrak_selesai"}, "masa depan"),
    ({"ended_on": (date.today() - timedelta(days=300)).isoformat(), "reason": "kontrak_selesai"}, "sebelum tanggal mulai"),
    ({"ended_on": date.today().isoformat(), "reason": ""}, "Pilih alasan"),
    ({"ended_on": date.today().isoformat(), "reason": "diberhentikan", "note": ""}, "Tuliskan keterangannya"),
    ({"reason": "kontrak_selesai"}, "Isi tanggal yang valid"),
])
def test_bad_end_is_refused_with_a_message_and_nothing_written(client, login_as, data, message):
    hr = login_as("company_hr")
    placement, _staff = _placed(hr)
    response = client.post(_url(placement), data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Placement, placement.id).ended_on is None
    assert db.session.get(JobSeeker, placement.job_seeker_id).employment_status == EmploymentStatus.EMPLOYED


def test_an_ended_placement_cannot_end_twice(client, login_as):
    hr = login_as("company_hr")
    placement, _staff = _placed(hr)
    data = {"ended_on": date.today().isoformat(), "reason": "kontrak_selesai"}
    assert client.post(_url(placement), data=data).status_code == 303
    response = client.post(_url(placement), data=data)
    assert response.status_code == 422 and "sudah berakhir" in response.get_data(as_text=True)


def test_another_company_gets_404_and_its_placements_are_not_listed(client, login_as):
    placement, _staff = _placed()
    login_as("company_hr")
    assert client.get(_url(placement)).status_code == 404
    assert client.post(_url(placement), data={"ended_on": date.today().isoformat(),
                                               "reason": "kontrak_selesai"}).status_code == 404
    assert placement.job_seeker.name not in client.get("/penempatan").get_data(as_text=True)


@pytest.mark.parametrize("role", ["trainer", "official"])
def test_other_roles_cannot_open_placements(client, login_as, role):
    placement, _staff = _placed()
    login_as(role)
    assert client.get("/penempatan").status_code == 403
    assert client.get(_url(placement)).status_code == 403


def test_demo_placed_people_are_not_available(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    active = select(Placement.job_seeker_id).where(Placement.ended_on.is_(None))
    assert db.session.scalar(select(func.count(Placement.id)).where(Placement.ended_on.is_(None))) > 50
    still_available = db.session.scalar(select(func.count(JobSeeker.id)).where(
        JobSeeker.id.in_(active), JobSeeker.employment_status != EmploymentStatus.EMPLOYED))
    assert still_available == 0
    assert db.session.scalar(select(func.count(Placement.id)).where(Placement.ended_on.is_not(None))) > 0
