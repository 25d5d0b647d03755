"""Graduates at scale: the company search over 100,000 job seekers and 150,000 certificates, and a 10,000-row import.

The data is bulk-inserted (search columns computed as the services would). The search is requested
through the WSGI app as a logged-in HR user (a skill filter plus text, and other filter mixes);
we report median and p95 and the SQL statements per page. The import uploads a 10,000-row
certificates CSV, previews it and applies it, timed end to end.
"""
from __future__ import annotations

import io
import random
import time
from datetime import date, datetime, timedelta

from sqlalchemy import insert, select
from werkzeug.security import generate_password_hash

from bench.common import bench_app, count_queries, report, time_calls
from bontang.accounts.models import Company, CompanyCategory, Role, User
from bontang.extensions import db
from bontang.jobseekers import nik as nik_codec
from bontang.training.catalogue import PROGRAMMES, SCHEMES, SKILLS
from bontang.training.models import (
    Certificate, CertificationScheme, Enrolment, EnrolmentResult, InstitutionKind, ProgrammeStatus, TrainingInstitution, TrainingProgramme,
)
from bontang.jobseekers.models import JobSeeker, Skill, SkillKind, job_seeker_skill

SEEKERS = 100_000
CERTIFICATES = 150_000
IMPORT_ROWS = 10_000
BATCH = 10_000
PASSWORD = "bench-password-1"
TODAY = date.today()


def _nik(n: int) -> str:
    return f"6474{n % 3 + 1:02d}{n % 28 + 1:02d}{n % 12 + 1:02d}{n:06d}"


def _catalogue():
    skills = [Skill(code=c, name=n, kind=SkillKind(k), area=a) for c, n, k, a in SKILLS]
    db.session.add_all(skills)
    by_code = {s.code: s for s in skills}
    schemes = [CertificationScheme(code=c, name=n, skills=[by_code[s] for s in codes]) for c, n, codes in SCHEMES]
    institution = TrainingInstitution(name="BLK Bench", kind=InstitutionKind.BLK, licence_number="B-1")
    programmes = [TrainingProgramme(institution=institution, title=t, skill_area=a, scheme=schemes[i % len(schemes)],
                                    hours=h, quota=0, status=ProgrammeStatus.FINISHED, start_date=TODAY,
                                    end_date=TODAY, skills=[by_code[c] for c in codes])
                  for i, (t, a, _s, codes, h, _i, _f, _n) in enumerate(PROGRAMMES)]
    db.session.add_all(schemes + programmes)
    db.session.flush()
    return skills, schemes, programmes


def _flush(table, rows: list) -> None:
    if rows:
        db.session.execute(insert(table), rows)
        rows.clear()


def _flush_all(seekers, links, enrolments, certificates) -> None:
    for table, rows in ((JobSeeker, seekers), (job_seeker_skill, links), (Enrolment, enrolments),
                        (Certificate, certificates)):
        _flush(table, rows)


def _certificates_of(rng, seeker_id: int, scheme_id: int, held: int, numbered: int) -> list[dict]:
    rows = []
    for k in range(1, held + 1):
        issued = TODAY - timedelta(days=rng.randint(30, 1500))
        rows.append({"job_seeker_id": seeker_id, "scheme_id": scheme_id, "number": f"B-{numbered + k:08d}",
                     "issue_date": issued, "valid_until": issued + timedelta(days=3 * 365), "registration_number": "",
                     "skkni_units": "", "verified": False, "created_at": datetime.now(), "updated_at": datetime.now()})
    return rows


def _seekers(rng, skills, schemes, programmes) -> None:
    seekers, links, enrolments, certificates = [], [], [], []
    cert_no = 0
    for n in range(1, SEEKERS + 1):
        nik = _nik(n)
        programme = programmes[n % len(programmes)]
        held = 0 if n % 10 < 3 else (1 if n % 2 else 2)
        chosen = {s.id: s.name for s in rng.sample(skills, 3)} | {s.id: s.name for s in programme.skills}
        names = " ".join(chosen.values())
        name = f"Pencari {n} {rng.choice(['Budi', 'Siti', 'Andi'])}"
        made = _certificates_of(rng, n, programme.scheme_id, held, cert_no)
        certificates += made
        cert_no += held
        best = max((c["valid_until"] for c in made), default=None)
        seekers.append({"id": n, "nik_cipher": "bench", "nik_digest": nik_codec.digest(nik), "nik_tail": nik[-4:],
                        "ak1_number": f"AK1/B/{n:07d}", "name": name,
                        "birth_date": date(1995, 1, 1), "sex": "L", "registered_at": TODAY,
                        "has_bontang_ktp": n % 5 != 0, "employment_status": "employed" if n % 9 == 0 else "available",
                        "consent_to_share": n % 7 != 0, "is_graduate": n % 10 >= 2, "best_valid_until": best,
                        "certificate_count": held, "education_level": "SMK", "field_of_study": "Teknik",
                        "search_text": f"{name} smk teknik {names} {programme.title}".lower()})
        links += [{"job_seeker_id": n, "skill_id": s} for s in chosen]
        if n % 10 >= 2:
            enrolments.append({"programme_id": programme.id, "job_seeker_id": n, "result": EnrolmentResult.PASSED,
                               "enrolled_at": datetime.now()})
        if len(seekers) == BATCH:
            _flush_all(seekers, links, enrolments, certificates)
    _flush_all(seekers, links, enrolments, certificates)
    _top_up_certificates(rng, cert_no)


def _top_up_certificates(rng, made: int) -> None:
    rows = [{"job_seeker_id": rng.randint(1, SEEKERS), "scheme_id": 1, "number": f"T-{k:08d}", "issue_date": TODAY,
             "valid_until": TODAY + timedelta(days=700), "registration_number": "", "skkni_units": "",
             "verified": False, "created_at": datetime.now(), "updated_at": datetime.now()}
            for k in range(CERTIFICATES - made)]
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(Certificate), rows[start:start + BATCH])


def _hr_user() -> None:
    company = Company(name="PT Bench", legal_form="PT", nib="9999999999999", category=CompanyCategory.INDUSTRY)
    db.session.add(company)
    db.session.flush()
    db.session.add_all([
        User(email="hr@bench.example.com", name="HR", role=Role.COMPANY_HR, company_id=company.id,
             password_hash=generate_password_hash(PASSWORD, method="scrypt:1024:8:1")),
        User(email="staff@bench.example.com", name="Staff", role=Role.STAFF,
             password_hash=generate_password_hash(PASSWORD, method="scrypt:1024:8:1"))])


def _fix_sequences() -> None:
    if db.engine.dialect.name == "postgresql":
        db.session.execute(db.text("SELECT setval('job_seeker_id_seq', (SELECT max(id) FROM job_seeker))"))


def _vacuum() -> None:
    """What autovacuum does on a live database: visibility map and planner statistics."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(db.text("VACUUM ANALYZE" if conn.dialect.name == "postgresql" else "ANALYZE"))


def _build(app) -> tuple[dict, list]:
    rng = random.Random(7)
    with app.app_context():
        started = time.perf_counter()
        skills, schemes, programmes = _catalogue()
        _seekers(rng, skills, schemes, programmes)
        _hr_user()
        _fix_sequences()
        db.session.commit()
        _vacuum()
        report("data built", {"seconds": time.perf_counter() - started, "job_seekers": SEEKERS,
                              "certificates": db.session.scalar(select(db.func.count(Certificate.id)))})
        weld = db.session.scalar(select(Skill.id).where(Skill.code == "LS-SMAW"))
        k3 = db.session.scalar(select(Skill.id).where(Skill.code == "K3-UMM"))
        scheme = db.session.scalar(select(CertificationScheme.id).where(CertificationScheme.code == "SKM-LAS-SMAW-3G"))
        return {"weld": weld, "k3": k3, "scheme": scheme}, [p.id for p in programmes]


def _searches(app, ids: dict) -> None:
    client = app.test_client()
    client.post("/masuk", data={"email": "hr@bench.example.com", "password": PASSWORD})
    engine = None
    with app.app_context():
        engine = db.engine
    cases = [("skill + text", f"/lulusan?keahlian={ids['weld']}&q=pengelasan"),
             ("skill + text (htmx page 3)", f"/lulusan?keahlian={ids['k3']}&q=budi&page=3"),
             ("skill + valid + local + available", f"/lulusan?keahlian={ids['weld']}&berlaku=1&lokal=1&tersedia=1"),
             ("scheme + text", f"/lulusan?skema={ids['scheme']}&q=siti"),
             ("no filter", "/lulusan"), ("text only, rare", "/lulusan?q=pencari 99999")]
    for name, url in cases:
        headers = {"HX-Request": "true"} if "htmx" in name else {}

        def fetch(url=url, headers=headers):
            response = client.get(url, headers=headers)
            assert response.status_code == 200, (url, response.status_code)

        with count_queries(engine) as queries:
            fetch()
        report(f"search {name}", {**time_calls(fetch, repeat=40), "queries": queries[0]})


def _import_csv() -> bytes:
    lines = ["nik,nomor_sertifikat,kode_skema,tanggal_terbit,berlaku_sampai"]
    lines += [f"{_nik(n)},IMP-{n:07d},SKM-LAS-SMAW-3G,2025-06-30,2028-06-29" for n in range(1, IMPORT_ROWS + 1)]
    return ("\n".join(lines) + "\n").encode()


def _import(app, programme_ids: list[int]) -> None:
    from bontang.training.models import ImportBatch

    with app.app_context():
        programme = TrainingProgramme(institution_id=1, title="Impor Bench", skill_area="Las", scheme_id=1, hours=10,
                                      quota=0, status=ProgrammeStatus.FINISHED)
        db.session.add(programme)
        db.session.flush()
        db.session.execute(insert(Enrolment), [{"programme_id": programme.id, "job_seeker_id": n,
                                                "result": EnrolmentResult.PASSED, "enrolled_at": datetime.now()}
                                               for n in range(1, IMPORT_ROWS + 1)])
        db.session.commit()
        programme_id = programme.id
    data = _import_csv()
    client = app.test_client()
    client.post("/masuk", data={"email": "staff@bench.example.com", "password": PASSWORD})
    started = time.perf_counter()
    upload = client.post(f"/pelatihan/{programme_id}/impor", content_type="multipart/form-data",
                         data={"kind": "sertifikat", "file": (io.BytesIO(data), "bench.csv")})
    assert upload.status_code == 303, upload.get_data(as_text=True)[:2000]
    uploaded = time.perf_counter()
    batch_id = int(upload.headers["Location"].rstrip("/").split("/")[-1])
    assert client.get(f"/impor/{batch_id}").status_code == 200
    previewed = time.perf_counter()
    applied = client.post(f"/impor/{batch_id}/terapkan")
    assert applied.status_code == 303, applied.status_code
    done = time.perf_counter()
    with app.app_context():
        made = db.session.scalar(select(db.func.count(Certificate.id)).where(Certificate.number.like("IMP-%")))
        assert db.session.get(ImportBatch, batch_id).applied_at is not None
    report("import 10,000 certificates", {"upload_check_s": uploaded - started, "preview_s": previewed - uploaded,
                                          "apply_s": done - previewed, "total_s": done - started, "created": made})


def run() -> None:
    app = bench_app()
    ids, programme_ids = _build(app)
    _searches(app, ids)
    _import(app, programme_ids)
