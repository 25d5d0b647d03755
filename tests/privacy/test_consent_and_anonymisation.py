"""Withdrawing consent hides the person from companies at once; anonymisation removes name and NIK from every
page and export while placements stay and the audit chain still verifies."""
from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bontang.accounts.models import Role
from bontang.audit import AuditEvent, verify_chain
from bontang.extensions import db
from bontang.jobseekers.models import JobSeeker
from bontang.hiring import matching
from bontang.jobs.models import Job, JobKind
from bontang.hiring.models import CandidateProposal, Placement, ProposalStage
from bontang.mail import OutboxMessage
from bontang.privacy.models import Erasure
from tests import factories
from tests.hiring.factories import accept, make_request
from tests.privacy.helpers import NAME, make_person, pdf_text


@pytest.fixture
def journey(client, auth):
    """A graduate proposed to one company (undecided) and hired by another; a company opened the profile."""
    seeker, nik = make_person()
    staff = factories.make_user(Role.STAFF)
    hired_at = make_request(state="verified", staff=staff)
    placement = accept(matching.propose_candidates(hired_at, [seeker.id], actor=staff)[0],
                       actor=factories.make_user(Role.COMPANY_HR, company=hired_at.company))
    db.session.get(JobSeeker, seeker.id).employment_status = "available"  # looking again after a short contract
    db.session.commit()
    pending = make_request(state="verified", staff=staff)
    proposal = matching.propose_candidates(pending, [seeker.id], actor=staff)[0]
    db.session.commit()
    hr = factories.make_user(Role.COMPANY_HR, company=pending.company)
    auth.login(hr)
    assert NAME in client.get("/lulusan").get_data(as_text=True)
    assert client.get(f"/lulusan/{seeker.id}").status_code == 200
    assert NAME in client.get(f"/permintaan/{pending.id}").get_data(as_text=True)
    auth.logout()
    return {"seeker": seeker, "nik": nik, "staff": staff, "hr": hr, "pending": pending, "proposal": proposal,
            "placement": placement, "hired_at": hired_at}


def test_withdrawing_consent_hides_the_person_from_companies_at_once(client, auth, journey):
    seeker, hr = journey["seeker"], journey["hr"]
    auth.login(journey["staff"])
    response = client.post(f"/privasi/pencari-kerja/{seeker.id}/tarik-persetujuan")
    assert response.status_code == 303
    assert "Persetujuan ditarik" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert db.session.get(JobSeeker, seeker.id).consent_to_share is False
    assert db.session.get(CandidateProposal, journey["proposal"].id).stage == ProposalStage.WITHDRAWN
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.consent_withdrawn"))
    assert event.details["proposals_withdrawn"] == 1 and NAME not in event.payload()
    auth.logout()
    auth.login(hr)
    assert NAME not in client.get("/lulusan", query_string={"q": "Siti"}).get_data(as_text=True)
    assert client.get(f"/lulusan/{seeker.id}").status_code == 404


def test_withdrawing_twice_is_a_message(client, login_as):
    seeker, _nik = make_person(consent_to_share=False)
    login_as(Role.STAFF)
    response = client.post(f"/privasi/pencari-kerja/{seeker.id}/tarik-persetujuan")
    assert response.status_code == 303
    assert "tidak (lagi) memberi persetujuan" in client.get(response.headers["Location"]).get_data(as_text=True)


def _pdf_copy(client, jobs, seeker) -> str:
    location = client.post(f"/privasi/pencari-kerja/{seeker.id}/ekspor", data={"fmt": "pdf"}).headers["Location"]
    jobs.run_pending()
    return pdf_text(client.get(location + "/unduh").data)


def _pages_staff_see(client, jobs, seeker, journey) -> list[str]:
    found_by_nik = client.get(f"/pencari-kerja?q={journey['nik']}").get_data(as_text=True)
    pages = [("search by nik", "" if "Pencari kerja ditemukan: 0" in found_by_nik else f"{NAME} {journey['nik']}")]
    urls = ["/pencari-kerja", "/pencari-kerja?q=Siti",
            f"/pencari-kerja/{seeker.id}", "/pencari-kerja/ekspor.csv", "/kelola/permintaan",
            f"/permintaan/{journey['pending'].id}", f"/permintaan/{journey['hired_at'].id}", "/permintaan-usulan",
            f"/privasi/pencari-kerja/{seeker.id}", "/admin/kotak-keluar", "/admin/audit",
            f"/pelatihan/{seeker.enrolments[0].programme_id}"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        # A search box shows back what was typed into it; that is the searcher's input, not data held.
        pages.append((url, re.sub(r'name="q"[^>]*value="[^"]*"', "", response.get_data(as_text=True))))
    pages.append(("export.json", client.post(f"/privasi/pencari-kerja/{seeker.id}/ekspor", data={"fmt": "json"})
                  .get_data(as_text=True)))
    pages.append(("export.pdf", _pdf_copy(client, jobs, seeker)))
    pages += [(f"outbox {m.id}", m.to_email + m.subject + m.body) for m in db.session.scalars(select(OutboxMessage))]
    return pages


def test_after_anonymisation_no_page_or_export_shows_the_name_or_nik(client, auth, runner, jobs, journey):
    seeker, nik, ak1 = journey["seeker"], journey["nik"], journey["seeker"].ak1_number
    auth.login(factories.make_user(Role.ADMIN))
    before = _pages_staff_see(client, jobs, seeker, journey)
    earlier_copy = db.session.scalar(select(Job).where(Job.kind == JobKind.PRIVACY_EXPORT))
    assert earlier_copy.file_bytes is not None
    assert any(NAME in page for _url, page in before) and any(nik in page for _url, page in before)  # the walk sees them
    response = client.post(f"/privasi/pencari-kerja/{seeker.id}/anonimkan", data={"confirm": "hapus"})
    assert response.status_code == 303
    assert "dianonimkan" in client.get(response.headers["Location"]).get_data(as_text=True)
    db.session.refresh(earlier_copy)
    assert earlier_copy.file_bytes is None  # the copy made before holds the name: deleted with the person
    after = _pages_staff_see(client, jobs, seeker, journey)
    for url, page in after:
        for secret in (NAME, nik, ak1):
            assert secret not in page, (url, secret, page[max(0, page.find(secret) - 300):page.find(secret) + 100])
    exported = json.loads(client.post(f"/privasi/pencari-kerja/{seeker.id}/ekspor", data={"fmt": "json"}).data)
    erasure = db.session.scalar(select(Erasure))
    assert exported["person"]["name"] == f"Anonim {erasure.pseudonym}" and exported["person"]["nik"] == ""
    auth.logout()
    auth.login(journey["hr"])
    for url in ("/lulusan", "/lulusan?q=Siti", f"/permintaan/{journey['pending'].id}"):
        assert NAME not in client.get(url).get_data(as_text=True)
    auth.logout()
    auth.login(factories.make_user(Role.COMPANY_HR, company=journey["hired_at"].company))
    hired_page = client.get(f"/permintaan/{journey['hired_at'].id}").get_data(as_text=True)
    assert NAME not in hired_page and erasure.pseudonym in hired_page  # the placement stays, under the pseudonym
    result = runner.invoke(args=["audit-verify"])
    assert result.exit_code == 0, result.output
    assert verify_chain().intact


def test_what_the_law_requires_is_kept(client, login_as, journey):
    seeker = journey["seeker"]
    login_as(Role.STAFF)
    client.post(f"/privasi/pencari-kerja/{seeker.id}/anonimkan", data={"confirm": "HAPUS"})
    placement = db.session.get(Placement, journey["placement"].id)
    assert placement is not None and placement.job_seeker_id == seeker.id and placement.is_local is True
    person = db.session.get(JobSeeker, seeker.id)
    assert person.birth_date == date(1998, 1, 1) and person.sex == "L" and person.education_level == "SMK"
    assert person.phone == "" and person.address == "" and person.email == "" and person.welfare_decile is None
    assert person.certificate_count == 1  # the certificate stays, its holder anonymous
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.object_id == str(seeker.id),
                                                         AuditEvent.object_type == "JobSeeker")).all()
    assert events[-1].action == "privacy.anonymised" and events[-1].details["reason"] == "request"
    for event in db.session.scalars(select(AuditEvent)):
        assert NAME not in event.payload() and journey["nik"] not in event.payload()


def test_anonymisation_needs_the_confirmation_and_happens_once(client, login_as):
    seeker, _nik = make_person()
    login_as(Role.STAFF)
    refused = client.post(f"/privasi/pencari-kerja/{seeker.id}/anonimkan", data={"confirm": "ya"})
    assert refused.status_code == 422 and "Ketik HAPUS" in refused.get_data(as_text=True)
    assert db.session.get(JobSeeker, seeker.id).name == NAME and db.session.scalar(select(Erasure)) is None
    assert client.post(f"/privasi/pencari-kerja/{seeker.id}/anonimkan", data={"confirm": "HAPUS"}).status_code == 303
    again = client.post(f"/privasi/pencari-kerja/{seeker.id}/anonimkan", data={"confirm": "HAPUS"})
    assert "sudah dianonimkan" in client.get(again.headers["Location"]).get_data(as_text=True)
    assert len(db.session.scalars(select(Erasure)).all()) == 1


def test_an_anonymised_nik_can_register_again_as_a_new_person(client, login_as):
    from tests.jobseekers.factories import make_job_seeker

    seeker, nik = make_person()
    login_as(Role.STAFF)
    client.post(f"/privasi/pencari-kerja/{seeker.id}/anonimkan", data={"confirm": "HAPUS"})
    again = make_job_seeker(nik=nik, name="Kembali Mendaftar", registered_at=date.today() - timedelta(days=1))
    assert again.id != seeker.id
