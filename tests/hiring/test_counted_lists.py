"""The queue and the company list read their totals off the status counts: they must equal a real count."""
import pytest
from sqlalchemy import func, select

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.hiring import queries
from tests.factories import make_company
from tests.hiring.factories import make_request


def _count(query) -> int:
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


@pytest.fixture
def requests_in_every_state():
    a, b = make_company(), make_company()
    for company in (a, b):
        for state in ("draft", "submitted", "returned", "verified", "proposed", "submitted"):
            make_request(company, state=state)
    return a, b


@pytest.mark.parametrize("status", ["menunggu", "", "draft", "submitted", "returned", "verified",
                                    "candidates_proposed", "filled"])
def test_the_queue_total_equals_a_count_of_its_rows(requests_in_every_state, status):
    counts = queries.status_counts()
    assert queries.queue_total(counts, status=status) == _count(queries.queue_query(status=status))


def test_other_queue_filters_are_counted_for_real(requests_in_every_state):
    a, _b = requests_in_every_state
    counts = queries.status_counts()
    assert queries.queue_total(counts, status="menunggu", company_id=a.id) is None
    assert queries.queue_total(counts, q="Teknisi") is None
    assert queries.queue_total(counts, officer_id=-1) is None


def test_the_queue_page_shows_the_total_and_pages_by_it(client, login_as, requests_in_every_state):
    login_as(Role.STAFF)
    html = client.get("/kelola/permintaan").get_data(as_text=True)
    assert "Permintaan ditemukan: 4" in html  # two submitted per company
    html = client.get("/kelola/permintaan?status=").get_data(as_text=True)
    assert "Permintaan ditemukan: 10" in html  # every request but the two drafts


def test_the_company_list_counts_only_its_own_requests(client, login_as, requests_in_every_state):
    a, b = requests_in_every_state
    make_request(b, state="submitted")
    login_as(Role.COMPANY_HR, company=a)
    assert "Permintaan ditemukan: 6" in client.get("/permintaan").get_data(as_text=True)
    assert "Permintaan ditemukan: 2" in client.get("/permintaan?status=submitted").get_data(as_text=True)
    assert "Permintaan ditemukan: 1" in client.get("/permintaan?status=draft").get_data(as_text=True)


def test_status_counts_are_remembered_per_generation_and_never_for_uncommitted_changes(app):
    from bontang.hiring.models import HiringRequest, HiringStatus
    from bontang.reports.cache import current_generation

    with app.app_context():
        first = make_request(state="submitted")
        db.session.commit()
        generation = current_generation()
        assert queries.status_counts() == {"submitted": 1}
        assert (generation, None) in queries._COUNTED
        # A change in this transaction is counted as it is, and not remembered for the generation.
        db.session.get(HiringRequest, first.id).status = HiringStatus.VERIFIED
        assert queries.status_counts() == {"verified": 1}
        db.session.rollback()
        assert queries.status_counts() == {"submitted": 1}
        # A committed change moves the generation: counted again.
        make_request(state="submitted")
        db.session.commit()
        assert current_generation() > generation
        assert queries.status_counts() == {"submitted": 2}
        assert list(queries._COUNTED) == [(current_generation(), None)]


def test_the_queue_pages_from_statements_built_once_equal_the_queue_query(requests_in_every_state):
    """queue_page runs one statement per shape of filters with the values as parameters: each page and count is what
    queue_query with those values gives, and another value of the same shape gets its own rows."""
    from bontang.pagination import paginate
    from tests.factories import make_user

    a, b = requests_in_every_state
    officer = make_user(Role.STAFF)
    first = db.session.scalars(select(queries.HiringRequest).where(queries.HiringRequest.company_id == a.id)).first()
    first.assigned_officer_id, first.title = officer.id, "Teknisi listrik"
    db.session.commit()
    shapes = [{"status": "menunggu"}, {"status": ""}, {"status": "verified"}, {"status": "", "company_id": a.id},
              {"status": "", "company_id": b.id}, {"status": "", "q": "Teknisi"}, {"status": "", "officer_id": -1},
              {"status": "", "officer_id": officer.id}, {"status": "menunggu", "age": 30, "company_id": b.id}]
    for filters in shapes:
        for number in (1, 2, 9):
            expected = paginate(queries.queue_query(**filters), number, 3, scalars=False)
            got = queries.queue_page(number, 3, total=None, **filters)
            assert ([tuple(r) for r in got.items], got.page, got.total) == (
                [tuple(r) for r in expected.items], expected.page, expected.total), (filters, number)
