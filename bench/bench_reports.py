"""Report pages on the large data set: 124 companies, 10,000 hiring requests, 100,000 job seekers,
1,000,000 audit events (plus about 24,000 placements, 30,000 certificates, 3,750 training participants and
100 workforce plans), bulk inserted with Core.

Each page is requested through the WSGI app 30 times; we report median and p95 and the number of
SQL statements, measured once on the large data set and once on a tenth of it (it must not grow).
"""
from __future__ import annotations

import hashlib
import os
import random
import time
from datetime import date, datetime, timedelta

from sqlalchemy import insert, text
from werkzeug.security import generate_password_hash

from bench.common import bench_app, count_queries, percentiles, report, time_calls
from bontang.accounts.models import Company, User
from bontang.audit import AuditEvent, AuditHead
from bontang.extensions import db
from bontang.training.models import (
    Certificate, CertificationScheme, Enrolment, TrainingInstitution, TrainingProgramme,
)
from bontang.jobseekers.models import JobSeeker, Skill, job_seeker_skill
from bontang.hiring.models import HiringRequest, Placement, WorkforcePlan, WorkforcePlanItem, hiring_request_skill
from bontang.mou.models import Agreement, MouTemplate

COMPANIES, REQUESTS, SEEKERS, EVENTS = 124, 10_000, 100_000, 1_000_000
# Trainings at a realistic scale for Bontang: about 60 programmes of 25 participants a year, 2024-2026.
PROGRAMMES, PARTICIPANTS = 150, 25
PASSWORD = "bench-password-1"
HIRING = ["submitted", "returned", "verified", "candidates_proposed", "partly_filled", "filled", "filled", "rejected",
          "cancelled", "expired"]
PAGES = [("dashboard year", "/laporan?periode=2025"), ("dashboard quarter", "/laporan?periode=2025-Q2"),
         ("dashboard month htmx", "/laporan?periode=2025-05"), ("local share", "/laporan/porsi-lokal?periode=2025"),
         ("skills gap", "/laporan/kesenjangan-keterampilan"), ("company page", "/laporan/perusahaan/7?periode=2025")]


def _chunks(table, rows, size=20_000):
    for start in range(0, len(rows), size):
        db.session.execute(insert(table), rows[start:start + size])


def _base(rng: random.Random) -> None:
    _chunks(Company.__table__, [dict(id=i, name=f"PT Bench {i:03d}", legal_form="PT", nib=f"{i:013d}", npwp="", kbli="20117",
                                     sector="Petrokimia", category="industri", address="", kelurahan="Api-Api",
                                     headcount_local=rng.randint(50, 900), headcount_nonlocal=rng.randint(5, 300),
                                     is_demo=False, active=True) for i in range(1, COMPANIES + 1)])
    _chunks(User.__table__, [dict(email="staff@bench.example.com", name="Bench", position="", role="staff",
                                  password_hash=generate_password_hash(PASSWORD, method="scrypt:1024:8:1"), active=True,
                                  session_version=1)])
    _chunks(Skill.__table__, [dict(id=i, code=f"S{i}", name=f"Keterampilan {i}", kind="hard", area="Teknik")
                              for i in range(1, 61)])
    _chunks(CertificationScheme.__table__, [dict(id=i, code=f"SK{i}", name=f"Skema {i}") for i in range(1, 21)])
    db.session.execute(insert(MouTemplate.__table__), [dict(id=1, version=1, title="MoU", body="", signatory_roles=[],
                                                          valid_from=date(2025, 1, 1), valid_until=date(2030, 1, 1),
                                                          published=True)])
    statuses = ["completed"] * 80 + ["signed_by_company"] * 20 + ["viewed"] * 10 + ["invited"] * 10 + ["declined"] * 4
    _chunks(Agreement.__table__, [_agreement(i, statuses[i - 1], rng) for i in range(1, COMPANIES + 1)])


def _agreement(i: int, status: str, rng: random.Random) -> dict:
    at = datetime(2025, 4, 15) + timedelta(days=rng.randint(0, 200))
    steps = {"invited": 1, "viewed": 2, "declined": 2, "signed_by_company": 3, "completed": 4}[status]
    names = ["invited_at", "viewed_at", "company_signed_at", "completed_at"]
    stamps = {name: at + timedelta(days=3 * n) if n < steps else None for n, name in enumerate(names)}
    return dict(id=i, company_id=i, template_id=1, status=status, verification_code=f"B{i:010d}", body_html="",
                body_sha256="", created_at=at - timedelta(days=5), updated_at=at, decline_reason="", revoke_reason="",
                number="", declined_at=at if status == "declined" else None,
                **stamps)


def _people(rng: random.Random, seekers: int) -> None:
    _chunks(JobSeeker.__table__, [dict(
        id=i, nik_cipher="x", nik_digest=f"{i:064d}", nik_tail="0000", ak1_number=f"AK1-{i}", name=f"Pencari {i}",
        birth_date=date(1995, 1, 1), sex="L", address="", kelurahan="", phone="", email="", has_bontang_ktp=rng.random() < .8,
        education_level="SMK", field_of_study="", experience_years=0, experience_notes="", registered_at=date(2024, 1, 1),
        employment_status=rng.choice(["available", "available", "employed"]), welfare_decile=rng.randint(1, 10),
        has_disability=False, disability_details="", consent_to_share=True, search_text="", is_graduate=False,
        certificate_count=0) for i in range(1, seekers + 1)])
    _chunks(job_seeker_skill, [dict(job_seeker_id=i, skill_id=s) for i in range(1, seekers + 1)
                               for s in {rng.randint(1, 60), rng.randint(1, 60)}])
    _chunks(Certificate.__table__, [dict(id=n, job_seeker_id=rng.randint(1, seekers), scheme_id=rng.randint(1, 20),
                                         number=f"C{n}", registration_number="", skkni_units="", issue_date=date(2024, 6, 1),
                                         valid_until=date(2025 + rng.randint(0, 3), 6, 1), verified=True)
                                    for n in range(1, seekers * 3 // 10 + 1)])
    _chunks(TrainingInstitution.__table__, [dict(id=1, name="BLK", kind="BLK", licence_number="", address="", active=True)])
    _chunks(TrainingProgramme.__table__, [dict(id=p, institution_id=1, title=f"Program {p}", skill_area="", hours=80,
                                               start_date=date(2024, 1, 1) + timedelta(days=6 * p), quota=30,
                                               end_date=date(2024, 2, 15) + timedelta(days=6 * p), funding="APBD",
                                               funding_note="", status="finished", scheme_id=p % 20 + 1)
                                          for p in range(1, PROGRAMMES + 1)])
    _chunks(Enrolment.__table__, [dict(programme_id=p, job_seeker_id=(p * 67 + k * 7919) % seekers + 1,
                                       result=rng.choice(["lulus", "lulus", "tidak_lulus", None]))
                                  for p in range(1, PROGRAMMES + 1) for k in range(PARTICIPANTS)])


def _hiring(rng: random.Random, requests: int, seekers: int) -> None:
    rows, links, placements = [], [], []
    for i in range(1, requests + 1):
        submitted = datetime(2025, 1, 1) + timedelta(minutes=rng.randint(0, 600 * 24 * 60))
        status, positions = rng.choice(HIRING), rng.randint(1, 8)
        rows.append(dict(id=i, company_id=rng.randint(1, COMPANIES), title=f"Jabatan {i}", positions=positions, status=status,
                         valid_until=date(2027, 1, 1), submitted_at=submitted, planned_local_percent=rng.choice([60, 75, 90, 100]),
                         first_proposed_at=submitted + timedelta(days=rng.randint(1, 20)) if status in HIRING[3:7] else None,
                         filled_at=submitted + timedelta(days=rng.randint(10, 60)) if status == "filled" else None))
        links += [dict(hiring_request_id=i, skill_id=s) for s in {rng.randint(1, 60), rng.randint(1, 60)}]
        if status in ("partly_filled", "filled"):
            placements += [dict(hiring_request_id=i, company_id=rows[-1]["company_id"], job_seeker_id=rng.randint(1, seekers),
                                start_date=(submitted + timedelta(days=30)).date(), contract_type="PKWT",
                                is_local=rng.random() < .72, created_at=submitted) for _ in range(positions - (status == "partly_filled"))]
    _chunks(HiringRequest.__table__, rows)
    _chunks(hiring_request_skill, links)
    _chunks(Placement.__table__, placements)
    _chunks(WorkforcePlan.__table__, [dict(id=c, company_id=c, year=2025, submitted_at=datetime(2024, 12, 1))
                                      for c in range(1, 101)])
    _chunks(WorkforcePlanItem.__table__, [dict(plan_id=c, title="Operator", count=rng.randint(1, 9), month=m, skills="",
                                               for_turnaround=False) for c in range(1, 101) for m in range(1, 13)])


def _audit(count: int) -> None:
    start, prev, rows = datetime(2025, 1, 1), "0" * 64, []
    for n in range(1, count + 1):
        digest = hashlib.sha256(f"{prev}{n}".encode()).hexdigest()
        rows.append({"seq": n, "created_at": start + timedelta(seconds=n * 30), "action": "bench.event", "object_type": "",
                     "object_id": "", "actor_label": "bench", "ip": "", "user_agent": "", "details": {},
                     "prev_hash": prev, "hash": digest})
        prev = digest
        if len(rows) == 50_000:
            db.session.execute(insert(AuditEvent), rows)
            rows = []
    if rows:
        db.session.execute(insert(AuditEvent), rows)
    db.session.execute(insert(AuditHead).values(id=1, seq=count, last_hash=prev))


def _measure(label: str, scale: float) -> dict:
    app = bench_app()
    rng = random.Random(6)
    with app.app_context():
        _base(rng)
        _people(rng, int(SEEKERS * scale))
        _hiring(rng, int(REQUESTS * scale), int(SEEKERS * scale))
        _audit(int(EVENTS * scale))
        db.session.commit()
        if db.engine.dialect.name == "postgresql":  # planner statistics, as autovacuum keeps them in production
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))
        engine = db.engine
    client = app.test_client()
    client.post("/masuk", data={"email": "staff@bench.example.com", "password": PASSWORD})
    counts = {}
    for name, url in PAGES + [("monthly PDF", "/laporan/bulanan.pdf?periode=2025-05")]:
        headers = {"HX-Request": "true"} if "htmx" in name else {}

        def fetch(url=url, headers=headers):
            response = client.get(url, headers=headers)
            assert response.status_code == 200, (url, response.status_code)

        with count_queries(engine) as queries:
            fetch()
        counts[name] = queries[0]
        repeat = 5 if "PDF" in name else 30
        cpu = []

        def timed(fetch=fetch, cpu=cpu):
            started = time.process_time()
            fetch()
            cpu.append(time.process_time() - started)

        wall = time_calls(timed, repeat=repeat, warmup=1)
        cpu_figures = percentiles(cpu[1:])
        report(f"{label} {name}", {**wall, "cpu_median_ms": cpu_figures["median_ms"], "cpu_p95_ms": cpu_figures["p95_ms"],
                                   "queries": queries[0]})
    return counts


def run() -> None:
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(wall times include waiting for the CPU; cpu_* is this process's own time, SQLite included)", flush=True)
    small = _measure("tenth", 0.1)
    large = _measure("large", 1.0)
    grown = {name: (small[name], large[name]) for name in large if small[name] != large[name]}
    print("query counts constant:", "yes" if not grown else f"NO {grown}", flush=True)
