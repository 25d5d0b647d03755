"""Prometheus metrics: request latency by endpoint, and gauges read from the database and the broker.

The gauges (queue depth, failed jobs, pending seals, mail failures, worker heartbeat age) are
computed when Prometheus scrapes, so every gunicorn worker answers with the same figures and no
shared state is needed. The latency histogram lives in each process; with several gunicorn
workers set PROMETHEUS_MULTIPROC_DIR (an empty directory, wiped at each start) and the scrape
merges every worker's file (prometheus_client's multiprocess mode).
"""
from __future__ import annotations

import os

from prometheus_client import CollectorRegistry, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
REQUEST_SECONDS = Histogram("bontang_request_duration_seconds", "Time to answer a request, by endpoint",
                            ["endpoint", "method"], buckets=BUCKETS, registry=None)


def observe_request(endpoint: str, method: str, seconds: float) -> None:
    REQUEST_SECONDS.labels(endpoint=endpoint, method=method).observe(seconds)


class StateCollector:
    """The portal's state, read at scrape time (see bontang.observability.health.snapshot)."""

    def collect(self):
        from bontang.observability.health import snapshot

        state = snapshot()
        gauges = (
            ("bontang_ready", "1 when /readyz would answer 200", 1 if state["ready"] else 0),
            ("bontang_database_up", "1 when the database answers", int(state["checks"]["database"]["ok"])),
            ("bontang_task_broker_up", "1 when the task broker answers", int(state["checks"]["broker"]["ok"])),
            ("bontang_task_queue_depth", "Jobs waiting in the task queue", state["queue_depth"]),
            ("bontang_task_scheduled", "Jobs scheduled for later (retries)", state["scheduled"]),
            ("bontang_worker_heartbeat_age_seconds", "Seconds since a worker last reported", state["heartbeat_age"]),
            ("bontang_jobs_failed", "Background jobs that ended in failure", state["jobs_failed"]),
            ("bontang_seals_pending", "Completed agreements whose PDF is not sealed yet", state["seals_pending"]),
            ("bontang_seals_failing", "Pending seals whose last attempt failed", state["seals_failing"]),
            ("bontang_mail_unsent", "Outbox messages not delivered yet", state["mail_unsent"]),
            ("bontang_mail_failures", "Undelivered outbox messages whose last attempt failed", state["mail_failures"]),
            ("bontang_last_backup_age_seconds", "Seconds since the last good backup", state["backup_age"]),
        )
        for name, text, value in gauges:
            if value is not None:
                family = GaugeMetricFamily(name, text)
                family.add_metric([], float(value))
                yield family


def exposition() -> bytes:
    """The text Prometheus scrapes."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REQUEST_SECONDS)
    registry.register(StateCollector())
    return generate_latest(registry)
