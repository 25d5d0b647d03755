"""Observability: JSON logs with a request id, readiness (`/readyz`), Prometheus metrics and the admin status page."""
from flask import Blueprint

bp = Blueprint("observability", __name__)
