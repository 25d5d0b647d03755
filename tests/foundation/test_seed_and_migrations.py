"""The demo seed and the Alembic migrations, on the configured database."""
import os
import tempfile

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from bontang import create_app
from bontang.accounts.models import Company, CompanyCategory, Role, User
from bontang.extensions import db
from bontang.seed import DEMO_PASSWORD


def test_seed_demo_creates_the_partners_and_demo_logins(client, runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count(Company.id))) == 124
    categories = dict(db.session.execute(select(Company.category, func.count()).group_by(Company.category)).all())
    assert set(categories) == set(CompanyCategory)
    assert db.session.scalar(select(func.count(Company.id)).where(Company.is_demo.is_(False))) == 0
    for email, role in [("admin@disnaker.example.com", Role.ADMIN), ("petugas@disnaker.example.com", Role.STAFF),
                        ("kadis@disnaker.example.com", Role.OFFICIAL), ("blk@pelatihan.example.com", Role.TRAINER),
                        ("wakil124@mitra.example.com", Role.COMPANY_REP), ("hrd001@mitra.example.com", Role.COMPANY_HR)]:
        assert db.session.scalar(select(User.role).where(User.email == email)) == role
    response = client.post("/masuk", data={"email": "hrd001@mitra.example.com", "password": DEMO_PASSWORD})
    assert response.status_code == 303


def _fresh_database_url() -> tuple[str, callable]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{tempfile.mkdtemp()}/migrations.db", lambda: None
    url = make_url(base).set(drivername="postgresql+psycopg")
    name = f"{url.database}_mig_{os.getpid()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url.set(database=name).render_as_string(hide_password=False), drop


def test_migrations_build_the_same_schema_as_the_models():
    url, drop = _fresh_database_url()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "TESTING": True})
    try:
        with app.app_context():
            upgrade()
            with db.engine.connect() as conn:
                diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)
            assert diff == [], f"models and migrations differ; run `make migrations-refresh`: {diff}"
            db.engine.dispose()
    finally:
        drop()
