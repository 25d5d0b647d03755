"""The large data set of issue 14, generated in bulk on PostgreSQL (COPY) or SQLite (executemany).

Full scale: 124 companies, 10,000 hiring requests, 100,000 job seekers, 150,000 certificates and
1,000,000 audit events (plus proposals, placements, training programmes, enrolments and plans);
`--scale 0.1` makes a tenth of every count except the 124 companies and the catalogues.

The schema comes from the Alembic migrations (so PostgreSQL gets the migration's trigram indexes).
Bulk audit rows carry placeholder hashes: they are *not* a valid chain (`flask audit-verify` stops
at the first one). No page reads the chain, only `audit_head.seq` (the event count), which is kept
exact. One agreement (company 1) is signed, countersigned and sealed through the real services, so
the signed-PDF download and the verification page serve a real sealed PDF.

    python -m bench.dataset --scale 0.1 --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench
"""
from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date, datetime, timedelta

from sqlalchemy import text

from bontang.extensions import db

COMPANIES, REQUESTS, SEEKERS, CERTIFICATES, EVENTS = 124, 10_000, 100_000, 150_000, 1_000_000
PROGRAMMES, PARTICIPANTS = 150, 25
PASSWORD = "bench-password-1"
FIRST = ["Budi", "Siti", "Andi", "Rina", "Agus", "Dewi", "Eko", "Fitri", "Hendra", "Indah", "Joko", "Kartika",
         "Lukman", "Maya", "Nur", "Putri", "Rudi", "Sari", "Taufik", "Wulan", "Yusuf", "Zahra", "Arif", "Bayu",
         "Cahya", "Dian", "Fajar", "Gita", "Hadi", "Intan"]
MIDDLE = ["Adi", "Bima", "Citra", "Dwi", "Eka", "Fikri", "Galih", "Hana", "Ilham", "Jaya", "Kurnia", "Lestari",
          "Mulya", "Nanda", "Okta", "Pratama", "Qori", "Ratna", "Surya", "Tri", "Utami", "Wahyu", "Yoga", "Zulfa",
          "Aulia", "Bagus", "Cindy", "Dimas", "Elok", "Fauzi"]
LAST = ["Santoso", "Rahmawati", "Hidayat", "Saputra", "Wijaya", "Lestari", "Kurniawan", "Pratiwi", "Nugroho",
        "Susanti", "Setiawan", "Handayani", "Siregar", "Hasibuan", "Lubis", "Nasution", "Rahman", "Sulastri",
        "Gunawan", "Purnomo", "Syahputra", "Maharani", "Ramadhan", "Anggraini", "Firmansyah", "Halim", "Iskandar",
        "Jamal", "Kusuma", "Manurung"]
HIRING = ["draft", "submitted", "resubmitted", "returned", "verified", "candidates_proposed", "partly_filled",
          "filled", "filled", "rejected", "cancelled", "expired"]
MOU_ACTIONS = ["mou.invited", "mou.viewed", "mou.reminded", "mou.downloaded"]


def _morning(day: date) -> datetime:
    """A record made on `day` (created and last updated then: the data set is older than its snapshots)."""
    return datetime(day.year, day.month, day.day, 9)


def seeker_name(n: int) -> str:
    """The deterministic name of job seeker n (a full name is shared by about 4 of 100,000)."""
    return f"{FIRST[n % 30]} {MIDDLE[(n // 30) % 30]} {LAST[(n // 900) % 30]}"


def seeker_nik(n: int) -> str:
    return f"6474{n % 3 + 1:02d}{n % 28 + 1:02d}{n % 12 + 1:02d}{n:06d}"


class Loader:
    """Bulk-insert rows (dicts) into a table: COPY on PostgreSQL, executemany on SQLite.

    Columns left out get their scalar or callable Python default, as the ORM would set them.
    """

    def __init__(self):
        self.conn = db.session.connection()
        self.pg = self.conn.dialect.name == "postgresql"
        self.rows = 0

    def _defaults(self, table) -> dict:
        values = {}
        for column in table.columns:
            default = column.default
            if default is not None and default.is_scalar:
                values[column.name] = default.arg
            elif default is not None and default.is_callable:
                values[column.name] = default.arg(None)
        return values

    def load(self, table, rows, batch: int = 20_000) -> None:
        table = getattr(table, "__table__", table)
        defaults = self._defaults(table)
        it = iter(rows)
        first = next(it, None)
        if first is None:
            return
        columns = list(dict.fromkeys([*first, *(c for c in defaults if c not in first)]))
        json_columns = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}

        def values(row):
            out = []
            for c in columns:
                v = row.get(c, defaults.get(c))
                if c in json_columns and v is not None:
                    v = json.dumps(v)
                elif hasattr(v, "value") and not isinstance(v, (int, str)):
                    v = v.value
                out.append(v)
            return out

        def chain():
            yield first
            yield from it

        raw = self.conn.connection.driver_connection
        if self.pg:
            names = ", ".join(f'"{c}"' for c in columns)
            with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
                for row in chain():
                    copy.write_row(values(row))
                    self.rows += 1
            return
        sql = f'INSERT INTO "{table.name}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'
        cursor = raw.cursor()
        chunk = []
        for row in chain():
            chunk.append(values(row))
            if len(chunk) == batch:
                cursor.executemany(sql, chunk)
                self.rows += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            self.rows += len(chunk)


def _catalogue(load: Loader) -> dict:
    from bontang.training.catalogue import PROGRAMMES as CATALOGUE, SCHEMES, SKILLS
    from bontang.training.models import CertificationScheme, programme_skill, scheme_skill
    from bontang.jobseekers.models import Skill

    load.load(Skill, ({"id": i, "code": c, "name": n, "kind": k, "area": a} for i, (c, n, k, a) in enumerate(SKILLS, 1)))
    skill_id = {c: i for i, (c, *_rest) in enumerate(SKILLS, 1)}
    load.load(CertificationScheme, ({"id": i, "code": c, "name": n} for i, (c, n, _s) in enumerate(SCHEMES, 1)))
    load.load(scheme_skill, ({"scheme_id": i, "skill_id": skill_id[s]} for i, (_c, _n, codes) in enumerate(SCHEMES, 1)
                             for s in codes))
    skill_names = {i: n for i, (_c, n, _k, _a) in enumerate(SKILLS, 1)}
    return {"skills": len(SKILLS), "schemes": len(SCHEMES), "skill_names": skill_names, "catalogue": CATALOGUE,
            "skill_id": skill_id, "scheme_skills": {i: [skill_id[s] for s in codes]
                                                    for i, (_c, _n, codes) in enumerate(SCHEMES, 1)},
            "programme_skill": programme_skill}


def _people(load: Loader, rng: random.Random) -> None:
    from werkzeug.security import generate_password_hash

    from bontang.accounts.models import Company, User

    load.load(Company, ({"id": i, "name": f"PT Mitra Bontang {i:03d}", "legal_form": "PT", "nib": f"{i:013d}",
                         "kbli": "20117", "sector": "Industri", "category": "industri", "kelurahan": "Api-Api",
                         "headcount_local": rng.randint(50, 900), "headcount_nonlocal": rng.randint(5, 300)}
                        for i in range(1, COMPANIES + 1)))
    hashed = generate_password_hash(PASSWORD, method="scrypt:1024:8:1")
    users = [("admin", "admin", None), ("staff", "staff", None), ("official", "official", None)]
    users += [(f"hr{i:03d}", "company_hr", i) for i in range(1, COMPANIES + 1)]
    users += [(f"rep{i:03d}", "company_rep", i) for i in range(1, COMPANIES + 1)]
    load.load(User, ({"id": n, "email": f"{name}@bench.example.com", "name": f"Bench {name}", "position": "Kepala Dinas"
                      if role == "official" else "Staf", "role": role, "company_id": company, "password_hash": hashed}
                     for n, (name, role, company) in enumerate(users, 1)))



def _agreements(load: Loader, rng: random.Random) -> None:
    from bontang.mou.models import Agreement
    from bontang.mou.seed import _template

    template = _template()  # the real published template (through the ORM), id 1
    db.session.flush()
    statuses = ["completed"] * 80 + ["signed_by_company"] * 20 + ["viewed"] * 10 + ["invited"] * 10 + ["declined"] * 3

    def row(i, status):
        at = datetime(2025, 4, 15) + timedelta(days=rng.randint(0, 200))
        steps = {"invited": 1, "viewed": 2, "declined": 2, "signed_by_company": 3, "completed": 4}[status]
        names = ["invited_at", "viewed_at", "company_signed_at", "completed_at"]
        return {"id": i, "company_id": i, "template_id": template.id, "status": status,
                "verification_code": f"BENCH{i:010d}", "number": f"{i:03d}/MOU-DISNAKER/2025",
                "created_at": at - timedelta(days=5), "updated_at": at,
                "declined_at": at if status == "declined" else None,
                **{name: at + timedelta(days=3 * n) if n < steps else None for n, name in enumerate(names)}}
    load.load(Agreement, (row(i, statuses[i - 2]) for i in range(2, COMPANIES + 1)))


def _seekers(load: Loader, rng: random.Random, cat: dict, seekers: int, certificates: int) -> None:
    from bontang.jobseekers import nik as nik_codec
    from bontang.training.models import Certificate
    from bontang.jobseekers.models import JobSeeker, job_seeker_skill

    today = date.today()
    n_skills, n_schemes = cat["skills"], cat["schemes"]
    per_seeker = [0] * (seekers + 1)
    holders = rng.choices(range(1, seekers + 1), k=certificates)
    for s in holders:
        per_seeker[s] += 1
    cert_rows, best, scheme_of = [], {}, {}
    number = 0
    for s in range(1, seekers + 1):
        for _k in range(per_seeker[s]):
            number += 1
            scheme = rng.randint(1, n_schemes)
            issued = today - timedelta(days=rng.randint(30, 1500))
            valid = issued + timedelta(days=3 * 365)
            best[s] = max(best.get(s, valid), valid)
            scheme_of.setdefault(s, []).append(scheme)
            cert_rows.append({"id": number, "job_seeker_id": s, "scheme_id": scheme, "number": f"BN-{number:08d}",
                              "issue_date": issued, "valid_until": valid, "verified": number % 3 == 0,
                              "created_at": _morning(issued), "updated_at": _morning(issued)})
    skills_of = {}

    def seeker_rows():
        for n in range(1, seekers + 1):
            registered = date(2020, 1, 1) + timedelta(days=rng.randint(0, 2400))
            chosen = set(rng.sample(range(1, n_skills + 1), 2))
            for scheme in scheme_of.get(n, []):
                chosen.update(cat["scheme_skills"].get(scheme, [])[:2])
            skills_of[n] = chosen
            name, nik = seeker_name(n), seeker_nik(n)
            words = " ".join(cat["skill_names"][k] for k in sorted(chosen))
            yield {"id": n, "nik_cipher": "bench", "nik_digest": nik_codec.digest(nik), "nik_tail": nik[-4:],
                   "ak1_number": f"AK1/6474/{n:07d}", "name": name,
                   "birth_date": date(1970, 1, 1) + timedelta(days=rng.randint(0, 12_000)), "sex": "LP"[n % 2],
                   "kelurahan": "Api-Api", "has_bontang_ktp": n % 5 != 0, "education_level": "SMK",
                   "field_of_study": "Teknik", "registered_at": registered,
                   "created_at": _morning(registered), "updated_at": _morning(registered),
                   "employment_status": ("employed", "available", "available", "available", "in_training")[n % 5],
                   "welfare_decile": rng.randint(1, 10) if n % 4 else None, "consent_to_share": n % 7 != 0,
                   "is_graduate": per_seeker[n] > 0, "best_valid_until": best.get(n),
                   "certificate_count": per_seeker[n], "search_text": f"{name} smk teknik {words}".lower()}

    load.load(JobSeeker, seeker_rows())
    load.load(job_seeker_skill, ({"job_seeker_id": n, "skill_id": k} for n in range(1, seekers + 1)
                                 for k in sorted(skills_of[n])))
    load.load(Certificate, cert_rows)


def _training(load: Loader, rng: random.Random, cat: dict, programmes: int, seekers: int) -> None:
    from bontang.training.models import Enrolment, TrainingInstitution, TrainingProgramme

    from werkzeug.security import generate_password_hash

    from bontang.accounts.models import User

    load.load(TrainingInstitution, [{"id": 1, "name": "UPTD BLK Bontang (bench)", "kind": "BLK", "licence_number": "B-1"}])
    load.load(User, [{"id": 10_000, "email": "trainer@bench.example.com", "name": "Bench trainer", "position": "Instruktur",
                      "role": "trainer", "institution_id": 1,
                      "password_hash": generate_password_hash(PASSWORD, method="scrypt:1024:8:1")}])
    catalogue = cat["catalogue"]

    def programme(p):
        title, area, scheme_code, codes, hours, *_rest = catalogue[p % len(catalogue)]
        start = date(2024, 1, 8) + timedelta(days=(p * 6) % 1000)
        return {"id": p, "institution_id": 1, "title": f"{title} angkatan {p}", "skill_area": area, "hours": hours,
                "start_date": start, "end_date": start + timedelta(days=45), "quota": 30, "status": "finished",
                "scheme_id": p % cat["schemes"] + 1}
    load.load(TrainingProgramme, (programme(p) for p in range(1, programmes + 1)))
    load.load(cat["programme_skill"], ({"programme_id": p, "skill_id": p % cat["skills"] + 1}
                                       for p in range(1, programmes + 1)))
    load.load(Enrolment, ({"programme_id": p, "job_seeker_id": (p * 67 + k * 7919) % seekers + 1,
                           "result": rng.choice(["lulus", "lulus", "lulus", "tidak_lulus", None])}
                          for p in range(1, programmes + 1) for k in range(PARTICIPANTS)))


def _hiring(load: Loader, rng: random.Random, cat: dict, requests: int, seekers: int) -> None:
    from bontang.hiring.models import (CandidateProposal, HiringRequest, Placement, WorkforcePlan, WorkforcePlanItem,
                                       hiring_request_skill)

    rows, links, proposals, placements = [], [], [], []
    placed: set[int] = set()  # one active placement per person (uq_placement_active_seeker)

    def unplaced() -> int:
        while (seeker := rng.randint(1, seekers)) in placed:
            pass
        placed.add(seeker)
        return seeker

    for i in range(1, requests + 1):
        status = HIRING[i % len(HIRING)]
        submitted = datetime(2024, 1, 1) + timedelta(minutes=rng.randint(0, 1050 * 24 * 60))
        bulk = i % 500 == 4  # a bulk request (50 positions) with a certification scheme, open for proposals
        status = "verified" if bulk else status
        positions = 50 if bulk else rng.randint(1, 8)
        company = (i - 1) % COMPANIES + 1
        proposed = status in ("candidates_proposed", "partly_filled", "filled")
        rows.append({"id": i, "company_id": company, "title": f"Operator produksi {i}", "positions": positions,
                     "status": status, "valid_until": date(2027, 6, 30), "age_min": 18, "age_max": 45,
                     "sex": "any", "kbji_code": "8111", "scheme_id": rng.randint(1, cat["schemes"]) if bulk or i % 3 == 0 else None,
                     "planned_local_percent": rng.choice([60, 75, 90, 100]),
                     "submitted_at": None if status == "draft" else submitted,
                     "created_at": submitted - timedelta(days=1), "updated_at": submitted + timedelta(days=rng.randint(0, 30)),
                     "first_proposed_at": submitted + timedelta(days=rng.randint(1, 20)) if proposed else None,
                     "filled_at": submitted + timedelta(days=rng.randint(10, 60)) if status == "filled" else None})
        links += [{"hiring_request_id": i, "skill_id": s} for s in sorted(set(rng.sample(range(1, cat["skills"] + 1), 3)))]
        if proposed:
            chosen = rng.sample(range(1, seekers + 1), 3)
            proposals += [{"hiring_request_id": i, "job_seeker_id": s, "stage": "proposed", "proposed_at": submitted}
                          for s in chosen]
        if status in ("partly_filled", "filled"):
            placements += [{"hiring_request_id": i, "company_id": company, "job_seeker_id": unplaced(),
                            "start_date": (submitted + timedelta(days=30)).date(), "contract_type": "PKWT",
                            "is_local": rng.random() < .72, "created_at": submitted}
                           for _ in range(min(positions, 8) - (status == "partly_filled"))]
    load.load(HiringRequest, rows)
    load.load(hiring_request_skill, links)
    load.load(CandidateProposal, proposals)
    load.load(Placement, placements)
    load.load(WorkforcePlan, ({"id": c, "company_id": c, "year": 2025, "submitted_at": datetime(2024, 12, 1)}
                              for c in range(1, 101)))
    load.load(WorkforcePlanItem, ({"plan_id": c, "title": "Operator", "count": rng.randint(1, 9), "month": m}
                                  for c in range(1, 101) for m in range(1, 13)))


def _audit(load: Loader, events: int, requests: int, seekers: int, certificates: int) -> None:
    from bontang.audit import AuditEvent, AuditHead

    start = datetime(2024, 1, 1)
    step = (datetime(2026, 11, 1) - start) / max(events, 1)

    def target(n):
        kind = n % 20
        if kind == 0 and n % 160 == 0:
            return "Agreement", (n // 160) % COMPANIES + 2, MOU_ACTIONS[(n // 160) % 4], None
        if kind < 9:
            return "JobSeeker", n % seekers + 1, "job_seeker.updated", None
        if kind < 15:
            return "Certificate", n % certificates + 1, "certificate.recorded", None
        if kind < 18:
            return "HiringRequest", n % requests + 1, "hiring.status_changed", (n % requests) % COMPANIES + 1
        return "User", n % 200 + 1, "auth.login", None

    def rows():
        for n in range(1, events + 1):
            object_type, object_id, action, company = target(n)
            yield {"seq": n, "created_at": start + step * n, "action": action, "object_type": object_type,
                   "object_id": str(object_id), "company_id": company, "actor_id": 2, "actor_label": "staff@bench.example.com",
                   "ip": "127.0.0.1", "user_agent": "bench", "details": {}, "prev_hash": f"{n - 1:064x}",
                   "hash": f"{n:064x}"}
    load.load(AuditEvent, rows())
    load.load(AuditHead, [{"id": 1, "seq": events, "last_hash": f"{events:064x}"}])


def _signed_agreement() -> None:
    """Company 1's agreement signed by both parties through the real services, sealed PDF included."""
    from bontang.accounts.models import User
    from bontang.mou import codes, services, signing
    from bontang.mou.evidence import consent_statement
    from bontang.mou.models import MouTemplate, Party
    from bontang.mou.text import sha256_text

    rep = db.session.scalar(db.select(User).where(User.email == "rep001@bench.example.com"))
    official = db.session.scalar(db.select(User).where(User.email == "official@bench.example.com"))
    template = db.session.get(MouTemplate, 1)
    agreement = services.invite_company(rep.company, template, actor=None)
    consent = consent_statement()
    signer = signing.SignerInput(rep.name, "Direktur", "typed", None, rep.name, consent, sha256_text(consent))
    signing.add_signature(agreement, Party.COMPANY, rep, signer, {}, None)
    signing.move_status(agreement, signing.OPEN_STATUSES, signing.AgreementStatus.SIGNED_BY_COMPANY)
    official.office = "kepala_dinas"  # officials sign only for the office they hold, after opening the preview
    signing.record_preview(agreement, actor=official)
    code = codes.issue_code(official, signing.countersign_purpose([agreement.id]), subject="kode", what="bench")
    signing.countersign_agreements([agreement.id], {"name": official.name, "position": official.position,
                                                    "method": "typed", "typed": official.name, "consent": True,
                                                    "code": code, "ip": "127.0.0.1", "user_agent": "bench"},
                                   actor=official)
    db.session.commit()
    from bontang.mou import documents

    documents.seal_agreement(agreement.id)  # what the worker would do after the commit


def _fix_sequences() -> None:
    if db.engine.dialect.name != "postgresql":
        return
    for table in ("company", "user_account", "agreement", "job_seeker", "certificate", "skill", "certification_scheme",
                  "training_programme", "enrolment", "hiring_request", "candidate_proposal", "placement",
                  "workforce_plan", "workforce_plan_item", "audit_event", "training_institution", "mou_template"):
        db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                f"coalesce((SELECT max(id) FROM {table}), 1))"))


def _analyze() -> None:
    """Planner statistics and the visibility map, as autovacuum keeps them on a live database."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if conn.dialect.name == "postgresql" else "ANALYZE"))


def generate(scale: float = 1.0, *, seed: int = 14, log=print) -> dict:
    """Fill the (migrated, empty) database of the current app with the data set at this scale."""
    rng = random.Random(seed)
    counts = {"requests": max(int(REQUESTS * scale), 10), "seekers": max(int(SEEKERS * scale), 100),
              "certificates": max(int(CERTIFICATES * scale), 100), "events": max(int(EVENTS * scale), 100),
              "programmes": max(int(PROGRAMMES * scale), 5)}
    started = time.perf_counter()
    load = Loader()
    cat = _catalogue(load)
    _people(load, rng)
    _agreements(load, rng)
    _seekers(load, rng, cat, counts["seekers"], counts["certificates"])
    _training(load, rng, cat, counts["programmes"], counts["seekers"])
    _hiring(load, rng, cat, counts["requests"], counts["seekers"])
    _audit(load, counts["events"], counts["requests"], counts["seekers"], counts["certificates"])
    _fix_sequences()
    db.session.commit()
    _signed_agreement()
    db.session.commit()
    _analyze()
    seconds = time.perf_counter() - started
    log(f"data set at scale {scale:g}: {load.rows:,} rows in {seconds:.0f} s ({counts})")
    return {"rows": load.rows, "seconds": seconds, **counts}


def fresh_app(database_url: str):
    """An app on an empty database at `database_url` (created on PostgreSQL), migrated to head."""
    from flask_migrate import upgrade

    from bontang import create_app

    if database_url.startswith("postgresql"):
        _recreate_pg(database_url)
    elif database_url.startswith("sqlite:///"):
        import os
        path = database_url.removeprefix("sqlite:///")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade()
    return app


def _recreate_pg(database_url: str) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 for the full data set, 0.1 for a tenth")
    parser.add_argument("--database-url", required=True, help="PostgreSQL or SQLite URL; the database is recreated")
    args = parser.parse_args()
    app = fresh_app(args.database_url)
    with app.app_context():
        generate(args.scale)


if __name__ == "__main__":
    main()
