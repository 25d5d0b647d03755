"""`/readyz` for load balancers, `/metrics` for Prometheus, and the status page for Disnaker's IT."""
from __future__ import annotations

import hmac

from flask import abort, current_app, jsonify, request

from bontang.observability import bp
from bontang.observability.health import WARNINGS, snapshot
from bontang.observability.metrics import exposition
from bontang.security import ADMIN, public, roles
from bontang.web import render

LOOPBACK = {"127.0.0.1", "::1"}
PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8"


@bp.route("/readyz")
@public
def readyz():
    """200 when the database, the broker, a worker and the queue are fine (status "degraded" when the last good
    backup is missing or too old); 503 names what is not."""
    state = snapshot()
    status = "unavailable" if not state["ready"] else "degraded" if state["degraded"] else "ok"
    body = {"status": status, "checks": state["checks"],
            "queue_depth": state["queue_depth"], "worker_heartbeat_age": state["heartbeat_age"],
            "last_backup_age": state["backup_age"]}
    return jsonify(body), 200 if state["ready"] else 503


def metrics_allowed() -> bool:
    """With METRICS_TOKEN set, a matching bearer token; without it, only a scraper on this machine."""
    token = current_app.config["METRICS_TOKEN"]
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(given.encode(), token.encode())
    return request.remote_addr in LOOPBACK


@bp.route("/metrics")
@public
def metrics():
    """Prometheus text exposition (token or loopback only)."""
    if not metrics_allowed():
        abort(403)
    return exposition(), 200, {"Content-Type": PROMETHEUS_TEXT, "Cache-Control": "no-store"}


@bp.route("/admin/status")
@roles(ADMIN)
def status():
    """The same checks and figures as /readyz and /metrics, for people."""
    return render("admin/status.html", state=snapshot(), warnings=WARNINGS)
