"""Scratch databases for tests: a SQLite file, or a fresh PostgreSQL database when
TEST_DATABASE_URL points at a PostgreSQL server (the named database is used to create others)."""
from __future__ import annotations

import os
import tempfile
from typing import Callable

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def scratch_database(label: str) -> tuple[str, Callable[[], None]]:
    """Create an empty database named after `label` and the process; return its URL and a drop function."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base or not base.startswith("postgresql"):
        return f"sqlite:///{tempfile.mkdtemp(prefix='bontang-test-')}/{label}.db", lambda: None
    url = make_url(base).set(drivername="postgresql+psycopg")
    name = f"{url.database}_{label}_{os.getpid()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url.set(database=name).render_as_string(hide_password=False), drop
