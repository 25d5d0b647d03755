"""What companies see: privacy (checked on the HTML), consent, filters, the access record, proposal asks."""
import pytest
from sqlalchemy import func, select

from bontang.extensions import db
from bontang.jobseekers import nik as nik_codec
from bontang.graduates.models import GraduateProfileView, GraduateProposalAsk
from bontang.mail import OutboxMessage
from tests.factories import make_company, make_user
from tests.training.factories import make_graduate, make_programme, make_scheme
from tests.jobseekers.factories import make_job_seeker, make_skill
from tests.graduates.factories import make_open_hiring_request

SECRET = {"address": "Jl. Sangat Rahasia No. 99", "phone": "081299887766", "email": "rahasia@pribadi.example.com",
          "disability_details": "Tunarungu sebagian kiri", "has_disability": True, "welfare_decile": 2}


def _assert_private(body: str, seeker) -> None:
    nik = nik_codec.decrypt(seeker.nik_cipher)
    for secret in (nik, seeker.nik_masked, "•" * 4 + seeker.nik_tail, SECRET["address"], SECRET["phone"],
                   SECRET["email"], SECRET["disability_details"]):
        assert secret not in body
    lowered = body.lower()
    assert "desil" not in lowered and "kesejahteraan" not in lowered and "disabilitas" not in lowered


@pytest.fixture
def hr(login_as):
    return login_as("company_hr")


def test_company_pages_and_fragments_never_show_restricted_data(client, hr):
    seeker = make_graduate(name="Budi Las", **SECRET)
    hiring = make_open_hiring_request(hr.company)
    pages = [client.get("/lulusan"), client.get("/lulusan?q=budi", headers={"HX-Request": "true"}),
             client.get(f"/lulusan/{seeker.id}"),
             client.post(f"/lulusan/{seeker.id}/minta-usulan", data={"hiring_request_id": 0},
                         headers={"HX-Request": "true"})]
    ok = client.post(f"/lulusan/{seeker.id}/minta-usulan", data={"hiring_request_id": hiring.id, "note": "Segera"},
                     follow_redirects=True)
    assert [p.status_code for p in pages] == [200, 200, 200, 422] and ok.status_code == 200
    assert "Budi Las" in pages[0].get_data(as_text=True) and "<html" not in pages[1].get_data(as_text=True)
    for response in pages + [ok]:
        _assert_private(response.get_data(as_text=True), seeker)


def test_only_consenting_graduates_appear(client, hr):
    shown = make_graduate(name="Setuju Tampil")
    hidden = make_graduate(name="Tidak Setuju", consent_to_share=False)
    untrained = make_job_seeker(name="Belum Pelatihan")
    body = client.get("/lulusan").get_data(as_text=True)
    assert "Setuju Tampil" in body and "Tidak Setuju" not in body and "Belum Pelatihan" not in body
    assert client.get(f"/lulusan/{shown.id}").status_code == 200
    for other in (hidden, untrained):
        assert client.get(f"/lulusan/{other.id}").status_code == 404
    assert client.get("/lulusan/999999").status_code == 404
    assert db.session.scalar(select(func.count(GraduateProfileView.id))) == 1


def test_filters_skill_scheme_validity_local_available(client, hr):
    weld, nurse = make_skill("Pengelasan SMAW"), make_skill("Caregiver")
    weld_scheme, care_scheme = make_scheme("Juru Las 3G", skills=[weld]), make_scheme("Caregiver", skills=[nurse])
    valid = make_graduate(name="Las Berlaku", scheme=weld_scheme)
    make_graduate(name="Las Kedaluwarsa", scheme=weld_scheme, expired=True)
    make_graduate(name="Perawat Lokal", scheme=care_scheme)
    make_graduate(name="Las Luar", scheme=weld_scheme, has_bontang_ktp=False)
    make_graduate(name="Las Bekerja", scheme=weld_scheme, employment_status="employed")

    def names(query):
        return client.get(f"/lulusan?{query}", headers={"HX-Request": "true"}).get_data(as_text=True)

    body = names(f"keahlian={weld.id}")
    assert "Las Berlaku" in body and "Perawat Lokal" not in body and "Las Kedaluwarsa" in body
    body = names(f"skema={weld_scheme.id}&berlaku=1&lokal=1&tersedia=1")
    assert "Las Berlaku" in body
    assert all(n not in body for n in ("Las Kedaluwarsa", "Las Luar", "Las Bekerja", "Perawat Lokal"))
    body = names(f"keahlian={weld.id}&q=berlaku")
    assert "Las Berlaku" in body and "Las Luar" not in body
    programme_id = valid.enrolments[0].programme_id
    assert "Las Berlaku" in names(f"pelatihan={programme_id}") and "Las Luar" not in names(f"pelatihan={programme_id}")


def test_relevance_puts_valid_local_available_first(client, hr):
    scheme = make_scheme()
    make_graduate(name="Urutan Terakhir", scheme=scheme, expired=True, has_bontang_ktp=False)
    make_graduate(name="Urutan Pertama", scheme=scheme)
    body = client.get("/lulusan").get_data(as_text=True)
    assert body.index("Urutan Pertama") < body.index("Urutan Terakhir")


def test_pagination_with_htmx(client, hr):
    programme = make_programme(scheme_id=make_scheme().id, quota=0)
    for _ in range(22):
        make_graduate(programme=programme)
    first = client.get("/lulusan", headers={"HX-Request": "true"}).get_data(as_text=True)
    second = client.get("/lulusan?page=2", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Halaman 1 dari 2" in first and "Halaman 2 dari 2" in second and "<html" not in second


def test_profile_view_is_recorded_and_visible_to_staff(client, auth, hr):
    seeker = make_graduate(name="Dilihat Perusahaan")
    client.get(f"/lulusan/{seeker.id}")
    client.get(f"/lulusan/{seeker.id}")
    views = db.session.scalars(select(GraduateProfileView)).all()
    assert len(views) == 2 and {v.user_id for v in views} == {hr.id} and views[0].company_id == hr.company_id
    auth.logout()
    auth.login(make_user("staff"))
    body = client.get(f"/pencari-kerja/{seeker.id}").get_data(as_text=True)
    assert hr.email in body and hr.company.name in body


def test_ask_for_proposal_notifies_disnaker_and_is_listed(client, auth, hr):
    staff = make_user("staff")
    seeker = make_graduate(name="Diminta Perusahaan")
    hiring = make_open_hiring_request(hr.company, title="Welder proyek")
    response = client.post(f"/lulusan/{seeker.id}/minta-usulan", data={"hiring_request_id": hiring.id, "note": "Cepat"})
    assert response.status_code == 303
    ask = db.session.scalar(select(GraduateProposalAsk))
    assert ask.company_id == hr.company_id and ask.hiring_request_id == hiring.id and ask.note == "Cepat"
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "graduates.ask"))
    assert mail.to_email == staff.email and "Welder proyek" in mail.body and "Diminta Perusahaan" in mail.body
    again = client.post(f"/lulusan/{seeker.id}/minta-usulan", data={"hiring_request_id": hiring.id},
                        headers={"HX-Request": "true"})
    assert again.status_code == 422 and "sudah dikirim" in again.get_data(as_text=True)
    assert db.session.scalar(select(func.count(GraduateProposalAsk.id))) == 1
    auth.logout()
    auth.login(staff)
    body = client.get("/permintaan-usulan").get_data(as_text=True)
    assert "Diminta Perusahaan" in body and f"/permintaan/{hiring.id}" in body
    assert f"/kelola/permintaan/{hiring.id}/kandidat?usulan={ask.id}" in body
    # "Handled" needs the graduate proposed first: refused with a message, the ask stays open.
    refused = client.post(f"/permintaan-usulan/{ask.id}", data={"status": "handled", "note": "Diusulkan"},
                          follow_redirects=True)
    assert "belum diusulkan untuk permintaan itu" in refused.get_data(as_text=True)
    db.session.refresh(ask)
    assert ask.status.value == "open"
    no_reason = client.post(f"/permintaan-usulan/{ask.id}", data={"status": "declined", "note": ""}, follow_redirects=True)
    assert "Tulis alasan" in no_reason.get_data(as_text=True)
    assert client.post(f"/permintaan-usulan/{ask.id}", data={"status": "declined",
                                                            "note": "Sudah diterima di tempat lain"}).status_code == 303
    db.session.refresh(ask)
    assert ask.status.value == "declined" and ask.handled_by_id == staff.id and ask.proposal_id is None
    told = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "graduates.ask_closed"))
    assert told.to_email == hr.email and "Sudah diterima di tempat lain" in told.body


def test_ask_refuses_another_companys_or_closed_request(client, hr):
    seeker = make_graduate()
    other = make_open_hiring_request(make_company(), title="Milik orang lain")
    draft = make_open_hiring_request(hr.company, title="Masih draf", status="draft")
    for hiring in (other, draft):
        response = client.post(f"/lulusan/{seeker.id}/minta-usulan", data={"hiring_request_id": hiring.id})
        assert response.status_code == 422
    assert db.session.scalar(select(func.count(GraduateProposalAsk.id))) == 0
    profile = client.get(f"/lulusan/{seeker.id}").get_data(as_text=True)
    assert "Milik orang lain" not in profile and "Masih draf" not in profile


def test_ask_for_hidden_graduate_is_404(client, hr):
    seeker = make_graduate(consent_to_share=False)
    hiring = make_open_hiring_request(hr.company)
    assert client.post(f"/lulusan/{seeker.id}/minta-usulan", data={"hiring_request_id": hiring.id}).status_code == 404
    assert db.session.scalar(select(func.count(GraduateProposalAsk.id))) == 0


def test_expired_certificate_is_marked(client, hr):
    make_graduate(name="Sertifikat Lama", expired=True)
    body = client.get("/lulusan").get_data(as_text=True)
    assert "kedaluwarsa" in body
