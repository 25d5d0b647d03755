"""The shared input layer: control characters, database-sized numbers, plausible dates, messages in the user's language."""
from datetime import date

import pytest
from sqlalchemy import func, select

from bontang.accounts.models import Company
from bontang.extensions import db
from bontang.inputs import clean_text, has_control, raw_ids
from bontang.core import DomainError
from tests.foundation.test_accounts import COMPANY


def _companies():
    return db.session.scalar(select(func.count(Company.id)))


@pytest.mark.parametrize("field, value, message", [
    ("name", "PT Baru\x00Bontang", "Isian berisi karakter kontrol yang tidak diizinkan."),
    ("address", "Jl. \x1b[31mMerah", "Isian berisi karakter kontrol yang tidak diizinkan."),
    ("headcount_local", "99999999999999999999", "Isi angka 0 atau lebih."),
    ("headcount_local", "abc", "Isi dengan bilangan bulat."),
    ("name", "x" * 201, "Isian tidak boleh lebih dari 200 karakter."),
    ("legal_form", "Koperasi Gelap", "Pilihan tidak valid."),
])
def test_company_form_refuses_in_indonesian(client, login_as, field, value, message):
    login_as("staff")
    before = _companies()
    response = client.post("/kelola/perusahaan/baru", data={**COMPANY, field: value})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html and "Not a valid" not in html and "Field cannot" not in html
    assert _companies() == before


def test_messages_follow_the_chosen_language(client, login_as):
    login_as("staff")
    client.post("/bahasa", data={"locale": "en"})
    html = client.post("/kelola/perusahaan/baru", data={**COMPANY, "headcount_nonlocal": "abc",
                                                        "name": "PT\x00"}).get_data(as_text=True)
    assert "Not a valid integer value." in html
    assert "The field contains control characters, which are not allowed." in html


def test_text_areas_keep_newlines_and_tabs(client, login_as):
    login_as("staff")
    response = client.post("/kelola/perusahaan/baru", data={**COMPANY, "address": "Jl. Ahmad Yani\r\n\tNo. 1"})
    assert response.status_code == 303


def test_a_json_body_is_not_a_form(client, login_as):
    login_as("staff")
    response = client.post("/kelola/perusahaan/baru", json={**COMPANY, "headcount_local": [1, {"a": 2}]})
    assert response.status_code == 422 and _companies() == 0


def test_vacancy_age_and_plausible_dates(client, login_as):
    from tests.hiring.test_filing import _form

    login_as("company_hr")
    for overrides, message in [({"valid_until": date(9999, 12, 31)}, "Tanggal di luar rentang"),
                               ({"age_max": 300}, "Isi angka 15 sampai 70"),
                               ({"wage_min": 99999999999999999999}, "Isi angka 0 sampai 1000000000")]:
        response = client.post("/permintaan/baru", data=_form(**overrides))
        assert response.status_code == 422 and message in response.get_data(as_text=True)


def test_control_characters_and_limits_for_raw_values(app):
    with app.test_request_context():
        assert has_control("a\u0085b") and has_control("\x00") and not has_control("Baris 1\nBaris 2", multiline=True)
        assert has_control("a\nb") and not has_control("Émile 中文 😀")
        with pytest.raises(DomainError, match="maksimal 10 karakter"):
            clean_text("x" * 11, max_length=10)
        assert clean_text("  catatan  ", max_length=10) == "catatan"
        assert raw_ids(["1", "2", "2"]) == [1, 2]
        for bad in (["99999999999999999999"], ["-1"], ["١٢"], [str(i) for i in range(201)]):
            with pytest.raises(DomainError):
                raw_ids(bad)
