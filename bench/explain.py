"""Each main page once through the WSGI app, with its SQL statements timed; EXPLAIN ANALYZE of the slowest.

    python -m bench.explain postgresql+psycopg://postgres@127.0.0.1:5432/wt14_bench_full [page name part]
"""
from __future__ import annotations

import sys
import time

from sqlalchemy import event

from bench.dataset import PASSWORD
from bench.pages import main_pages
from bontang import create_app
from bontang.extensions import db


def _client(app, email):
    client = app.test_client()
    if email:
        response = client.post("/masuk", data={"email": email, "password": PASSWORD})
        assert response.status_code in (302, 303), response.status_code
    return client


def main(url: str, only: str = "") -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_ENABLED": False})
    with app.app_context():
        pages = main_pages()
        engine = db.engine
    statements: list = []

    def before(conn, cursor, statement, parameters, context, many):
        context._started = time.perf_counter()

    def after(conn, cursor, statement, parameters, context, many):
        statements.append((time.perf_counter() - context._started, statement, parameters))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    for name, email, path in pages:
        if only and only.lower() not in name.lower():
            continue
        client = _client(app, email)
        client.get(path)
        statements.clear()
        started = time.perf_counter()
        response = client.get(path)
        total = time.perf_counter() - started
        print(f"== {name} {path}: {response.status_code}, {total * 1000:.1f} ms, {len(statements)} statements, "
              f"SQL {sum(s[0] for s in statements) * 1000:.1f} ms")
        for seconds, statement, parameters in sorted(statements, key=lambda s: -s[0])[:2]:
            print(f"  {seconds * 1000:.1f} ms: {' '.join(statement.split())[:300]}")
            if only and engine.dialect.name == "postgresql" and statement.lstrip().upper().startswith("SELECT"):
                with engine.connect() as conn:
                    plan = conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters).all()
                print("\n".join("    " + row[0] for row in plan))
    event.remove(engine, "before_cursor_execute", before)
    event.remove(engine, "after_cursor_execute", after)


if __name__ == "__main__":
    main(*sys.argv[1:])
