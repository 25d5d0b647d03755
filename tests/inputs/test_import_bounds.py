"""Imports parse within bounds: every hostile file is refused quickly with a message naming the limit, nothing kept."""
import io
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bontang.core import DomainError
from bontang.extensions import db
from bontang.training import import_limits
from bontang.training.import_files import read_table
from bontang.training.models import ImportBatch, TrainingInstitution
from tests.training.factories import make_programme
from tests.inputs import hostile_files as hostile

COLUMNS, REQUIRED = ("nik", "nama"), ("nik",)
EXPECTED = {
    "empty_rows": "setelah dibuka lebih dari 48 MB", "huge_cell": "setelah dibuka lebih dari 48 MB",
    "claimed_dimension": "lebih dari 20.000 baris", "gap_rows": "lebih dari 20.000 baris",
    "wide_row": "lebih dari 30 kolom", "doctype": "DOCTYPE", "billion_laughs": "DOCTYPE",
    "external_entity": "DOCTYPE", "utf16_sheet": "UTF-8", "malformed_xml": "tidak dapat dibaca",
    "long_cell": "lebih dari 2.000 karakter", "control_cell": "karakter kontrol",
    "bad_shared_string_index": "tidak dapat dibaca", "truncated_zip": "tidak dapat dibaca",
    "many_entries": "terlalu banyak bagian", "not_a_zip": "tidak dapat dibaca",
    "huge_field": "lebih dari 2.000 karakter", "utf16": "UTF-8", "latin1": "UTF-8", "nul": "bukan CSV",
    "many_newlines": "lebih dari 20.000 baris", "wide": "lebih dari 30 kolom",
    "unbalanced_quote": "lebih dari 2.000 karakter", "control": "karakter kontrol",
}


@pytest.mark.parametrize("name", sorted(hostile.XLSX_FILES))
def test_hostile_xlsx_is_refused_quickly_with_a_message(app, name):
    data = hostile.XLSX_FILES[name]()
    started = time.monotonic()
    with app.test_request_context(), pytest.raises(DomainError) as refused:
        read_table("data.xlsx", data, COLUMNS, REQUIRED)
    assert time.monotonic() - started < 5
    assert EXPECTED[name] in refused.value.message and refused.value.field == "file"


@pytest.mark.parametrize("name", sorted(hostile.CSV_FILES))
def test_hostile_csv_is_refused_with_a_message(app, name):
    with app.test_request_context(), pytest.raises(DomainError) as refused:
        read_table("data.csv", hostile.CSV_FILES[name], COLUMNS, REQUIRED)
    assert EXPECTED[name] in refused.value.message


def test_empty_rows_count_before_they_are_skipped(app):
    data = hostile.empty_rows(import_limits.MAX_ROWS + 5)  # small enough to pass the size checks
    with app.test_request_context(), pytest.raises(DomainError, match="baris kosong ikut dihitung"):
        read_table("data.xlsx", data, COLUMNS, REQUIRED)


def test_a_file_over_the_size_limit_is_refused_before_parsing(app):
    with app.test_request_context(), pytest.raises(DomainError, match="lebih besar dari 8 MB"):
        read_table("data.csv", b"nik\n" + b"1\n" * (import_limits.MAX_FILE_BYTES // 2 + 1), COLUMNS, REQUIRED)


def test_the_time_bound_stops_a_slow_file(app, monkeypatch):
    monkeypatch.setattr(import_limits, "TIME_LIMIT_SECONDS", 0.0)
    with app.test_request_context(), pytest.raises(DomainError, match="terlalu lama dibaca"):
        read_table("data.csv", b"nik\n" + b"1\n" * 600, COLUMNS, REQUIRED)


@pytest.fixture
def programme(login_as):
    trainer = login_as("trainer")
    return make_programme(db.session.get(TrainingInstitution, trainer.institution_id))


def _upload(client, programme, data, filename):
    return client.post(f"/pelatihan/{programme.id}/impor", content_type="multipart/form-data",
                       data={"kind": "peserta", "file": (io.BytesIO(data), filename)})


@pytest.mark.parametrize("name", ["empty_rows", "huge_cell", "billion_laughs", "truncated_zip"])
def test_hostile_upload_gets_a_message_and_nothing_is_kept(client, programme, name):
    response = _upload(client, programme, hostile.XLSX_FILES[name](), "data.xlsx")
    assert response.status_code == 422
    assert EXPECTED[name] in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(ImportBatch.id))) == 0


def test_applied_import_keeps_no_raw_rows(client, programme):
    from tests.jobseekers.factories import make_job_seeker
    from bontang.jobseekers import nik as nik_codec

    seeker = make_job_seeker()
    data = f"nik,nama\n{nik_codec.decrypt(seeker.nik_cipher)},{seeker.name}\n".encode()
    assert _upload(client, programme, data, "data.csv").status_code == 303
    batch = db.session.scalar(select(ImportBatch))
    assert batch.rows and client.post(f"/impor/{batch.id}/terapkan").status_code == 303
    db.session.refresh(batch)
    assert batch.rows == [] and batch.summary["new"] == 1
    assert "1 baris" in client.get(f"/impor/{batch.id}").get_data(as_text=True)


HOSTILE_BYTES = st.one_of(
    st.binary(max_size=2048),
    st.sampled_from(sorted(hostile.CSV_FILES.values())),
    st.builds(lambda head, body: head + body, st.sampled_from([b"PK\x03\x04", b"nik\n", b"\xef\xbb\xbfnik;nama\n"]),
              st.binary(max_size=1024)),
    st.text(max_size=300).map(lambda t: ("nik,nama\n" + t).encode("utf-8", "surrogatepass")),
    st.sampled_from(["claimed_dimension", "doctype", "wide_row", "control_cell", "malformed_xml", "not_a_zip"])
    .map(lambda n: hostile.XLSX_FILES[n]()),
)


@settings(max_examples=40, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=HOSTILE_BYTES, filename=st.sampled_from(["data.csv", "data.xlsx", "data.txt", ""]))
def test_generated_hostile_uploads_never_fail_the_server(client, programme, data, filename):
    response = _upload(client, programme, data, filename)
    assert response.status_code in (303, 422), response.status_code
    if response.status_code == 422:
        assert 'class="field__error"' in response.get_data(as_text=True)
        assert db.session.scalar(select(func.count(ImportBatch.id))) == 0
    else:
        db.session.query(ImportBatch).delete()
        db.session.commit()
