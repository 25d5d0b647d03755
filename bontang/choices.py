"""The option lists of a page's filter selects (skills, schemes, companies, officers...), read together.

A page builds its lists' statement once (`together(name=choice_list(...), ...)` under functools.cache)
and reads it on each view with `choice_lists`; its template writes a list's options with
`{{ option_tags(companies, filters.company_id) }}`.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple

from markupsafe import Markup, escape
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


def option_tags(choices: Iterable[Choice], selected: int | None = None, *, with_group: bool = False) -> Markup:
    """The <option> elements of `choices`, labels escaped (with their group after a dot with `with_group`), the one
    whose id is `selected` marked. One call: a template loop costs a few microseconds an option, and the
    queue's company list alone has one per partner company."""
    tags = []
    for choice in choices:
        label = escape(choice.label)
        if with_group and choice.group:
            label = label + " · " + choice.group
        tags.append(f'<option value="{int(choice.id)}"{" selected" if choice.id == selected else ""}>{label}</option>')
    return Markup("".join(tags))  # noqa: S704  # nosec: ids are ints, labels and groups escaped above
