"""Hiring benchmark: the staff queue and the candidate ranking with 10,000 requests and 100,000 job seekers."""
from __future__ import annotations

import random
import time
from datetime import date, timedelta

from sqlalchemy import insert, select

from bench.common import bench_app, count_queries, percentiles, report, time_calls
from bontang.accounts.models import Company, Role, User
from bontang.core import utcnow
from bontang.extensions import db
from bontang.training.models import Certificate, CertificationScheme
from bontang.jobseekers.models import JobSeeker, Skill, job_seeker_skill
from bontang.hiring.matching import rank_candidates
from bontang.hiring.models import HiringRequest, HiringStatus, hiring_request_skill
from tests.factories import PASSWORD, PASSWORD_HASH

SEEKERS, REQUESTS, COMPANIES, SKILLS = 100_000, 10_000, 150, 60


def _bulk(table, rows, batch: int = 5000) -> None:
    for start in range(0, len(rows), batch):
        db.session.execute(insert(table), rows[start:start + batch])


def _reference_data(rng: random.Random) -> None:
    _bulk(Company.__table__, [{"name": f"PT Bench {n:03d}", "legal_form": "PT", "nib": f"{n:013d}", "category": "industri",
                               "is_demo": False, "active": True} for n in range(1, COMPANIES + 1)])
    _bulk(Skill.__table__, [{"code": f"B{n}", "name": f"Keahlian {n:02d}", "kind": "hard", "area": "Industri"}
                            for n in range(1, SKILLS + 1)])
    _bulk(CertificationScheme.__table__, [{"code": f"S{n}", "name": f"Skema {n}"} for n in range(1, 21)])
    db.session.add(User(email="staff@bench.example.com", name="Petugas", role=Role.STAFF, password_hash=PASSWORD_HASH))


def _job_seekers(rng: random.Random) -> None:
    today, now = date.today(), utcnow()
    rows = [{"nik_cipher": "x", "nik_digest": f"{n:064d}", "nik_tail": f"{n % 10000:04d}", "ak1_number": f"AK1-{n}",
             "name": f"Pencari {n}", "birth_date": today - timedelta(days=rng.randint(18 * 365, 50 * 365)),
             "sex": rng.choice("LP"), "has_bontang_ktp": rng.random() < 0.75, "registered_at": today - timedelta(
                 days=rng.randint(0, 1500)), "employment_status": "employed" if rng.random() < 0.2 else "available",
             "consent_to_share": rng.random() < 0.85, "welfare_decile": rng.choice([None, 1, 2, 3, 5, 7, 9]),
             "created_at": now, "updated_at": now} for n in range(1, SEEKERS + 1)]
    _bulk(JobSeeker.__table__, rows)
    links = {(n, rng.randint(1, SKILLS)) for n in range(1, SEEKERS + 1) for _ in range(3)}
    _bulk(job_seeker_skill, [{"job_seeker_id": a, "skill_id": b} for a, b in links], batch=20000)
    _bulk(Certificate.__table__, [{"job_seeker_id": n, "scheme_id": rng.randint(1, 20), "number": f"C{n}",
                                   "issue_date": today, "valid_until": today + timedelta(days=700), "verified": True,
                                   "created_at": now, "updated_at": now} for n in range(1, SEEKERS + 1, 5)])


def _requests(rng: random.Random) -> None:
    statuses = [s.value for s in HiringStatus]
    now = utcnow()
    rows = [{"company_id": rng.randint(1, COMPANIES), "title": f"Jabatan {n}", "positions": rng.randint(1, 10),
             "status": rng.choice(statuses), "valid_until": date.today() + timedelta(days=60), "age_min": 18,
             "age_max": rng.choice([30, 35, 40, 45]), "sex": "any", "education_min": "SMA", "employment_type": "PKWT",
             "planned_local_percent": 100, "scheme_id": rng.randint(1, 20), "created_at": now,
             "updated_at": now - timedelta(minutes=n), "submitted_at": now} for n in range(1, REQUESTS + 1)]
    _bulk(HiringRequest.__table__, rows)
    links = {(n, rng.randint(1, SKILLS)) for n in range(1, REQUESTS + 1) for _ in range(3)}
    _bulk(hiring_request_skill, [{"hiring_request_id": a, "skill_id": b} for a, b in links], batch=20000)


def _build(app) -> int:
    rng = random.Random(7)
    with app.app_context():
        _reference_data(rng)
        _job_seekers(rng)
        _requests(rng)
        db.session.execute(db.update(HiringRequest).where(HiringRequest.id.in_([1, 2])).values(status="verified"))
        db.session.execute(hiring_request_skill.delete().where(hiring_request_skill.c.hiring_request_id == 2))
        db.session.commit()
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        return 1


def _cpu_p95(fn, repeat: int = 30) -> float:
    """p95 of the CPU time of this process (SQLite runs in-process), which other load on the machine does not inflate."""
    samples = []
    for _ in range(repeat):
        started = time.process_time()
        fn()
        samples.append(time.process_time() - started)
    return percentiles(samples)["p95_ms"]


def _page(client, url: str, engine, headers=None) -> dict:
    with count_queries(engine) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    figures = time_calls(lambda: client.get(url, headers=headers), repeat=30)
    figures["cpu_p95_ms"] = _cpu_p95(lambda: client.get(url, headers=headers))
    figures["queries"] = queries[0]
    return figures


def run() -> None:
    """Build the data set, then time the queue pages, the ranking page and the ranking service."""
    app = bench_app()
    request_id = _build(app)
    client = app.test_client()
    client.post("/masuk", data={"email": "staff@bench.example.com", "password": PASSWORD})
    with app.app_context():
        engine = db.engine
        report("queue waiting (default)", _page(client, "/kelola/permintaan", engine))
        report("queue all statuses, page 3", _page(client, "/kelola/permintaan?status=&page=3", engine))
        report("queue skill+age filter", _page(client, "/kelola/permintaan?status=&keahlian=7&usia=33", engine))
        report("queue htmx fragment, status=verified", _page(client, "/kelola/permintaan?status=verified", engine,
                                                             headers={"HX-Request": "true"}))
        report("candidate ranking page", _page(client, f"/kelola/permintaan/{request_id}/kandidat", engine))
        report("candidate ranking page, request without skills", _page(client, "/kelola/permintaan/2/kandidat", engine))
        hiring = db.session.get(HiringRequest, request_id)
        figures = time_calls(lambda: rank_candidates(hiring), repeat=30)
        figures["cpu_p95_ms"] = _cpu_p95(lambda: rank_candidates(hiring))
        report("rank_candidates() service", figures)
        report("data set", {"requests": db.session.scalar(select(db.func.count(HiringRequest.id))),
                            "job_seekers": db.session.scalar(select(db.func.count(JobSeeker.id)))})
