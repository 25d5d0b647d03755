"""Pagination of select() statements: a page query plus a count (given, a window count, or a count query)."""
from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from sqlalchemy import Select, func, select

from bontang.extensions import db


@dataclass
class Page:
    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(ceil(self.total / self.per_page), 1)

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def paginate(query: Select, page: int, per_page: int = 25, *, scalars: bool = True, total: int | None = None) -> Page:
    """Run `query` for one page; the page number is clamped to the last page.

    `total`, when the caller knows it without counting (e.g. the audit head's sequence number),
    saves the count query.
    """
    if total is None:
        total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    pages = max(ceil(total / per_page), 1)
    page = min(max(page, 1), pages)
    limited = query.limit(per_page).offset((page - 1) * per_page)
    result = db.session.scalars(limited) if scalars else db.session.execute(limited)
    return Page(items=list(result.unique() if scalars else result), page=page, per_page=per_page, total=total)


def paginate_counted(query: Select, page: int, per_page: int = 25) -> Page:
    """One page of an ORM entity query with the total as a window count: one scan of the matching rows, not two.

    A page past the end falls back to a count and the last page, like `paginate`.
    """
    counted = query.add_columns(func.count().over().label("total"))
    page = max(page, 1)
    rows = db.session.execute(counted.limit(per_page).offset((page - 1) * per_page)).all()
    if not rows and page > 1:
        return paginate(query, page, per_page)
    return Page(items=[row[0] for row in rows], page=page, per_page=per_page, total=rows[0].total if rows else 0)
