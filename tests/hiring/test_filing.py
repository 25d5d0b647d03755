"""Company users file, edit, submit and withdraw hiring requests; bad input changes nothing."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.hiring.models import HiringRequest, HiringStatus
from bontang.mail import OutboxMessage
from tests.factories import make_company, make_user
from tests.hiring.factories import make_occupation, make_request, make_skill, request_data


def _form(**overrides) -> dict:
    data = request_data(**overrides)
    data["valid_until"] = data["valid_until"].isoformat()
    data["scheme_id"] = data["scheme_id"] or 0
    form = {k: v for k, v in data.items() if v is not None and k not in ("skill_ids", "disability_friendly")}
    form["skill_ids"] = data["skill_ids"]
    return form


def _count() -> int:
    return db.session.scalar(select(func.count(HiringRequest.id)))


def test_hr_files_a_draft_with_skills_and_kbji(client, login_as):
    hr = login_as("company_hr")
    skill = make_skill("Pengelasan SMAW")
    make_occupation("7212")
    response = client.post("/permintaan/baru", data=_form(kbji_code="7212", skill_ids=[skill.id]))
    assert response.status_code == 303
    request = db.session.scalar(select(HiringRequest))
    assert request.company_id == hr.company_id and request.status == HiringStatus.DRAFT
    assert [s.name for s in request.skills] == ["Pengelasan SMAW"] and request.kbji_code == "7212"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Welder 6G" in page and "Draf" in page and "Pengelasan SMAW" in page


BAD = [
    ({"positions": 0}, "Isi angka 1 sampai 1000"),
    ({"positions": -3}, "Isi angka 1 sampai 1000"),
    ({"positions": 99999999999999999999}, "Isi angka 1 sampai 1000"),
    ({"valid_until": date.today() + timedelta(days=400)}, "paling lama satu tahun"),
    ({"age_max": 300}, "Isi angka 15 sampai 70"),
    ({"valid_until": date.today() - timedelta(days=1)}, "tidak boleh di masa lalu"),
    ({"age_min": 40, "age_max": 20}, "Usia minimal tidak boleh lebih"),
    ({"wage_min": 7_000_000, "wage_max": 5_000_000}, "Upah minimal tidak boleh lebih"),
    ({"planned_local_percent": 60}, "Porsi lokal di bawah 75%"),
    ({"kbji_code": "9999"}, "Kode KBJI 9999 tidak ditemukan"),
    ({"skill_ids": [424242]}, "keahlian yang tidak ditemukan"),
    ({"sex": "X"}, "field__error"),
]


@pytest.mark.parametrize("overrides, message", BAD, ids=[m for _, m in BAD])
def test_bad_input_is_refused_with_a_message_and_nothing_written(client, login_as, overrides, message):
    login_as("company_hr")
    response = client.post("/permintaan/baru", data=_form(**overrides))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _count() == 0


def test_low_local_share_with_justification_is_accepted(client, login_as):
    login_as("company_hr")
    response = client.post("/permintaan/baru", data=_form(planned_local_percent=50,
                                                         local_justification="Keahlian tidak tersedia di Bontang"))
    assert response.status_code == 303 and _count() == 1


def test_wage_below_umk_is_a_warning_not_a_refusal(client, login_as):
    login_as("company_hr")
    response = client.post("/permintaan/baru", data=_form(wage_min=2_000_000), follow_redirects=True)
    assert response.status_code == 200 and "di bawah UMK" in response.get_data(as_text=True)
    assert _count() == 1


def test_invalid_htmx_post_returns_the_form_without_layout(client, login_as):
    login_as("company_hr")
    response = client.post("/permintaan/baru", data=_form(positions=0), headers={"HX-Request": "true"})
    assert response.status_code == 422


def test_edit_draft_then_submit_notifies_disnaker(client, login_as):
    hr = login_as("company_hr")
    staff = make_user(Role.STAFF)
    request = make_request(hr.company, actor=hr)
    assert client.post(f"/permintaan/{request.id}/ubah", data=_form(title="Welder 3G", positions=4)).status_code == 303
    assert client.post(f"/permintaan/{request.id}/ajukan").status_code == 303
    db.session.expire_all()
    request = db.session.get(HiringRequest, request.id)
    assert request.title == "Welder 3G" and request.positions == 4 and request.status == HiringStatus.SUBMITTED
    mail = db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_email == staff.email)).all()
    assert len(mail) == 1 and "Welder 3G" in mail[0].body


def test_editing_a_submitted_request_is_refused(client, login_as):
    hr = login_as("company_hr")
    request = make_request(hr.company, actor=hr, state="submitted")
    response = client.post(f"/permintaan/{request.id}/ubah", data=_form(title="Diubah diam-diam"))
    assert response.status_code == 422 and "tidak dapat diubah" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(HiringRequest, request.id).title == "Welder 6G"
    get = client.get(f"/permintaan/{request.id}/ubah")
    assert get.status_code == 303


def test_returned_request_is_edited_and_resubmitted(client, login_as):
    hr = login_as("company_hr")
    request = make_request(hr.company, actor=hr, state="returned")
    assert "Lengkapi data." in client.get(f"/permintaan/{request.id}").get_data(as_text=True)
    page = client.get(f"/permintaan/{request.id}/ubah").get_data(as_text=True)
    assert "Lengkapi data." in page
    client.post(f"/permintaan/{request.id}/ubah", data=_form(wage_max=7_000_000))
    assert client.post(f"/permintaan/{request.id}/ajukan").status_code == 303
    db.session.expire_all()
    assert db.session.get(HiringRequest, request.id).status == HiringStatus.RESUBMITTED


def test_repeated_submit_is_refused_the_second_time(client, login_as):
    hr = login_as("company_hr")
    request = make_request(hr.company, actor=hr)
    assert client.post(f"/permintaan/{request.id}/ajukan").status_code == 303
    second = client.post(f"/permintaan/{request.id}/ajukan")
    assert second.status_code == 422 and "tidak dapat diubah" in second.get_data(as_text=True)
    assert len(db.session.get(HiringRequest, request.id).history) == 2


def test_withdraw_cancels_and_final_state_cannot_be_withdrawn_again(client, login_as):
    hr = login_as("company_rep")
    request = make_request(hr.company, actor=hr, state="submitted")
    assert client.post(f"/permintaan/{request.id}/tarik").status_code == 303
    db.session.expire_all()
    assert db.session.get(HiringRequest, request.id).status == HiringStatus.CANCELLED
    assert client.post(f"/permintaan/{request.id}/tarik").status_code == 422


@pytest.mark.parametrize("method, path", [
    ("get", "/permintaan/{id}"), ("get", "/permintaan/{id}/ubah"), ("post", "/permintaan/{id}/ubah"),
    ("post", "/permintaan/{id}/ajukan"), ("post", "/permintaan/{id}/tarik")])
def test_another_companys_request_is_404(client, login_as, method, path):
    login_as("company_hr")
    other = make_request(make_company())
    response = getattr(client, method)(path.format(id=other.id), data=_form())
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(HiringRequest, other.id).status == HiringStatus.DRAFT


def test_company_list_shows_only_own_requests_and_htmx_fragment(client, login_as):
    hr = login_as("company_hr")
    make_request(hr.company, actor=hr, title="Milik sendiri")
    make_request(make_company(), title="Milik orang lain")
    page = client.get("/permintaan").get_data(as_text=True)
    assert "Milik sendiri" in page and "Milik orang lain" not in page
    fragment = client.get("/permintaan?status=draft", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and "Milik sendiri" in fragment
