"""Job seeker registry (staff): NIK protection, validation, consent, exports, institutions."""
import io
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from bontang.extensions import db
from bontang.jobseekers import nik as nik_codec
from bontang.jobseekers.models import JobSeeker
from bontang.training.models import TrainingInstitution
from tests.jobseekers.factories import make_job_seeker, make_nik, make_skill, seeker_data


def _form(**overrides):
    data = seeker_data(**overrides)
    form = {k: v for k, v in data.items() if k not in ("skill_ids",)}
    form["birth_date"] = data["birth_date"].isoformat()
    form["registered_at"] = data["registered_at"].isoformat()
    for flag in ("has_bontang_ktp", "has_disability", "consent_to_share"):
        form[flag] = "y" if data[flag] else ""
    form["welfare_decile"] = str(data["welfare_decile"] or "")
    form["skill_ids"] = [str(s) for s in data["skill_ids"]]
    return form


def _count():
    return db.session.scalar(select(func.count(JobSeeker.id)))


def test_staff_registers_a_job_seeker_with_encrypted_nik(client, login_as):
    login_as("staff")
    skill = make_skill("Pengelasan SMAW")
    nik = make_nik(4242)
    response = client.post("/pencari-kerja/baru", data=_form(nik=nik, name="Andi Las", skill_ids=[skill.id]))
    assert response.status_code == 303
    seeker = db.session.scalar(select(JobSeeker))
    assert seeker.name == "Andi Las" and [s.name for s in seeker.skills] == ["Pengelasan SMAW"]
    assert nik not in seeker.nik_cipher and seeker.nik_tail == nik[-4:]
    assert nik_codec.decrypt(seeker.nik_cipher) == nik and seeker.consent_at is not None
    page = client.get(f"/pencari-kerja/{seeker.id}").get_data(as_text=True)
    assert nik not in page and seeker.nik_masked in page


def test_an_empty_registration_date_means_today(client, login_as):
    login_as("staff")
    form = _form(nik=make_nik(4343))
    form["registered_at"] = ""
    assert client.post("/pencari-kerja/baru", data=form).status_code == 303
    assert db.session.scalar(select(JobSeeker)).registered_at == date.today()


@pytest.mark.parametrize("overrides, message", [
    ({"nik": "12345"}, "NIK harus 16 digit"),
    ({"nik": "64740115059900AB"}, "NIK harus 16 digit"),
    ({"birth_date": date.today() + timedelta(days=3)}, "Tanggal lahir tidak boleh di masa depan"),
    ({"skill_ids": [99999]}, "Keahlian tidak dikenal"),
    ({"welfare_decile": 11}, None),
])
def test_bad_job_seeker_input_is_refused_and_nothing_written(client, login_as, overrides, message):
    login_as("staff")
    response = client.post("/pencari-kerja/baru", data=_form(**overrides))
    assert response.status_code == 422
    if message:
        assert message in response.get_data(as_text=True)
    assert _count() == 0


def test_duplicate_nik_is_refused(client, login_as):
    login_as("staff")
    existing = make_job_seeker()
    nik = nik_codec.decrypt(existing.nik_cipher)
    response = client.post("/pencari-kerja/baru", data=_form(nik=nik[:4] + " " + nik[4:]))
    assert response.status_code == 422
    assert "NIK ini sudah terdaftar" in response.get_data(as_text=True)
    assert _count() == 1


def test_edit_keeps_nik_when_left_empty_and_records_consent_withdrawal(client, login_as):
    login_as("staff")
    seeker = make_job_seeker()
    digest = seeker.nik_digest
    form = _form(ak1_number=seeker.ak1_number, consent_to_share=False, name="Nama Baru")
    form["nik"] = ""
    response = client.post(f"/pencari-kerja/{seeker.id}/ubah", data=form)
    assert response.status_code == 303
    db.session.refresh(seeker)
    assert seeker.nik_digest == digest and seeker.name == "Nama Baru"
    assert seeker.consent_to_share is False and seeker.consent_at is None


def test_reveal_nik_is_audited(client, login_as):
    from bontang.audit import AuditEvent

    login_as("staff")
    seeker = make_job_seeker(nik=make_nik(777))
    response = client.post(f"/pencari-kerja/{seeker.id}/nik", headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and make_nik(777) in body and "<html" not in body
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "job_seeker.nik_revealed"))


def test_registry_search_by_exact_nik_and_htmx_fragment(client, login_as):
    login_as("staff")
    target = make_job_seeker(name="Cari Saya")
    make_job_seeker(name="Orang Lain")
    nik = nik_codec.decrypt(target.nik_cipher)
    response = client.get(f"/pencari-kerja?q={nik}", headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert "<html" not in body and "Cari Saya" in body and "Orang Lain" not in body


def test_export_neutralises_formulas_and_masks_nik(client, login_as):
    login_as("staff")
    seeker = make_job_seeker(name="=cmd|' /C calc'!A0", field_of_study="+SUM(A1)")
    response = client.get("/pencari-kerja/ekspor.csv")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "'=cmd|" in text and "'+SUM(A1)" in text
    assert nik_codec.decrypt(seeker.nik_cipher) not in text
    assert client.get("/pencari-kerja/ekspor.xlsx").status_code == 200


def test_admin_manages_institutions(client, login_as):
    login_as("admin")
    response = client.post("/lembaga/baru", data={"name": "LSP Baru", "kind": "LSP", "licence_number": "BNSP-1",
                                                  "licence_valid_until": "2030-01-01", "address": "", "active": "y"})
    assert response.status_code == 303
    institution = db.session.scalar(select(TrainingInstitution).where(TrainingInstitution.name == "LSP Baru"))
    assert institution.kind.value == "LSP"
    assert "LSP Baru" in client.get("/lembaga").get_data(as_text=True)
    bad = client.post("/lembaga/baru", data={"name": "", "kind": "LPK", "licence_number": ""})
    assert bad.status_code == 422


def test_staff_cannot_manage_institutions(client, login_as):
    login_as("staff")
    assert client.get("/lembaga").status_code == 403


def test_unreadable_nik_gives_a_message_not_an_error(client, login_as):
    login_as("staff")
    seeker = make_job_seeker()
    seeker.nik_cipher = "bukan-token-fernet"
    db.session.commit()
    response = client.post(f"/pencari-kerja/{seeker.id}/nik", follow_redirects=True)
    assert response.status_code == 200 and "NIK tidak dapat dibuka" in response.get_data(as_text=True)


def test_export_service_writes_every_filtered_row_to_a_file(app):
    from openpyxl import load_workbook

    from bontang.jobseekers.services import export_job_seekers

    for n in range(3):
        make_job_seeker(name=f"Ekspor {n}")
    make_job_seeker(name="Lain")
    out = io.BytesIO()
    assert export_job_seekers(out, "xlsx", q="ekspor") == 3
    rows = list(load_workbook(io.BytesIO(out.getvalue())).active.iter_rows(values_only=True))
    assert sorted(r[2] for r in rows[1:]) == ["Ekspor 0", "Ekspor 1", "Ekspor 2"]
    assert all(r[1].startswith("•" * 12) for r in rows[1:])
