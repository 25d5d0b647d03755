"""On PostgreSQL only statements marked REUSABLE_PLAN are prepared (and may keep a generic plan); every other one is
planned for its own values on every run."""
import pytest
from sqlalchemy import bindparam, literal_column, select

from bontang.extensions import REUSABLE_PLAN, db


def test_only_statements_marked_reusable_are_prepared(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite plans every statement anew: there is no prepared plan to keep")
        by_values = select(literal_column("'by values'")).where(bindparam("x") == 1)
        reusable = select(literal_column("'reusable'")).where(bindparam("x") == 1).execution_options(**REUSABLE_PLAN)
        with db.engine.connect() as conn:
            for _ in range(8):  # psycopg prepares a statement from its fifth run
                assert conn.execute(by_values, {"x": 1}).scalar() == "by values"
                assert conn.execute(reusable, {"x": 1}).scalar() == "reusable"
            prepared = conn.exec_driver_sql("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements"
                                            " WHERE statement LIKE 'SELECT ''%%'").all()
    assert [statement.split()[1] for statement, _runs in prepared] == ["'reusable'"]
    assert prepared[0][1] >= 3  # its last runs used the prepared statement
