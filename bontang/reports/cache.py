"""Dashboard figures per period, stored by a refresh and used only while no counted row has changed.

Every transaction whose flushes or bulk statements touch a table the dashboard counts moves one
generation number when it commits, in that same transaction (`_bump`). A snapshot records the generation it was
computed at; the dashboard uses it only while that is still the current generation, and otherwise
computes the figures from the rows, as before. So the page never shows figures that the rows
contradict, and a GET never writes: `refresh_dashboard_figures` (a plain service, meant for the task
queue after changes and on a schedule) is what stores snapshots.
"""
from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from flask_babel import force_locale, get_locale
from sqlalchemy import event, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bontang.core import utcnow
from bontang.extensions import db
from bontang.reports.figures_local import CompanyShare
from bontang.reports.models import FiguresGeneration, FiguresSnapshot
from bontang.reports.periods import Period, parse_period, period_choices
from bontang.reports.services import dashboard_figures

COUNTED_TABLES = frozenset({
    "company", "agreement", "hiring_request", "placement", "workforce_plan", "workforce_plan_item",
    "training_programme", "enrolment", "certificate", "job_seeker", "workforce_report",
})
LOCALES = ("id", "en")
_DIRTY = "report_figures_dirty"


def _key(period: Period, locale: str) -> str:
    return f"dashboard:{period.code}:{locale}"


def current_generation() -> int:
    """The generation of the counted rows as this transaction sees them."""
    return db.session.scalar(select(FiguresGeneration.value).where(FiguresGeneration.id == 1)) or 0


def counted_rows_changed_here() -> bool:
    """Whether this transaction has changed a row the generation counts (flushed, or pending in the session): what
    it reads then is not what the current generation committed, and must not be remembered for it."""
    session = db.session
    return bool(session.info.get(_DIRTY)) or any(
        getattr(obj, "__tablename__", None) in COUNTED_TABLES for obj in (*session.new, *session.dirty, *session.deleted))


def cached_dashboard_figures(period: Period) -> dict:
    """The period's dashboard figures: the stored snapshot when still current, else computed from the rows."""
    return dashboard_page(period)[0]


_DRAWN: dict = {}  # (snapshot key, generation, computed_at) -> (figures, charts)
_DRAWN_MAX = 64


def dashboard_page(period: Period) -> tuple[dict, dict]:
    """The period's dashboard figures and charts.

    From a current snapshot they are decoded and drawn once per process and snapshot: the memo's key
    holds the snapshot's generation and time, so once a counted row changes (the generation moves) or the
    snapshot is refreshed, the page decodes and draws again. Without a current snapshot both are
    computed from the rows.
    """
    from bontang.reports.chartsets import dashboard_charts

    key = _key(period, str(get_locale() or "id"))
    current = select(FiguresGeneration.value).where(FiguresGeneration.id == 1).scalar_subquery()
    row = db.session.execute(select(FiguresSnapshot.generation, FiguresSnapshot.computed_at, current.label("current"))
                             .where(FiguresSnapshot.key == key)).first()
    if row is None or row.generation != (row.current or 0):
        figures = dashboard_figures(period)
        return figures, dashboard_charts(figures)
    memo_key = (key, row.generation, row.computed_at)
    drawn = _DRAWN.get(memo_key)
    if drawn is None:
        payload = db.session.scalar(select(FiguresSnapshot.payload).where(FiguresSnapshot.key == key,
                                                                          FiguresSnapshot.generation == row.generation))
        if payload is None:  # refreshed meanwhile by another transaction: draw from the rows
            figures = dashboard_figures(period)
            return figures, dashboard_charts(figures)
        figures = decode(payload)
        if len(_DRAWN) >= _DRAWN_MAX:
            _DRAWN.clear()
        drawn = _DRAWN[memo_key] = (figures, dashboard_charts(figures))
    return drawn


def refresh_dashboard_figures(period_codes: list[str] | None = None, locales=LOCALES) -> int:
    """Compute and store the dashboard figures of these periods (default: every period on offer); flushes.

    The generation is read before computing, so a change committed meanwhile leaves the new
    snapshots stale (ignored) rather than wrong.
    """
    generation = current_generation()
    codes = period_codes or [code for _group, options in period_choices() for code, _label in options]
    stored = 0
    for locale in locales:
        with force_locale(locale):
            for code in codes:
                period = parse_period(code)
                db.session.merge(FiguresSnapshot(key=_key(period, locale), generation=generation,
                                                 payload=encode(dashboard_figures(period)), computed_at=utcnow()))
                stored += 1
    db.session.flush()
    return stored


def _bump(connection) -> None:
    moved = connection.execute(update(FiguresGeneration).where(FiguresGeneration.id == 1)
                               .values(value=FiguresGeneration.value + 1))
    if moved.rowcount == 0:
        try:
            with connection.begin_nested():
                connection.execute(insert(FiguresGeneration).values(id=1, value=1))
        except IntegrityError:  # another transaction created the row first
            connection.execute(update(FiguresGeneration).where(FiguresGeneration.id == 1)
                               .values(value=FiguresGeneration.value + 1))


@event.listens_for(Session, "after_flush")
def _after_flush(session, _context) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(getattr(obj, "__tablename__", None) in COUNTED_TABLES for obj in changed):
        session.info[_DIRTY] = True


@event.listens_for(Session, "do_orm_execute")
def _on_bulk(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if getattr(table, "name", None) in COUNTED_TABLES:
            state.session.info[_DIRTY] = True


@event.listens_for(Session, "before_commit")
def _before_commit(session) -> None:
    """Move the generation last, after the final flush: its row lock is the last one a transaction
    takes, so it cannot close a deadlock cycle with the audit head or any other row."""
    session.flush()
    if session.info.pop(_DIRTY, False):
        _bump(session.connection())


@event.listens_for(Session, "after_rollback")
def _after_rollback(session) -> None:
    session.info.pop(_DIRTY, None)


def encode(value):
    """Figures as JSON-safe data; dates, periods and share rows are tagged so `decode` restores them."""
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {"__pairs__": [[encode(k), encode(v)] for k, v in value.items()]}  # e.g. month numbers
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, Period):
        return {"__period__": value.code}
    if isinstance(value, CompanyShare):
        return {"__share__": asdict(value)}
    if isinstance(value, datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, date):
        return {"__date__": value.isoformat()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)  # lazy translated strings


def decode(value):
    """The inverse of `encode`."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__pairs__" in value:
        return {decode(k): decode(v) for k, v in value["__pairs__"]}
    if "__period__" in value:
        return parse_period(value["__period__"])
    if "__share__" in value:
        return CompanyShare(**value["__share__"])
    if "__datetime__" in value:
        return datetime.fromisoformat(value["__datetime__"])
    if "__date__" in value:
        return date.fromisoformat(value["__date__"])
    return {k: decode(v) for k, v in value.items()}
