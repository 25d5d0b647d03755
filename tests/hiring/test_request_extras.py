"""Smaller hiring features: duplicate-request warning, job description and duties, the queue's waiting days and officers."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from bontang.accounts.models import Role
from bontang.audit import AuditEvent
from bontang.extensions import db
from bontang.hiring.models import HiringRequest
from tests.factories import make_user
from tests.hiring.factories import make_request, request_data


def _form(**overrides) -> dict:
    data = request_data(**overrides)
    data["valid_until"] = data["valid_until"].isoformat()
    data.pop("skill_ids")
    data["scheme_id"] = "0"
    data["disability_friendly"] = ""
    return {k: v for k, v in data.items() if v not in (None, False)}


def test_an_identical_request_is_saved_with_a_warning(client, login_as):
    hr = login_as("company_hr")
    first = make_request(hr.company, actor=hr, state="submitted")
    response = client.post("/permintaan/baru", data=_form(), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "permintaan serupa sudah ada" in page and f"nomor {first.id}" in page
    assert db.session.scalar(select(func.count(HiringRequest.id))) == 2  # a warning, not a block
    other = client.post("/permintaan/baru", data=_form(title="Pipe Fitter"), follow_redirects=True)
    assert "permintaan serupa" not in other.get_data(as_text=True)


def test_a_cancelled_request_or_another_company_does_not_count_as_duplicate(client, login_as):
    hr = login_as("company_hr")
    make_request(state="submitted")  # another company, same job
    old = make_request(hr.company, actor=hr, state="draft")
    client.post(f"/permintaan/{old.id}/tarik")
    page = client.post("/permintaan/baru", data=_form(), follow_redirects=True).get_data(as_text=True)
    assert "permintaan serupa" not in page


def test_job_description_and_duties_are_saved_and_shown(client, login_as):
    login_as("company_hr")
    response = client.post("/permintaan/baru", data=_form(job_description="Pengelasan pipa di area pabrik amonia",
                                                            duties="Mengelas pipa 6G\nMemeriksa hasil las"))
    assert response.status_code == 303
    request = db.session.scalar(select(HiringRequest))
    assert request.job_description == "Pengelasan pipa di area pabrik amonia"
    page = client.get(f"/permintaan/{request.id}").get_data(as_text=True)
    assert "Pengelasan pipa di area pabrik amonia" in page and "<li>Memeriksa hasil las</li>" in page


def test_the_queue_shows_waiting_days_and_filters_by_officer(client, login_as):
    staff = login_as("staff")
    other = make_user(Role.STAFF, name="Petugas Lain")
    mine = make_request(state="submitted", title="Welder Milik Saya")
    theirs = make_request(state="submitted", title="Rigger Milik Lain")
    db.session.execute(update(HiringRequest).where(HiringRequest.id == mine.id)
                       .values(submitted_at=datetime.utcnow() - timedelta(days=9)))
    db.session.commit()
    assert client.post(f"/kelola/permintaan/{mine.id}/petugas", data={"officer_id": staff.id}).status_code == 303
    unchanged = client.post(f"/kelola/permintaan/{mine.id}/petugas", data={"officer_id": staff.id})
    assert unchanged.status_code == 422 and "tidak berubah" in unchanged.get_data(as_text=True)
    client.post(f"/kelola/permintaan/{theirs.id}/petugas", data={"officer_id": other.id})
    assert db.session.get(HiringRequest, mine.id).assigned_officer_id == staff.id
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "hiring.officer_assigned")) == 2
    page = client.get("/kelola/permintaan?petugas=saya").get_data(as_text=True)
    assert "Welder Milik Saya" in page and "Rigger Milik Lain" not in page
    assert 'data-testid="waiting">9<' in page
    page = client.get(f"/kelola/permintaan?petugas={other.id}").get_data(as_text=True)
    assert "Rigger Milik Lain" in page and "Welder Milik Saya" not in page
    assert "Welder Milik Saya" not in client.get("/kelola/permintaan?petugas=-1").get_data(as_text=True)


def test_assigning_someone_who_is_not_an_officer_is_refused(client, login_as):
    login_as("staff")
    request = make_request(state="submitted")
    hr = make_user(Role.COMPANY_HR)
    response = client.post(f"/kelola/permintaan/{request.id}/petugas", data={"officer_id": hr.id})
    assert response.status_code == 422 and "Petugas tidak ditemukan" in response.get_data(as_text=True)
    assert db.session.get(HiringRequest, request.id).assigned_officer_id is None


def test_companies_cannot_assign_officers(client, login_as):
    hr = login_as("company_hr")
    request = make_request(hr.company, actor=hr, state="submitted")
    assert client.post(f"/kelola/permintaan/{request.id}/petugas", data={"officer_id": hr.id}).status_code == 403
