"""The Huey instance, jobs enqueued only after the transaction that asked for them commits,
and the Flask app that jobs run in.

TASK_QUEUE_URL picks the broker: `sqlite:///path` (the embedded default under instance/) or
`redis://host:port/db` (production). TASK_QUEUE_NAME separates queues sharing one broker.
"""
from __future__ import annotations

import functools
import logging
import os
import time
from typing import Callable

from huey import RedisHuey, SqliteHuey
from huey.exceptions import RetryTask
from sqlalchemy import event
from sqlalchemy.orm import Session

from bontang.config import INSTANCE

log = logging.getLogger(__name__)
DEFERRED = "deferred_jobs"
HEARTBEAT_KEY = "worker-heartbeat"


def queue_url() -> str:
    return os.environ.get("TASK_QUEUE_URL") or f"sqlite:///{INSTANCE / 'tasks.db'}"


def make_huey(url: str, name: str):
    """A Huey on Redis or on a SQLite file; results are not stored (progress lives in the database)."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(name, url=url, results=False)
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        return SqliteHuey(name, filename=path, results=False, timeout=30)
    raise RuntimeError(f"TASK_QUEUE_URL must start with sqlite:/// or redis://, not {url!r}")


huey = make_huey(queue_url(), os.environ.get("TASK_QUEUE_NAME", "bontang"))
_app = None


def bind(app, *, replace: bool = True) -> None:
    """Remember the app that jobs run in (the worker's own, or the first web app of a process)."""
    global _app
    if replace or _app is None:
        _app = app


def job(*, schedule=None, **options) -> Callable:
    """Declare a Huey task (periodic when `schedule` is a crontab) that runs in an app context
    and commits once when it succeeds.

    A job that raises rolls back, except RetryTask, which commits what the job recorded
    (attempts, the reason) before Huey schedules the retry.
    """
    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def run(*args, **kwargs):
            from bontang.extensions import db

            if _app is None:
                raise RuntimeError("bontang.tasks.queue.bind(app) was not called")
            with _app.app_context():
                try:
                    result = fn(*args, **kwargs)
                    db.session.commit()
                    return result
                except RetryTask:
                    db.session.commit()
                    raise
                except Exception:
                    db.session.rollback()
                    raise
                finally:
                    db.session.remove()

        if schedule is not None:
            return huey.periodic_task(schedule, **options)(run)
        return huey.task(**options)(run)

    return decorate


def defer(name: str, *args) -> None:
    """Enqueue job `name` from bontang.tasks.jobs once the current transaction commits.

    Services call this instead of enqueuing directly, so a rolled-back request enqueues
    nothing and a worker never looks for rows that are not committed yet.
    """
    from bontang.extensions import db

    db.session.info.setdefault(DEFERRED, []).append((name, args))


def _enqueue(name: str, args: tuple) -> None:
    from bontang.tasks import jobs

    try:
        getattr(jobs, name)(*args)
    except Exception:  # the broker is down: the periodic sweeps pick the work up later
        log.exception("Could not enqueue %s%s", name, args)


@event.listens_for(Session, "after_commit")
def _enqueue_after_commit(session: Session) -> None:
    for name, args in session.info.pop(DEFERRED, []):
        _enqueue(name, args)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    if not session.in_transaction():
        session.info.pop(DEFERRED, None)


def beat() -> None:
    """Record that a worker is alive (read by progress pages)."""
    huey.put(HEARTBEAT_KEY, time.time())


def last_heartbeat() -> float | None:
    """Seconds since the epoch of the newest worker heartbeat, or None."""
    try:
        return huey.get(HEARTBEAT_KEY, peek=True)
    except Exception:
        return None
