"""Helpers for benchmarks: an app on a scratch database, timing with percentiles, query counting."""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from contextlib import contextmanager

from sqlalchemy import event

from bontang import create_app
from bontang.extensions import db


def bench_app(database_url: str | None = None):
    """An app on a fresh scratch database (SQLite file by default, BENCH_DATABASE_URL to override)."""
    url = database_url or os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "APP_ENV": "bench", "SECRET_KEY": "bench",
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.drop_all()
        db.create_all()
    return app


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"median_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000, "n": len(ordered)}


def time_calls(fn, repeat: int = 30, warmup: int = 3) -> dict:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


@contextmanager
def count_queries(engine):
    """Count SQL statements executed on `engine` inside the block: `with count_queries(e) as n: ...; n[0]`."""
    counter = [0]

    def before(*_args, **_kwargs):
        counter[0] += 1

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", before)


def report(name: str, figures: dict) -> None:
    parts = ", ".join(f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items())
    print(f"{name}: {parts}", flush=True)
