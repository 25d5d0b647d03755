"""Demo data: 124 fictional partner companies, their users and Disnaker's accounts.

Every feature may add its own demo data in `bontang/<feature>/seed.py` with a function
`seed(ctx: SeedContext)`; they run in FEATURE_SEEDS order after the core data.
"""
from __future__ import annotations

import importlib
import random
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from bontang import audit
from bontang.accounts.models import Company, CompanyCategory, Role, User
from bontang.extensions import db
from bontang.training.models import InstitutionKind, TrainingInstitution
from bontang.reference import KELURAHAN

# The published demo password (seed-demo is refused in production).
DEMO_PASSWORD = "bontang-demo-2025"  # noqa: S105  # nosec
FEATURE_SEEDS = ("training", "mou", "hiring", "reports", "workforce")

INDUSTRY = [
    ("Petrokimia", "20117"), ("Pupuk", "20121"), ("Gas Alam Cair", "06200"), ("Batu Bara", "05100"),
    ("Konstruksi", "42911"), ("Fabrikasi Baja", "25111"), ("Jasa Pemeliharaan Pabrik", "33120"),
    ("Kelistrikan", "35101"), ("Pelabuhan", "52221"), ("Amonia", "20114"),
]
BUSINESS = [
    ("Perhotelan", "55110"), ("Ritel", "47111"), ("Logistik", "49431"), ("Katering", "56210"),
    ("Perbankan", "64121"), ("Kuliner", "56101"), ("Bengkel Alat Berat", "33121"), ("Percetakan", "18111"),
]
HOSPITAL = [("Rumah Sakit", "86103")]
NAME_PARTS = ["Bontang", "Khatulistiwa", "Taman", "Borneo", "Mahakam", "Etam", "Badak", "Tanjung", "Kutai",
              "Lestari", "Samudra", "Nusantara", "Andalas", "Cahaya", "Benua", "Sinar", "Mitra", "Berbas"]
HOSPITAL_NAMES = ["Amalia", "Islam Bontang", "Pupuk Kaltim", "LNG Badak", "Bhayangkara Mitra", "Ibu dan Anak Permata",
                  "Cahaya Medika", "Sehat Bersama"]


@dataclass
class SeedContext:
    """What feature seeds receive: the demo companies and users, and a seeded random."""

    companies: list[Company]
    users: dict[str, User]
    rng: random.Random
    password_hash: str
    extra: dict = field(default_factory=dict)


def database_is_empty() -> bool:
    return not db.session.scalar(select(func.count(Company.id))) and not db.session.scalar(select(func.count(User.id)))


def seed_demo() -> SeedContext:
    """Create the demo data set; refuses in production and on a non-empty database."""
    if current_app.config["APP_ENV"] == "production":
        raise RuntimeError("seed-demo is refused when APP_ENV=production")
    if not database_is_empty():
        raise RuntimeError("the database already holds data; seed-demo only fills an empty database")
    rng = random.Random(2025)  # noqa: S311  # nosec
    password_hash = generate_password_hash(DEMO_PASSWORD, method="scrypt")
    institution = TrainingInstitution(name="UPTD Balai Latihan Kerja (BLK) Bontang", kind=InstitutionKind.BLK,
                                      licence_number="BLK-KT-6474-001", address="Jl. Brigjend Katamso, Bontang")
    db.session.add(institution)
    db.session.flush()
    users = {
        "admin": _user("admin@disnaker.example.com", "Rahmawati Admin", "Administrator Sistem", Role.ADMIN, password_hash),
        "staff": _user("petugas@disnaker.example.com", "Hendra Saputra", "Pengantar Kerja Ahli Muda", Role.STAFF, password_hash),
        "official": _user("kadis@disnaker.example.com", "Drs. Suhardi Rahman", "Kepala Dinas Ketenagakerjaan", Role.OFFICIAL, password_hash,
                          office="kepala_dinas"),
        "vice_mayor": _user("wawali@pemkot.example.com", current_app.config["VICE_MAYOR_NAME"], "Wakil Wali Kota Bontang",
                            Role.OFFICIAL, password_hash, office="wakil_wali_kota"),
        "mayor": _user("walikota@pemkot.example.com", "Neni Moerniaeni", "Wali Kota Bontang", Role.OFFICIAL,
                       password_hash, office="wali_kota"),
        "trainer": _user("blk@pelatihan.example.com", "Siti Aminah", "Koordinator Pelatihan", Role.TRAINER, password_hash,
                         institution_id=institution.id),
    }
    companies = [_company(number, rng) for number in range(1, 125)]
    db.session.add_all(companies)
    db.session.flush()
    for number, company in enumerate(companies, start=1):
        users[f"rep{number:03d}"] = _user(f"wakil{number:03d}@mitra.example.com", f"Wakil {company.name}", "Direktur",
                                          Role.COMPANY_REP, password_hash, company_id=company.id)
        users[f"hrd{number:03d}"] = _user(f"hrd{number:03d}@mitra.example.com", f"HRD {company.name}", "Manajer SDM",
                                          Role.COMPANY_HR, password_hash, company_id=company.id)
    db.session.add_all(users.values())
    db.session.flush()
    audit.record("demo.seeded", details={"companies": len(companies), "users": len(users)})
    ctx = SeedContext(companies=companies, users=users, rng=rng, password_hash=password_hash)
    ctx.extra["institution"] = institution
    for name in FEATURE_SEEDS:
        try:
            module = importlib.import_module(f"bontang.{name}.seed")
        except ModuleNotFoundError as error:
            if error.name != f"bontang.{name}.seed":
                raise
            continue
        module.seed(ctx)
        db.session.flush()
    return ctx


def _user(email, name, position, role, password_hash, **extra) -> User:
    return User(email=email, name=name, position=position, role=role, password_hash=password_hash, **extra)


def _company(number: int, rng: random.Random) -> Company:
    if number <= 60:
        category, (sector, kbli) = CompanyCategory.INDUSTRY, INDUSTRY[number % len(INDUSTRY)]
        name = f"PT {rng.choice(NAME_PARTS)} {sector} {rng.choice(NAME_PARTS)}"
        local, nonlocal_ = rng.randint(80, 900), rng.randint(10, 320)
    elif number <= 116:
        category, (sector, kbli) = CompanyCategory.BUSINESS, BUSINESS[number % len(BUSINESS)]
        form = rng.choice(["PT", "CV"])
        name = f"{form} {sector} {rng.choice(NAME_PARTS)} {rng.choice(NAME_PARTS)}"
        local, nonlocal_ = rng.randint(8, 150), rng.randint(0, 40)
    else:
        category, (sector, kbli) = CompanyCategory.PRIVATE_HOSPITAL, HOSPITAL[0]
        name = f"RS {HOSPITAL_NAMES[number - 117]}"
        local, nonlocal_ = rng.randint(120, 480), rng.randint(10, 90)
    return Company(
        name=f"{name} ({number:03d})",
        legal_form=name.split()[0] if name.split()[0] in ("PT", "CV") else "PT",
        nib=f"9{number:03d}{rng.randint(10**8, 10**9 - 1)}",
        npwp=f"{rng.randint(10, 99)}.{rng.randint(100, 999)}.{rng.randint(100, 999)}.{rng.randint(1, 9)}-724.000",
        kbli=kbli, sector=sector, category=category,
        address=f"Jl. {rng.choice(['Ahmad Yani', 'MT Haryono', 'Letjen S. Parman', 'Bhayangkara', 'Pupuk Raya', 'Cipto Mangunkusumo', 'Imam Bonjol'])} No. {rng.randint(1, 220)}",
        kelurahan=rng.choice(KELURAHAN), headcount_local=local, headcount_nonlocal=nonlocal_, is_demo=True,
    )
