"""NIK protection helpers and the search pagination."""
from bontang.graduates import nik as nik_codec
from bontang.graduates import services_company as company
from tests.graduates.factories import make_graduate, make_programme, make_scheme


def test_nik_validation_encryption_and_digest():
    assert nik_codec.is_valid("6474015505990001")  # a woman: day + 40
    assert not nik_codec.is_valid("6474019905990001") and not nik_codec.is_valid("647401150599000")
    assert nik_codec.normalise("6474 0115.0599-0001") == "6474011505990001"
    cipher = nik_codec.encrypt("6474011505990001")
    assert "6474011505990001" not in cipher and nik_codec.decrypt(cipher) == "6474011505990001"
    assert nik_codec.digest("6474011505990001") == nik_codec.digest("6474011505990001")
    assert nik_codec.digest("6474011505990001") != nik_codec.digest("6474011505990002")
    assert nik_codec.protect("6474011505990001")["nik_tail"] == "0001"


def test_page_past_the_end_shows_the_last_page_and_empty_search_is_empty():
    programme = make_programme(scheme_id=make_scheme().id, quota=0)
    for _ in range(3):
        make_graduate(programme=programme)
    page = company.paginate_graduates(company.GraduateFilters(), 9, 2)
    assert page.page == 2 and page.total == 3 and len(page.items) == 1
    none = company.paginate_graduates(company.GraduateFilters(q="tidak-ada-yang-cocok"), 1, 2)
    assert none.total == 0 and none.items == []
