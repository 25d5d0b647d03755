"""Portable SQL building blocks for reports (SQLite in development and tests, PostgreSQL in production).

Every figure is an aggregate: a report page runs a fixed number of queries whatever the size of
the data.
"""
from __future__ import annotations

from sqlalchemy import Float, case, cast, func, literal, select, union_all
from sqlalchemy.sql import ColumnElement, Select

from bontang.extensions import db


def dialect() -> str:
    """The name of the database dialect in use ("sqlite", "postgresql")."""
    return db.session.get_bind().dialect.name


def count_if(condition) -> ColumnElement:
    """SUM(CASE WHEN condition THEN 1 ELSE 0 END), portable and never NULL."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def days_between(start, end) -> ColumnElement:
    """The number of days (fractional) from `start` to `end`, both datetimes."""
    if dialect() == "postgresql":
        return func.extract("epoch", end - start) / 86400.0
    return cast(func.julianday(end) - func.julianday(start), Float)


def bucket_index(column, ends: list) -> ColumnElement:
    """The index of the first bucket whose (exclusive) end lies after `column`, for GROUP BY."""
    return case(*[(column < end, index) for index, end in enumerate(ends)], else_=len(ends))


def cumulative_counts(column, bounds: list) -> list[ColumnElement]:
    """One count per bound: how many rows have `column` set before that bound."""
    return [count_if(column < bound) for bound in bounds]


def medians(*selects: Select) -> list[float | None]:
    """Medians of one-column selects of day counts, rounded to whole days, in one query.

    Each select is reduced to a histogram (whole days -> count) with GROUP BY, so the query
    returns at most a few hundred rows whatever the data; the medians are read off the histograms.
    """
    parts = []
    for number, values in enumerate(selects):
        sub = values.subquery()
        days = func.round(list(sub.c)[0]).label("days")
        parts.append(select(literal(number).label("n"), days, func.count().label("count"))
                     .select_from(sub).where(list(sub.c)[0].is_not(None)).group_by(days))
    histograms: list[dict[float, int]] = [{} for _ in selects]
    for number, days, count in db.session.execute(union_all(*parts)):
        histograms[number][float(days)] = histograms[number].get(float(days), 0) + count
    return [_median_of(histogram) for histogram in histograms]


def _median_of(histogram: dict[float, int]) -> float | None:
    total = sum(histogram.values())
    if not total:
        return None
    middle, seen, values = ((total - 1) // 2, total // 2), 0, []
    for days in sorted(histogram):
        count = histogram[days]
        values += [days for index in middle if seen <= index < seen + count]
        seen += count
    return round(sum(values) / 2, 1)


def percent(part, whole) -> float | None:
    """part / whole as a percentage with one decimal, or None when whole is 0."""
    return None if not whole else round(100.0 * (part or 0) / whole, 1)
