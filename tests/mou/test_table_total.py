"""The MoU table reads its unfiltered total off the progress counts: it must equal a real count."""
from sqlalchemy import func, select

from bontang.extensions import db
from bontang.mou import queries
from tests.factories import make_company


def _count(query) -> int:
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


def test_the_unfiltered_total_is_every_active_company_and_filters_are_counted_for_real(app):
    make_company(), make_company()
    make_company().active = False
    db.session.commit()
    progress = queries.progress()
    assert queries.table_total(progress) == _count(queries.table_query()) == 2
    assert queries.table_total(progress, q="Uji") is None
    assert queries.table_total(progress, status="invited") is None
    assert queries.table_total(progress, status="not_invited") is None
