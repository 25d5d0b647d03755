"""Several small selects of one page read in one statement, each part's rows in its own order.

A page often reads a few short lists beside its main query: the skills and the certificates of the
twenty people it shows, the option lists of its filter form. Each list read on its own costs a
round trip and a statement's fixed work (building, compiling, planning), which at these sizes is
most of its cost. `together` makes them one UNION ALL: each part keeps its columns in its
own positions (NULL in every other part's), and is numbered by its own ORDER BY (a window row
number), so each comes back exactly as its own query would return it.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ARRAY, Integer, Select, any_, bindparam, cast, func, literal_column, null, union_all

from bontang.extensions import REUSABLE_PLAN, db


def dialect() -> str:
    """The database's dialect name ("postgresql", "sqlite"): statements built once are kept per dialect."""
    return db.session.get_bind().dialect.name


def ids_parameter(column, name: str, dialect_name: str):
    """`column` is one of the ids given as parameter `name`: one array parameter on PostgreSQL, an expanding
    IN list elsewhere; for statements built once."""
    if dialect_name == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(Integer)))
    return column.in_(bindparam(name, expanding=True))


@dataclass(frozen=True)
class Part:
    """One part: a select of plain columns (with its FROM, joins and WHERE) and the order of its rows."""

    query: Select
    order_by: tuple


def part(query: Select, *order_by) -> Part:
    return Part(query, order_by)


@dataclass(frozen=True)
class Together:
    """The one statement of several parts, and where each part's columns are in its rows."""

    statement: Select
    names: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # per part: its first column and its width

    def read(self, **params) -> dict[str, list[tuple]]:
        """{name: that part's rows (tuples of its columns), in its order}; `params` are the parts' bind parameters."""
        found: dict[str, list[tuple]] = {name: [] for name in self.names}
        lists = [found[name] for name in self.names]
        for row in db.session.execute(self.statement, params):
            start, width = self.spans[row[0]]
            lists[row[0]].append(tuple(row[start:start + width]))
        return found


def together(**parts: Part) -> Together:
    """The statement reading every named part at once. Build it once (module level, functools.cache) and read it
    with parameters: building a statement costs more than these small ones take to run."""
    names = tuple(parts)
    widths = [len(parts[name].query.selected_columns) for name in names]
    branches = []
    for number, name in enumerate(names):
        columns = []
        for other, other_name in enumerate(names):
            for i, column in enumerate(parts[other_name].query.selected_columns):
                value = column if other == number else cast(null(), column.type)
                columns.append(value.label(f"c{other}_{i}"))
        branches.append(parts[name].query.order_by(None).with_only_columns(
            literal_column(str(number), Integer).label("part_no"),
            func.row_number().over(order_by=parts[name].order_by).label("row_no"), *columns,
            maintain_column_froms=True))
    # The parts are small lists, by key or of a page's ids: one plan serves every run.
    statement = (union_all(*branches).order_by("part_no", "row_no") if len(branches) > 1
                 else branches[0].order_by("row_no")).execution_options(**REUSABLE_PLAN)
    spans = tuple((2 + sum(widths[:number]), widths[number]) for number in range(len(names)))
    return Together(statement, names, spans)
