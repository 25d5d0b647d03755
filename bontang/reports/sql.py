"""Portable SQL building blocks for reports (SQLite in development and tests, PostgreSQL in production).

Every figure is an aggregate: a report page runs a fixed number of queries whatever the size of
the data.
"""
from __future__ import annotations

from sqlalchemy import Float, case, cast, func, select
from sqlalchemy.sql import ColumnElement, Select

from bontang.extensions import db


def dialect() -> str:
    return db.session.get_bind().dialect.name


def count_if(condition) -> ColumnElement:
    """SUM(CASE WHEN condition THEN 1 ELSE 0 END), portable and never NULL."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def sum_if(condition, value) -> ColumnElement:
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


def days_between(start, end) -> ColumnElement:
    """The number of days (fractional) from `start` to `end`, both datetimes."""
    if dialect() == "postgresql":
        return func.extract("epoch", end - start) / 86400.0
    return cast(func.julianday(end) - func.julianday(start), Float)


def cumulative_counts(column, bounds: list) -> list[ColumnElement]:
    """One count per bound: how many rows have `column` set before that bound."""
    return [count_if(column < bound) for bound in bounds]


def median(values: Select) -> float | None:
    """The median of a one-column select (NULLs ignored), with two queries of constant count."""
    sub = values.subquery()
    column = list(sub.c)[0]
    total = db.session.scalar(select(func.count(column))) or 0
    if not total:
        return None
    ordered = select(column).where(column.is_not(None)).order_by(column)
    if total % 2:
        middle = db.session.scalar(ordered.offset(total // 2).limit(1))
        return round(float(middle), 1)
    pair = db.session.scalars(ordered.offset(total // 2 - 1).limit(2)).all()
    return round(sum(float(v) for v in pair) / 2, 1)


def percent(part, whole) -> float | None:
    """part / whole as a percentage with one decimal, or None when whole is 0."""
    return None if not whole else round(100.0 * (part or 0) / whole, 1)
