"""Annual workforce plans: filing by companies, deadline and reminders by Disnaker, conversion to a request."""
from sqlalchemy import func, select

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.hiring.models import HiringRequest, HiringStatus, WorkforcePlan, WorkforcePlanItem
from bontang.hiring.plans import get_plan, planning_year
from bontang.mail import OutboxMessage
from tests.factories import make_company, make_user

ITEM = {"title": "Operator Boiler", "count": 4, "month": 3, "skills": "Boiler, K3", "for_turnaround": "y"}


def test_company_adds_positions_and_submits(client, login_as):
    hr = login_as("company_hr")
    assert client.post("/rencana-kebutuhan/posisi", data=ITEM).status_code == 303
    page = client.get("/rencana-kebutuhan").get_data(as_text=True)
    assert "Operator Boiler" in page and "Belum dikirim" in page
    assert client.post("/rencana-kebutuhan/kirim").status_code == 303
    plan = get_plan(hr.company_id, planning_year())
    assert plan.submitted_at is not None and plan.items[0].for_turnaround is True
    assert client.post("/rencana-kebutuhan/posisi", data=ITEM).status_code == 422
    assert db.session.scalar(select(func.count(WorkforcePlanItem.id))) == 1


def test_bad_plan_input_and_empty_plan_are_refused(client, login_as):
    login_as("company_hr")
    assert client.post("/rencana-kebutuhan/posisi", data={**ITEM, "count": 0}).status_code == 422
    response = client.post("/rencana-kebutuhan/kirim")
    assert response.status_code == 422 and "minimal satu posisi" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(WorkforcePlan.submitted_at))) == 0


def test_planned_position_becomes_a_draft_request_once(client, login_as):
    hr = login_as("company_hr")
    client.post("/rencana-kebutuhan/posisi", data=ITEM)
    item = db.session.scalar(select(WorkforcePlanItem))
    response = client.post(f"/rencana-kebutuhan/posisi/{item.id}/permintaan")
    assert response.status_code == 303 and "/ubah" in response.headers["Location"]
    request = db.session.scalar(select(HiringRequest))
    assert request.title == "Operator Boiler" and request.positions == 4 and request.status == HiringStatus.DRAFT
    assert request.company_id == hr.company_id
    assert client.post(f"/rencana-kebutuhan/posisi/{item.id}/permintaan").status_code == 422
    assert db.session.scalar(select(func.count(HiringRequest.id))) == 1


def test_another_companys_plan_item_is_404(client, login_as):
    other = make_user(Role.COMPANY_HR, company=make_company())
    plan = get_plan(other.company_id, planning_year(), create=True)
    db.session.add(WorkforcePlanItem(plan_id=plan.id, title="X", count=1, month=1))
    db.session.commit()
    item = db.session.scalar(select(WorkforcePlanItem))
    login_as("company_hr")
    assert client.post(f"/rencana-kebutuhan/posisi/{item.id}/hapus").status_code == 404
    assert client.post(f"/rencana-kebutuhan/posisi/{item.id}/permintaan").status_code == 404


def test_staff_sets_deadline_sees_who_reported_and_reminds_the_rest(client, login_as):
    year = planning_year()
    reported = make_user(Role.COMPANY_HR, company=make_company(name="PT Sudah Lapor"))
    silent = make_user(Role.COMPANY_HR, company=make_company(name="PT Belum Lapor"))
    plan = get_plan(reported.company_id, year, create=True)
    db.session.add(WorkforcePlanItem(plan_id=plan.id, title="Satpam", count=2, month=5))
    plan.submitted_at = db.func.now()
    db.session.commit()
    login_as("staff")
    assert client.post("/rencana-kebutuhan/ingatkan").status_code == 422  # no deadline yet
    assert client.post("/rencana-kebutuhan/tenggat", data={"deadline": f"{year + 1}-01-01"}).status_code == 422
    assert client.post("/rencana-kebutuhan/tenggat", data={"deadline": f"{year - 1}-12-15"}).status_code == 303
    page = client.get("/rencana-kebutuhan").get_data(as_text=True)
    assert "1 / 2" in page and "PT Belum Lapor" in page
    only_missing = client.get("/rencana-kebutuhan?lapor=belum", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in only_missing and "PT Belum Lapor" in only_missing and "PT Sudah Lapor" not in only_missing
    assert client.post("/rencana-kebutuhan/ingatkan").status_code == 303
    to = db.session.scalars(select(OutboxMessage.to_email).where(OutboxMessage.kind == "hiring.plan_reminder")).all()
    assert to == [silent.email]


def test_deadline_must_be_a_date(client, login_as):
    login_as("staff")
    assert client.post("/rencana-kebutuhan/tenggat", data={"deadline": "besok"}).status_code == 422
