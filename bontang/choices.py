"""The option lists of a page's filter selects (skills, schemes, companies, officers...) read in one statement.

A filter form lists several short tables; reading each with its own query cost a round trip and a
statement's worth of work apiece on every view of the page. `choice_lists` reads them all at once
with UNION ALL, each list numbered by its own order (a window row number), so each comes back
exactly as its own query would return it.
"""
from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import String, cast, func, literal, null, select, union_all

from bontang.extensions import db


class Choice(NamedTuple):
    """One option: its id, its label and an optional group (a skill's area)."""

    id: int
    label: str
    group: str | None = None


def choice_list(id_column, label_column, *, order_by, group_column=None, where=()) -> tuple:
    """One list for choice_lists: (id, label, group) columns, the list's own order, optional conditions."""
    return id_column, label_column, group_column, tuple(order_by), tuple(where)


def choice_lists(**lists: tuple) -> dict[str, list[Choice]]:
    """Every named choice_list(...) read in one statement: {name: [Choice, ...]}, each in its own order."""
    names = list(lists)
    branches = []
    for number, name in enumerate(names):
        id_column, label_column, group_column, order_by, where = lists[name]
        group = cast(group_column, String) if group_column is not None else cast(null(), String)
        branches.append(select(literal(number).label("list_no"),
                               func.row_number().over(order_by=order_by).label("row_no"),
                               id_column.label("id"), label_column.label("label"), group.label("grp"))
                        .where(*where))
    statement = union_all(*branches).order_by("list_no", "row_no")
    found: dict[str, list[Choice]] = {name: [] for name in names}
    for number, _row_no, id_, label, group in db.session.execute(statement):
        found[names[number]].append(Choice(id_, label, group))
    return found
