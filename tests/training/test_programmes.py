"""Programmes: trainer scoping, enrolments with priority, results, certificates and verification."""
from datetime import date, timedelta

from sqlalchemy import func, select

from bontang.extensions import db
from bontang.jobseekers import nik as nik_codec
from bontang.training.models import Certificate, Enrolment, TrainingProgramme
from tests.factories import make_institution
from tests.training.factories import make_graduate, make_lsp, make_programme, make_scheme
from tests.jobseekers.factories import make_job_seeker, make_skill


def _programme_form(**overrides):
    data = {"title": "Las Dasar", "skill_area": "Pengelasan", "hours": "120", "quota": "20", "funding": "CSR",
            "funding_note": "CSR PT Uji", "status": "open", "scheme_id": "0", "start_date": "2026-01-05",
            "end_date": "2026-03-01"}
    data.update(overrides)
    return data


def test_trainer_creates_programme_for_own_institution_only(client, login_as):
    trainer = login_as("trainer")
    other = make_institution()
    skill = make_skill()
    refused = client.post("/pelatihan/baru", data=_programme_form(institution_id=other.id, skill_ids=[skill.id]))
    assert refused.status_code == 422
    assert db.session.scalar(select(func.count(TrainingProgramme.id))) == 0
    response = client.post("/pelatihan/baru", data=_programme_form(institution_id=trainer.institution_id,
                                                                  skill_ids=[skill.id]))
    assert response.status_code == 303
    programme = db.session.scalar(select(TrainingProgramme))
    assert programme.institution_id == trainer.institution_id and programme.skills[0].id == skill.id


def test_trainer_cannot_open_or_edit_another_institutions_programme(client, login_as):
    login_as("trainer")
    foreign = make_programme(title="Milik Lembaga Lain")
    assert client.get(f"/pelatihan/{foreign.id}").status_code == 404
    response = client.post(f"/pelatihan/{foreign.id}/ubah", data=_programme_form(title="Dibajak"))
    assert response.status_code == 404
    db.session.refresh(foreign)
    assert foreign.title == "Milik Lembaga Lain"
    assert "Milik Lembaga Lain" not in client.get("/pelatihan").get_data(as_text=True)


def test_programme_bad_dates_and_unknown_scheme(client, login_as):
    login_as("staff")
    institution = make_institution()
    bad_dates = client.post("/pelatihan/baru", data=_programme_form(institution_id=institution.id, end_date="2025-01-01"))
    assert bad_dates.status_code == 422 and "Tanggal selesai" in bad_dates.get_data(as_text=True)
    bad_scheme = client.post("/pelatihan/baru", data=_programme_form(institution_id=institution.id, scheme_id="9999"))
    assert bad_scheme.status_code == 422
    assert db.session.scalar(select(func.count(TrainingProgramme.id))) == 0


def test_enrol_by_nik_or_ak1_with_priority_badge(client, login_as):
    trainer = login_as("trainer")
    programme = make_programme(db.session.get(type(make_institution()), trainer.institution_id))
    poor = make_job_seeker(name="Prioritas Satu", welfare_decile=2)
    other = make_job_seeker(name="Biasa Saja", welfare_decile=8)
    assert client.post(f"/pelatihan/{programme.id}/peserta",
                       data={"who": nik_codec.decrypt(poor.nik_cipher)}).status_code == 303
    assert client.post(f"/pelatihan/{programme.id}/peserta", data={"who": other.ak1_number}).status_code == 303
    again = client.post(f"/pelatihan/{programme.id}/peserta", data={"who": other.ak1_number},
                        headers={"HX-Request": "true"})
    assert again.status_code == 422 and "sudah terdaftar" in again.get_data(as_text=True)
    unknown = client.post(f"/pelatihan/{programme.id}/peserta", data={"who": "AK1/TIDAK/ADA"})
    assert unknown.status_code == 422
    body = client.get(f"/pelatihan/{programme.id}").get_data(as_text=True)
    assert "Prioritas" in body and "desil" not in body.lower()
    assert db.session.scalar(select(func.count(Enrolment.id))) == 2


def test_result_adds_programme_skills_and_makes_a_graduate(client, login_as):
    login_as("staff")
    skill = make_skill("Operator forklift")
    programme = make_programme(skill_ids=[skill.id])
    seeker = make_job_seeker()
    client.post(f"/pelatihan/{programme.id}/peserta", data={"who": seeker.ak1_number})
    enrolment = db.session.scalar(select(Enrolment))
    response = client.post(f"/pelatihan/{programme.id}/peserta/{enrolment.id}/hasil", data={"result": "lulus"})
    assert response.status_code == 303
    db.session.refresh(seeker)
    assert seeker.is_graduate and skill in seeker.skills and "operator forklift" in seeker.search_text
    bad = client.post(f"/pelatihan/{programme.id}/peserta/{enrolment.id}/hasil", data={"result": "mungkin"})
    assert bad.status_code == 422


def _certificate_form(enrolment, scheme, **overrides):
    data = {"enrolment_id": enrolment.id, "number": "NO-123", "registration_number": "REG-1", "scheme_id": scheme.id,
            "skkni_units": "C.1", "lsp_id": "0", "issue_date": (date.today() - timedelta(days=10)).isoformat(),
            "valid_until": (date.today() + timedelta(days=1000)).isoformat()}
    data.update(overrides)
    return data


def test_certificate_rules_and_staff_verification(client, auth, login_as):
    trainer = login_as("trainer")
    scheme = make_scheme()
    programme = make_programme(db.session.get(type(make_institution()), trainer.institution_id), scheme_id=scheme.id)
    seeker = make_job_seeker()
    client.post(f"/pelatihan/{programme.id}/peserta", data={"who": seeker.ak1_number})
    enrolment = db.session.scalar(select(Enrolment))
    client.post(f"/pelatihan/{programme.id}/peserta/{enrolment.id}/hasil", data={"result": "lulus"})
    backwards = client.post(f"/pelatihan/{programme.id}/sertifikat/baru", data=_certificate_form(
        enrolment, scheme, valid_until=(date.today() - timedelta(days=30)).isoformat()))
    assert backwards.status_code == 422 and "sebelum tanggal terbit" in backwards.get_data(as_text=True)
    unknown = client.post(f"/pelatihan/{programme.id}/sertifikat/baru", data=_certificate_form(enrolment, scheme,
                                                                                            scheme_id="9999"))
    assert unknown.status_code == 422
    assert db.session.scalar(select(func.count(Certificate.id))) == 0
    ok = client.post(f"/pelatihan/{programme.id}/sertifikat/baru", data=_certificate_form(enrolment, scheme))
    assert ok.status_code == 303
    duplicate = client.post(f"/pelatihan/{programme.id}/sertifikat/baru", data=_certificate_form(enrolment, scheme))
    assert duplicate.status_code == 422 and "sudah tercatat" in duplicate.get_data(as_text=True)
    certificate = db.session.scalar(select(Certificate))
    assert client.post(f"/sertifikat/{certificate.id}/verifikasi").status_code == 403
    auth.logout()
    auth.login(login_as("staff"))
    assert client.post(f"/sertifikat/{certificate.id}/verifikasi").status_code == 303
    db.session.refresh(certificate)
    assert certificate.verified and certificate.verified_by_id is not None


def test_lsp_must_be_an_lsp(client, login_as):
    login_as("staff")
    graduate = make_graduate(certified=False)
    enrolment = graduate.enrolments[0]
    scheme = enrolment.programme.scheme
    not_lsp = make_institution()
    response = client.post(f"/pelatihan/{enrolment.programme_id}/sertifikat/baru",
                           data=_certificate_form(enrolment, scheme, lsp_id=not_lsp.id))
    assert response.status_code == 422
    lsp = make_lsp()
    response = client.post(f"/pelatihan/{enrolment.programme_id}/sertifikat/baru",
                           data=_certificate_form(enrolment, scheme, lsp_id=lsp.id))
    assert response.status_code == 303
