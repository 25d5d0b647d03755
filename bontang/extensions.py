"""Flask extensions, created once here and bound to the app in create_app."""
import sqlite3

import psycopg

from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from htmx_flask import Htmx
from sqlalchemy import DDL, Index, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations name constraints alike."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()
htmx = Htmx()
compress = Compress()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


@event.listens_for(Engine, "connect")
def _sqlite_concurrency(dbapi_connection, _record) -> None:
    """SQLite (the embedded default) in WAL mode with a busy timeout, so web requests, workers and
    commands can use one file at once: readers never block, writers wait their turn."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


# Execution option of the statements whose best plan does not depend on their parameters' values (a key
# lookup, the lists of a page's ids): psycopg prepares them after their fifth run and PostgreSQL may then
# keep one generic plan per connection instead of planning each run (half a millisecond for a ranking's).
REUSABLE_PLAN = {"reusable_plan": True}


@event.listens_for(Engine, "do_execute")
def _plan_for_the_values(cursor, statement, parameters, context):
    """On PostgreSQL every other statement runs unprepared, so it is planned for its own values on every run: a
    generic plan ignores them, and for the searches (trigram patterns, page limits, tiers of a ranking) it scans
    far more (the graduate search took 5x longer from its tenth run when every statement was prepared)."""
    if context.dialect.name != "postgresql" or context.execution_options.get("reusable_plan"):
        return None
    if isinstance(cursor, psycopg.ServerCursor):  # streamed exports: a named cursor is never prepared
        return None
    cursor.execute(statement, parameters, prepare=False)
    return True


# Trigram indexes (pg_trgm) answer substring searches (LIKE/ILIKE '%q%') on PostgreSQL. The
# migration creates the extension too; this covers create_all (tests, benchmarks).
event.listen(db.metadata, "before_create", DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql"))


def trigram_index(name: str, column: str) -> Index:
    """A GIN trigram index on `column`, created on PostgreSQL only (SQLite scans, with the same results)."""
    return Index(name, column, postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"}).ddl_if(
        dialect="postgresql")


def created_on(dialect_name: str):
    """An Alembic `include_object` hook that skips schema items whose ddl_if excludes this dialect."""
    def include(obj, _name, _type, _reflected, _compare_to) -> bool:
        condition = getattr(obj, "_ddl_if", None)
        return condition is None or condition.dialect in (None, dialect_name)
    return include
