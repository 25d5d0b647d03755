"""A job seeker's copy of their data: JSON and PDF, with who viewed the profile; trainers only for their own people."""
from __future__ import annotations

import io
import json

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from sqlalchemy import func, select

from bontang.accounts.models import Role
from bontang.audit import AuditEvent, verify_chain
from bontang.extensions import db
from tests import factories
from tests.conftest import csrf_token_from
from tests.privacy.helpers import NAME, make_person, pdf_text


def _export(client, seeker, fmt="json"):
    return client.post(f"/privasi/pencari-kerja/{seeker.id}/ekspor", data={"fmt": fmt})


def _company_views(client, auth, seeker):
    hr = factories.make_user(Role.COMPANY_HR)
    auth.login(hr)
    assert client.get(f"/lulusan/{seeker.id}").status_code == 200
    auth.logout()
    return hr


def test_staff_find_the_person_by_nik_and_export_everything_as_json(client, auth):
    seeker, nik = make_person()
    hr = _company_views(client, auth, seeker)
    auth.login(factories.make_user(Role.STAFF))
    found = client.get("/privasi/", query_string={"q": nik})
    assert found.status_code == 303 and found.headers["Location"].endswith(f"/privasi/pencari-kerja/{seeker.id}")
    page = client.get(found.headers["Location"]).get_data(as_text=True)
    assert NAME in page and "1 kali" in page
    response = _export(client, seeker)
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["person"]["name"] == NAME and data["person"]["nik"] == nik
    assert data["person"]["welfare_decile"] == 3
    assert data["certificates"] and data["enrolments"][0]["result"] == "lulus"
    assert [(v["company"], v["user_email"]) for v in data["profile_views"]] == [(hr.company.name, hr.email)]
    assert "job_seeker.created" in {e["action"] for e in data["access_log"]}


def test_the_pdf_copy_is_prepared_by_a_worker_and_holds_the_same_data(client, auth, jobs):
    seeker, nik = make_person()
    hr = _company_views(client, auth, seeker)
    auth.login(factories.make_user(Role.STAFF))
    asked = _export(client, seeker, "pdf")
    assert asked.status_code == 303
    waiting = client.get(asked.headers["Location"]).get_data(as_text=True)
    assert "PDF menunggu giliran di antrean" in waiting and "worker" in waiting and "/unduh" not in waiting
    poll = client.get(asked.headers["Location"], headers={"HX-Request": "true", "HX-Target": "export-progress"})
    assert "<html" not in poll.get_data(as_text=True) and 'id="export-progress"' in poll.get_data(as_text=True)
    assert jobs.run_pending() == 1
    ready = client.get(asked.headers["Location"]).get_data(as_text=True)
    assert "PDF siap diunduh" in ready
    response = client.get(asked.headers["Location"] + "/unduh")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert len(PdfFileReader(io.BytesIO(response.data)).root["/Pages"]["/Kids"]) >= 1
    text = pdf_text(response.data)
    assert NAME in text and nik in text and hr.company.name in text and "Siapa yang membuka profil" in text


def test_every_export_is_audited_with_a_pseudonym_and_not_the_name(client, login_as):
    seeker, nik = make_person()
    staff = login_as(Role.STAFF)
    _export(client, seeker, "json")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.exported"))
    assert event.actor_id == staff.id and event.object_id == str(seeker.id)
    assert event.details["format"] == "json" and event.details["subject"].startswith("P-")
    assert NAME not in event.payload() and nik not in event.payload()
    assert verify_chain().intact


def test_a_trainer_exports_only_what_its_institution_holds(client, login_as):
    seeker, nik = make_person()
    programme = seeker.enrolments[0].programme
    login_as(Role.TRAINER, institution_id=programme.institution_id)
    assert client.get(f"/privasi/pencari-kerja/{seeker.id}").status_code == 200
    data = json.loads(_export(client, seeker).data)
    assert data["scope"] == "institution" and data["person"]["name"] == NAME
    assert "welfare_decile" not in data["person"] and "profile_views" not in data
    assert [e["institution"] for e in data["enrolments"]] == [programme.institution.name]


def test_only_the_asker_and_disnaker_follow_a_pdf_copy(client, auth, jobs):
    seeker, _nik = make_person()
    institution_id = seeker.enrolments[0].programme.institution_id
    trainer = factories.make_user(Role.TRAINER, institution_id=institution_id)
    auth.login(trainer)
    location = _export(client, seeker, "pdf").headers["Location"]
    jobs.run_pending()
    assert client.get(location + "/unduh").status_code == 200
    auth.logout()
    auth.login(factories.make_user(Role.TRAINER, institution_id=institution_id))  # a colleague: not theirs
    assert client.get(location).status_code == 404 and client.get(location + "/unduh").status_code == 404
    auth.logout()
    auth.login(factories.make_user(Role.STAFF))
    assert client.get(location + "/unduh").status_code == 200


def test_a_failed_pdf_says_so(client, login_as, jobs, monkeypatch):
    from bontang.privacy import export

    seeker, _nik = make_person()
    login_as(Role.STAFF)
    location = _export(client, seeker, "pdf").headers["Location"]
    monkeypatch.setattr(export, "to_pdf", lambda data: (_ for _ in ()).throw(OSError("disk full")))
    jobs.run_pending()
    page = client.get(location).get_data(as_text=True)
    assert "Pembuatan PDF gagal" in page and client.get(location + "/unduh").status_code == 404


def test_a_trainer_of_another_institution_is_refused(client, login_as):
    seeker, nik = make_person()
    login_as(Role.TRAINER, institution_id=factories.make_institution().id)
    before = db.session.scalar(select(func.count(AuditEvent.id)))
    for fmt in ("json", "pdf"):
        response = _export(client, seeker, fmt)
        assert response.status_code == 403
        assert "lembaga Anda sendiri" in response.get_data(as_text=True) and NAME not in response.get_data(as_text=True)
    assert client.get(f"/privasi/pencari-kerja/{seeker.id}").status_code == 404
    lookup = client.get("/privasi/", query_string={"q": nik})
    assert lookup.status_code == 200 and "Tidak ada pencari kerja" in lookup.get_data(as_text=True)
    assert db.session.scalar(select(func.count(AuditEvent.id))) == before  # nothing exported, nothing recorded


@pytest.mark.parametrize("role", [Role.COMPANY_HR, Role.COMPANY_REP, Role.OFFICIAL])
def test_companies_and_officials_cannot_use_data_subject_requests(client, login_as, role):
    seeker, _nik = make_person()
    login_as(role)
    for response in (client.get("/privasi/"), client.get(f"/privasi/pencari-kerja/{seeker.id}"), _export(client, seeker),
                     client.post(f"/privasi/pencari-kerja/{seeker.id}/tarik-persetujuan"),
                     client.post(f"/privasi/pencari-kerja/{seeker.id}/anonimkan", data={"confirm": "HAPUS"})):
        assert response.status_code == 403


def test_a_trainer_cannot_withdraw_consent_or_anonymise(client, login_as):
    seeker, _nik = make_person()
    login_as(Role.TRAINER, institution_id=seeker.enrolments[0].programme.institution_id)
    assert client.post(f"/privasi/pencari-kerja/{seeker.id}/tarik-persetujuan").status_code == 403
    assert client.post(f"/privasi/pencari-kerja/{seeker.id}/anonimkan", data={"confirm": "HAPUS"}).status_code == 403


def test_bad_input_is_refused_with_a_message(client, login_as):
    seeker, _nik = make_person()
    login_as(Role.STAFF)
    assert _export(client, seeker, "xml").status_code == 400
    assert client.post("/privasi/pencari-kerja/999999/ekspor", data={"fmt": "json"}).status_code == 404
    empty = client.get("/privasi/", query_string={"q": ""})
    assert empty.status_code == 200 and "Isi NIK atau nomor AK1." in empty.get_data(as_text=True)
    long = client.get("/privasi/", query_string={"q": "9" * 31})
    assert long.status_code == 200 and "pencari-kerja/" not in long.headers.get("Location", "")
    assert client.get("/privasi/", query_string={"q": "6474011505990000"}).status_code == 200  # nobody: a message


def test_export_needs_the_csrf_token(client, login_as, csrf_on):
    seeker, _nik = make_person()
    login_as(Role.STAFF)
    assert _export(client, seeker).status_code == 400
    token = csrf_token_from(client.get(f"/privasi/pencari-kerja/{seeker.id}"))
    assert client.post(f"/privasi/pencari-kerja/{seeker.id}/ekspor", data={"fmt": "json", "csrf_token": token}).status_code == 200


def test_opening_the_person_page_writes_nothing(client, login_as):
    seeker, _nik = make_person()
    login_as(Role.STAFF)
    before = db.session.scalar(select(func.count(AuditEvent.id)))
    client.get(f"/privasi/pencari-kerja/{seeker.id}")
    assert db.session.scalar(select(func.count(AuditEvent.id))) == before


def test_the_person_page_in_english(client, login_as):
    seeker, _nik = make_person()
    login_as(Role.STAFF)
    client.post("/bahasa", data={"locale": "en"})
    html = client.get(f"/privasi/pencari-kerja/{seeker.id}").get_data(as_text=True)
    for text in ("Copy of the data", "Download the copy", "Withdraw consent", "Erase personal data (anonymise)",
                 "Type HAPUS to confirm", "Personal data requests"):
        assert text in html
    assert "Unduh salinan data" not in html and "Tarik persetujuan" not in html
