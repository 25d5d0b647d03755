"""Disnaker's queue: filters, htmx verification in place, return and reject with notes, races, mail."""
from sqlalchemy import func, select

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.hiring.models import HiringRequest, HiringStatus
from bontang.mail import OutboxMessage
from tests.factories import make_company, make_user
from tests.hiring.factories import make_request, make_skill

HX = {"HX-Request": "true"}


def test_queue_lists_waiting_requests_and_filters(client, login_as):
    login_as("staff")
    welding, cooking = make_skill("Las"), make_skill("Masak")
    company = make_company(name="PT Filter")
    make_request(company, state="submitted", title="Welder", skill_ids=[welding.id], age_min=20, age_max=30)
    make_request(state="submitted", title="Juru Masak", skill_ids=[cooking.id], age_min=35, age_max=50)
    make_request(title="Masih draf")
    page = client.get("/kelola/permintaan").get_data(as_text=True)
    assert "Welder" in page and "Juru Masak" in page and "Masih draf" not in page
    assert "Juru Masak" not in client.get(f"/kelola/permintaan?keahlian={welding.id}").get_data(as_text=True)
    assert "Welder" not in client.get("/kelola/permintaan?usia=40").get_data(as_text=True)
    by_company = client.get(f"/kelola/permintaan?perusahaan={company.id}", headers=HX).get_data(as_text=True)
    assert "<html" not in by_company and "Welder" in by_company and "Juru Masak" not in by_company
    assert "Welder" not in client.get("/kelola/permintaan?status=filled").get_data(as_text=True)


def test_verify_from_the_queue_swaps_the_row_and_mails_the_company(client, login_as):
    login_as("staff")
    company = make_company()
    hr = make_user(Role.COMPANY_HR, company=company)
    request = make_request(company, actor=hr, state="submitted")
    response = client.post(f"/kelola/permintaan/{request.id}/tinjau", data={"decision": "verify", "from": "queue"},
                           headers=HX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body and f'id="req-{request.id}"' in body
    assert "Terverifikasi" in body
    db.session.expire_all()
    assert db.session.get(HiringRequest, request.id).status == HiringStatus.VERIFIED
    mail = db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_email == hr.email)).all()
    assert len(mail) == 1 and "Terverifikasi" in mail[0].body


def test_return_needs_a_note_and_nothing_changes_without_it(client, login_as):
    login_as("staff")
    request = make_request(state="submitted")
    response = client.post(f"/kelola/permintaan/{request.id}/tinjau", data={"decision": "return", "from": "queue"},
                           headers=HX)
    assert response.status_code == 422 and "Tuliskan catatan" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(HiringRequest, request.id).status == HiringStatus.SUBMITTED
    ok = client.post(f"/kelola/permintaan/{request.id}/tinjau", data={"decision": "return", "note": "Upah kurang jelas"})
    assert ok.status_code == 303
    db.session.expire_all()
    request = db.session.get(HiringRequest, request.id)
    assert request.status == HiringStatus.RETURNED and request.history[-1].note == "Upah kurang jelas"


def test_reject_with_note(client, login_as):
    login_as("admin")
    request = make_request(state="submitted")
    client.post(f"/kelola/permintaan/{request.id}/tinjau", data={"decision": "reject", "note": "Di luar lingkup"})
    db.session.expire_all()
    assert db.session.get(HiringRequest, request.id).status == HiringStatus.REJECTED


def test_second_staff_verifying_is_told_and_nothing_is_written(app, client, login_as):
    login_as("staff")
    other = app.test_client()
    other_staff = make_user(Role.STAFF)
    other.post("/masuk", data={"email": other_staff.email, "password": "rahasia-uji-123"})
    request = make_request(state="submitted")
    assert client.post(f"/kelola/permintaan/{request.id}/tinjau", data={"decision": "verify"}).status_code == 303
    late = other.post(f"/kelola/permintaan/{request.id}/tinjau", data={"decision": "verify", "from": "queue"}, headers=HX)
    assert late.status_code == 422 and "sudah diproses" in late.get_data(as_text=True)
    assert len(db.session.get(HiringRequest, request.id).history) == 3


def test_unknown_decision_is_refused(client, login_as):
    login_as("staff")
    request = make_request(state="submitted")
    assert client.post(f"/kelola/permintaan/{request.id}/tinjau", data={"decision": "approve-all"}).status_code == 422
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.kind == "hiring.reviewed")) == 0
