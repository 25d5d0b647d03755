"""Foundation pages under realistic volumes: the companies list, the users list and the audit log.

Data: the demo's 124 companies and 252 users, plus 200,000 audit events. Each page is requested
through the WSGI app (no network) 50 times; we report median and p95 and the SQL statements per page.
"""
from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import insert

from bench.common import bench_app, count_queries, report, time_calls
from bontang.audit import AuditEvent, AuditHead
from bontang.core import utcnow
from bontang.extensions import db
from bontang.seed import DEMO_PASSWORD, seed_demo

EVENTS = 200_000


def _bulk_audit_events(count: int) -> None:
    start = utcnow() - timedelta(days=365)
    rows = []
    prev = "0" * 64
    for n in range(1, count + 1):
        digest = hashlib.sha256(f"{prev}{n}".encode()).hexdigest()
        rows.append({"seq": 10_000 + n, "created_at": start + timedelta(seconds=n * 60), "action": "bench.event",
                     "object_type": "Company", "object_id": str(n % 124 + 1), "actor_label": "bench", "ip": "",
                     "user_agent": "", "details": {}, "prev_hash": prev, "hash": digest})
        prev = digest
        if len(rows) == 20_000:
            db.session.execute(insert(AuditEvent), rows)
            rows = []
    if rows:
        db.session.execute(insert(AuditEvent), rows)
    db.session.execute(AuditHead.__table__.update().values(seq=10_000 + count, last_hash=prev))


def run() -> None:
    app = bench_app()
    with app.app_context():
        seed_demo()
        _bulk_audit_events(EVENTS)
        db.session.commit()
        engine = db.engine
    client = app.test_client()
    client.post("/masuk", data={"email": "admin@disnaker.example.com", "password": DEMO_PASSWORD})
    for name, url in [("companies list", "/kelola/perusahaan"), ("companies search", "/kelola/perusahaan?q=pupuk"),
                      ("users list page 5", "/kelola/pengguna?page=5"), ("audit log", "/admin/audit"),
                      ("audit log page 2000", "/admin/audit?page=2000"), ("home", "/")]:
        def fetch(url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        with count_queries(engine) as queries:
            fetch()
        report(name, {**time_calls(fetch, repeat=50), "queries": queries[0]})
