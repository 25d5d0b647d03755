"""Pagination of select() statements with one count query and one page query."""
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


def paginate(query: Select, page: int, per_page: int = 25, *, scalars: bool = True) -> Page:
    """Run `query` for one page; the page number is clamped to the last page."""
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    pages = max(ceil(total / per_page), 1)
    page = min(max(page, 1), pages)
    limited = query.limit(per_page).offset((page - 1) * per_page)
    result = db.session.scalars(limited) if scalars else db.session.execute(limited)
    return Page(items=list(result.unique() if scalars else result), page=page, per_page=per_page, total=total)
