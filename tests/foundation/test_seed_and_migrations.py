"""The demo seed and the Alembic migrations, on the configured database."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import func, select

from bontang import create_app
from bontang.accounts.models import Company, CompanyCategory, Role, User
from bontang.extensions import created_on, db
from bontang.seed import DEMO_PASSWORD
from tests.scratch_db import scratch_database


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


def test_migrations_build_the_same_schema_as_the_models():
    url, drop = scratch_database("migrations")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "TESTING": True})
    try:
        with app.app_context():
            upgrade()
            with db.engine.connect() as conn:
                opts = {"compare_type": True, "include_object": created_on(conn.dialect.name)}
                diff = compare_metadata(MigrationContext.configure(conn, opts=opts), db.metadata)
            assert diff == [], f"models and migrations differ; run `make migrations-refresh`: {diff}"
            db.engine.dispose()
    finally:
        drop()
