"""The company graduate search's pagination."""
from bontang.graduates import services as company
from tests.training.factories import make_graduate, make_programme, make_scheme


def test_page_past_the_end_shows_the_last_page_and_empty_search_is_empty():
    programme = make_programme(scheme_id=make_scheme().id, quota=0)
    for _ in range(3):
        make_graduate(programme=programme)
    page = company.paginate_graduates(company.GraduateFilters(), 9, 2)
    assert page.page == 2 and page.total == 3 and len(page.items) == 1
    none = company.paginate_graduates(company.GraduateFilters(q="tidak-ada-yang-cocok"), 1, 2)
    assert none.total == 0 and none.items == []
