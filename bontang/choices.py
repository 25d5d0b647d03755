"""The option lists of a page's filter selects (skills, schemes, companies, officers...), read together.

A page builds its lists' statement once (`together(name=choice_list(...), ...)` under functools.cache)
and reads it on each view with `choice_lists`.
"""
from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select

from bontang.together import Together, part


class Choice(NamedTuple):
    """One option: its id, its label and an optional group (a skill's area)."""

    id: int
    label: str
    group: str | None = None


def choice_list(id_column, label_column, *, order_by, group_column=None, where=()):
    """One list for together(): (id, label[, group]) columns, the list's own order, optional conditions."""
    columns = (id_column, label_column) + ((group_column,) if group_column is not None else ())
    return part(select(*columns).where(*where), *order_by)


def choice_lists(lists: Together) -> dict[str, list[Choice]]:
    """The lists of `together(name=choice_list(...), ...)`: {name: [Choice, ...]}, each in its own order."""
    return {name: [Choice(*row) for row in rows] for name, rows in lists.read().items()}
