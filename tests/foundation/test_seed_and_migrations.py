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


def _plain_chain(conn, count: int) -> None:
    """Events as the release before the keyed chain wrote them (plain SHA-256)."""
    import hashlib
    from datetime import datetime

    from sqlalchemy import text

    from bontang.audit import AuditEvent

    prev = "0" * 64
    for seq in range(1, count + 1):
        event = AuditEvent(seq=seq, created_at=datetime(2026, 11, 1, 8, seq), actor_id=None, actor_label="",
                           action="test.event", object_type="", object_id="", company_id=None, ip="127.0.0.1",
                           user_agent="uji", details={"n": seq}, prev_hash=prev)
        event.hash = hashlib.sha256((prev + event.payload()).encode()).hexdigest()
        conn.execute(text("INSERT INTO audit_event (seq, created_at, actor_label, action, object_type, object_id, ip, "
                          "user_agent, details, prev_hash, hash) VALUES (:seq, :created_at, '', 'test.event', '', '', "
                          "'127.0.0.1', 'uji', :details, :prev, :hash)"),
                     {"seq": seq, "created_at": event.created_at, "details": '{"n": %d}' % seq, "prev": prev,
                      "hash": event.hash})
        prev = event.hash
    conn.execute(text("INSERT INTO audit_head (id, seq, last_hash) VALUES (1, :seq, :hash)"), {"seq": count, "hash": prev})


def test_upgrading_a_plain_audit_chain_rekeys_it_and_refuses_a_broken_one():
    import pytest
    from flask_migrate import upgrade as upgrade_to
    from sqlalchemy import text

    from bontang import audit

    for broken in (False, True):
        url, drop = scratch_database(f"rekey{int(broken)}")
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "AUDIT_KEY": "kunci", "TESTING": True})
        try:
            with app.app_context():
                upgrade_to(revision="0009_task_queue")
                with db.engine.begin() as conn:
                    _plain_chain(conn, 7)
                    if broken:
                        conn.execute(text("UPDATE audit_event SET ip = '10.0.0.1' WHERE seq = 4"))
                if broken:
                    with pytest.raises(SystemExit):  # Flask-Migrate reports the RuntimeError and exits 1
                        upgrade_to()
                    with db.engine.connect() as conn:
                        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0009_task_queue"
                else:
                    upgrade_to()
                    check = audit.verify_chain()
                    assert check.intact and check.checked == 7, check.problem
                db.session.remove()
                db.engine.dispose()
        finally:
            drop()
