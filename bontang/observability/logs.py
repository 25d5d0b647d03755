"""Structured logs: one JSON object per line, each carrying the request id, user, path, status and duration.

The request id comes from the client's `X-Request-ID` when it is a short token of safe characters
(a proxy in front sets it), otherwise it is generated; it goes back in the response header, on
error pages and on audit events, so one support call can be followed through every line.
"""
from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import datetime, timezone

from flask import Flask, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
access_log = logging.getLogger("bontang.access")
NOISY = ("weasyprint", "fontTools")


def incoming_request_id(value: str | None) -> str:
    """The client's request id when it is a sane bounded token, otherwise a new one."""
    if value and SAFE_REQUEST_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    """The id of the request being handled, or None outside a request."""
    return g.get("request_id") if has_request_context() else None


class JsonFormatter(logging.Formatter):
    """A log record as one JSON line; request fields are added when the record comes from a request."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in ("request_id", "user_id", "method", "path", "endpoint", "status", "duration_ms"):
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestFields(logging.Filter):
    """Adds the request id, user id and path to every record logged while a request is handled."""

    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context() and getattr(record, "request_id", None) is None:
            record.request_id = g.get("request_id")
            record.user_id = _user_id()
            record.path = getattr(record, "path", None) or request.path
        return True


def _user_id() -> int | None:
    """The signed-in user's id, read from the identity map: after the request's commit has expired the user, asking
    `current_user.id` would load the row again (one more SELECT per request, only for the access line)."""
    from flask_login import current_user
    from sqlalchemy import inspect
    from sqlalchemy.exc import NoInspectionAvailable

    try:
        user = current_user._get_current_object()
        identity = inspect(user).identity
    except NoInspectionAvailable:  # the anonymous user
        return None
    except Exception:  # the user could not be loaded (database down): the line is still worth writing
        return None
    return identity[0] if identity else None


def configure_logging(app: Flask) -> None:
    """Send every logger to stderr, as JSON lines unless LOG_FORMAT=text; safe to call for each app built."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "bontang", False)]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.bontang = True
    if app.config.get("LOG_FORMAT", "json") == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
                                               defaults={"request_id": "-"}))
    handler.addFilter(RequestFields())
    root.addHandler(handler)
    root.setLevel(app.config.get("LOG_LEVEL", "INFO"))
    for noisy in NOISY:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # Werkzeug's development server writes its own access lines; ours carry the request id.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)


def start_request() -> None:
    """before_request: take or make the request id and start the clock."""
    g.request_id = incoming_request_id(request.headers.get(REQUEST_ID_HEADER))
    g.request_started = time.perf_counter()


def finish_request(response):
    """after_request: return the request id, write the access line and time the request."""
    from bontang.observability import metrics

    request_id = g.get("request_id") or incoming_request_id(None)
    response.headers[REQUEST_ID_HEADER] = request_id
    started = g.get("request_started")
    duration = time.perf_counter() - started if started is not None else 0.0
    endpoint = request.endpoint or "unmatched"
    metrics.observe_request(endpoint, request.method, duration)
    access_log.info("%s %s %s", request.method, request.path, response.status_code,
                    extra={"request_id": request_id, "user_id": _user_id(), "method": request.method,
                           "path": request.path, "endpoint": endpoint, "status": response.status_code,
                           "duration_ms": round(duration * 1000, 1)})
    return response


def register(app: Flask) -> None:
    """Configure logging and add the request-id hooks first, so even a refused request has an id."""
    configure_logging(app)
    app.before_request_funcs.setdefault(None, []).insert(0, start_request)
    app.after_request(finish_request)
    app.jinja_env.globals["request_id"] = current_request_id
