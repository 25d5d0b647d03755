"""Imports: preview, all-or-nothing, the row-by-row error report, idempotent re-import, bad files."""
import io
from datetime import date, timedelta

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from bontang.extensions import db
from bontang.jobseekers import nik as nik_codec
from bontang.training.models import Certificate, Enrolment, ImportBatch
from tests.factories import make_institution
from tests.training.factories import make_graduate, make_programme, make_scheme
from tests.jobseekers.factories import make_job_seeker


def _csv(rows, header="nik,nama", encoding="utf-8"):
    return (header + "\n" + "\n".join(rows) + "\n").encode(encoding)


def _upload(client, programme, kind, data, filename="data.csv", **headers):
    return client.post(f"/pelatihan/{programme.id}/impor", headers=headers,
                       data={"kind": kind, "file": (io.BytesIO(data), filename)}, content_type="multipart/form-data")


def _count(model):
    return db.session.scalar(select(func.count(model.id)))


def _nik(seeker):
    return nik_codec.decrypt(seeker.nik_cipher)


@pytest.fixture
def trainer_programme(login_as):
    trainer = login_as("trainer")
    from bontang.training.models import TrainingInstitution

    scheme = make_scheme(code="SKM-LAS")
    return make_programme(db.session.get(TrainingInstitution, trainer.institution_id), scheme_id=scheme.id)


def test_participants_preview_apply_and_idempotent_reimport(client, trainer_programme):
    people = [make_job_seeker() for _ in range(3)]
    data = _csv([f"{_nik(p)},{p.name}" for p in people])
    response = _upload(client, trainer_programme, "peserta", data)
    assert response.status_code == 303
    batch = db.session.scalar(select(ImportBatch))
    preview = client.get(f"/impor/{batch.id}").get_data(as_text=True)
    assert "Terapkan 3 baris" in preview and _count(Enrolment) == 0
    assert client.post(f"/impor/{batch.id}/terapkan").status_code == 303
    assert _count(Enrolment) == 3
    assert client.post(f"/impor/{batch.id}/terapkan").status_code == 422
    _upload(client, trainer_programme, "peserta", data)
    again = db.session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
    assert "Terapkan 0 baris" in client.get(f"/impor/{again.id}").get_data(as_text=True)
    assert client.post(f"/impor/{again.id}/terapkan").status_code == 303
    assert _count(Enrolment) == 3


def test_results_from_xlsx_make_graduates(client, trainer_programme):
    people = [make_job_seeker() for _ in range(2)]
    for p in people:
        client.post(f"/pelatihan/{trainer_programme.id}/peserta", data={"who": p.ak1_number})
    book = Workbook()
    book.active.append(["nik", "nama", "hasil"])
    book.active.append([_nik(people[0]), people[0].name, "Lulus"])
    book.active.append([_nik(people[1]), people[1].name, "tidak lulus"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert _upload(client, trainer_programme, "hasil", buffer.getvalue(), "hasil.xlsx").status_code == 303
    batch = db.session.scalar(select(ImportBatch))
    assert client.post(f"/impor/{batch.id}/terapkan").status_code == 303
    results = {e.job_seeker_id: e.result.value for e in db.session.scalars(select(Enrolment))}
    assert results == {people[0].id: "lulus", people[1].id: "tidak_lulus"}
    db.session.refresh(people[0])
    assert people[0].is_graduate


def _certificate_rows(graduates, overrides=None):
    issued = (date.today() - timedelta(days=20)).isoformat()
    until = (date.today() + timedelta(days=900)).isoformat()
    rows = []
    for index, g in enumerate(graduates):
        values = {"nik": _nik(g), "nama": g.name, "nomor_sertifikat": f"NO-{g.id}-{index}", "nomor_registrasi": "R",
                  "kode_skema": "SKM-LAS", "unit_skkni": "C.1", "tanggal_terbit": issued, "berlaku_sampai": until,
                  "kode_lsp": ""}
        values.update((overrides or {}).get(index, {}))
        rows.append(",".join(values.values()))
    header = "nik,nama,nomor_sertifikat,nomor_registrasi,kode_skema,unit_skkni,tanggal_terbit,berlaku_sampai,kode_lsp"
    return _csv(rows, header)


def test_certificate_errors_are_reported_per_row_and_nothing_is_applied(client, trainer_programme):
    graduates = [make_graduate(programme=trainer_programme, certified=False) for _ in range(4)]
    stranger = make_job_seeker()
    data = _certificate_rows(graduates + [stranger], {
        1: {"berlaku_sampai": (date.today() - timedelta(days=400)).isoformat()},
        2: {"kode_skema": "TIDAK-ADA"},
        3: {"tanggal_terbit": "31/02/2025"},
    })
    assert _upload(client, trainer_programme, "sertifikat", data).status_code == 303
    batch = db.session.scalar(select(ImportBatch))
    body = client.get(f"/impor/{batch.id}").get_data(as_text=True)
    for row, text in ((3, "sebelum tanggal terbit"), (4, "TIDAK-ADA"), (5, "Tanggal terbit tidak valid"),
                      (6, "Sertifikat hanya untuk peserta")):
        assert f"<td>{row}</td>" in body and text in body
    assert "/terapkan" not in body
    response = client.post(f"/impor/{batch.id}/terapkan")
    assert response.status_code == 422 and "tidak ada data yang disimpan" in response.get_data(as_text=True)
    assert _count(Certificate) == 0


def test_certificate_import_is_idempotent_and_formula_cells_stay_text(client, trainer_programme):
    graduates = [make_graduate(programme=trainer_programme, certified=False) for _ in range(2)]
    formula = "=cmd|' /C calc'!A0"
    data = _certificate_rows(graduates, {0: {"unit_skkni": formula.replace(",", " ")}})
    for _ in range(2):
        _upload(client, trainer_programme, "sertifikat", data)
        batch = db.session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
        assert client.post(f"/impor/{batch.id}/terapkan").status_code == 303
    assert _count(Certificate) == 2
    stored = db.session.scalar(select(Certificate).where(Certificate.skkni_units.like("=cmd%")))
    assert stored is not None
    export = client.get(f"/pelatihan/{trainer_programme.id}/ekspor.csv").get_data(as_text=True)
    assert "'=cmd|" in export and ",=cmd" not in export
    book = load_workbook(io.BytesIO(client.get(f"/pelatihan/{trainer_programme.id}/ekspor.xlsx").data))
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert all(not (isinstance(v, str) and v.startswith("=")) for v in cells)


def test_number_of_another_person_is_refused(client, trainer_programme):
    taken = make_graduate(programme=trainer_programme)
    number = taken.certificates[0].number
    graduate = make_graduate(programme=trainer_programme, certified=False)
    _upload(client, trainer_programme, "sertifikat", _certificate_rows([graduate], {0: {"nomor_sertifikat": number}}))
    batch = db.session.scalar(select(ImportBatch))
    assert "atas nama orang lain" in client.get(f"/impor/{batch.id}").get_data(as_text=True)


@pytest.mark.parametrize("data, filename, message", [
    (b"", "kosong.csv", "Berkas kosong"),
    (b"nik,nama\n", "judul.csv", "tidak berisi baris data"),
    (b"nomor,siapa\n1,2\n", "kolom.csv", "Susunan kolom salah"),
    ("nik,nama\n6474011505990001,Jos\u00e9\n".encode("cp1252"), "latin.csv", "UTF-8"),
    (b"PK\x03\x04rusak", "rusak.xlsx", "tidak dapat dibaca"),
])
def test_bad_files_are_refused_with_a_message(client, trainer_programme, data, filename, message):
    response = _upload(client, trainer_programme, "peserta", data, filename, **{"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and message in body and "<html" not in body
    assert _count(ImportBatch) == 0


def test_more_than_20000_rows_is_refused(client, trainer_programme):
    data = _csv([f"647401150599{i % 10000:04d},X" for i in range(50_000)])
    response = _upload(client, trainer_programme, "peserta", data)
    assert response.status_code == 422 and "lebih dari 20.000 baris" in response.get_data(as_text=True)
    assert _count(ImportBatch) == 0


def test_trainer_cannot_import_into_or_see_another_institutions_programme(client, trainer_programme):
    foreign = make_programme(make_institution())
    assert _upload(client, foreign, "peserta", _csv(["6474011505990001,X"])).status_code == 404
    batch = ImportBatch(programme_id=foreign.id, kind="peserta", file_sha256="x", uploaded_by_id=1, rows=[], errors=[])
    db.session.add(batch)
    db.session.commit()
    assert client.get(f"/impor/{batch.id}").status_code == 404
    assert client.post(f"/impor/{batch.id}/terapkan").status_code == 404


def test_templates_download(client, trainer_programme):
    for kind in ("peserta", "hasil", "sertifikat"):
        csv_response = client.get(f"/impor/templat/{kind}.csv")
        assert csv_response.status_code == 200 and csv_response.get_data(as_text=True).lstrip("\ufeff").startswith("nik")
        assert client.get(f"/impor/templat/{kind}.xlsx").status_code == 200
    assert client.get("/impor/templat/lain.csv").status_code == 404
