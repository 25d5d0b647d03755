"""Audit hash chain and its CLI check, the outbox, SMTP delivery, demo seed and admin CLI."""
from sqlalchemy import func, select, update

from bontang import audit
from bontang.accounts.models import Company, User
from bontang.audit import AuditEvent
from bontang.extensions import db
from bontang.mail import OutboxMessage, queue_mail
from tests import factories


def test_every_change_is_chained_and_verifies(client, login_as, runner):
    login_as("staff")
    factories.make_company()
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert len(events) >= 3
    assert events[0].prev_hash == "0" * 64
    for before, after in zip(events, events[1:]):
        assert after.prev_hash == before.hash and after.seq == before.seq + 1
    result = runner.invoke(args=["audit-verify"])
    assert result.exit_code == 0 and f"{len(events)} events" in result.output


def test_audit_verify_names_the_first_tampered_event(runner):
    for n in range(4):
        audit.record("test.event", details={"n": n})
    db.session.commit()
    third = db.session.scalar(select(AuditEvent).where(AuditEvent.seq == 3))
    db.session.execute(update(AuditEvent).where(AuditEvent.id == third.id).values(details={"n": 99}))
    db.session.commit()
    result = runner.invoke(args=["audit-verify"])
    assert result.exit_code == 1
    assert "seq=3" in result.output and "2 events before it are intact" in result.output


def test_audit_event_records_request_details(client, login_as):
    staff = login_as("staff")
    client.post("/kelola/perusahaan/baru", headers={"User-Agent": "UjiBrowser/1.0"},
                data={"name": "PT Audit", "legal_form": "PT", "nib": "5555555555555", "category": "industri",
                      "address": "Jl. A", "kelurahan": "Api-Api", "headcount_local": 1, "headcount_nonlocal": 0})
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "company.created"))
    assert event.actor_id == staff.id and event.ip == "127.0.0.1" and event.user_agent == "UjiBrowser/1.0"
    assert event.company_id == db.session.scalar(select(Company.id).where(Company.nib == "5555555555555"))


def test_admin_reads_the_outbox_and_audit_log(client, login_as):
    login_as("admin")
    factories.make_user("company_hr")
    queue_mail("a@example.com", "Subjek <uji>", "reset", name="Ani", link="http://x/y", hours=2)
    db.session.commit()
    message = db.session.scalar(select(OutboxMessage))
    html = client.get("/admin/kotak-keluar").get_data(as_text=True)
    assert "Subjek &lt;uji&gt;" in html
    assert "http://x/y" in client.get(f"/admin/kotak-keluar/{message.id}").get_data(as_text=True)
    assert "user.created" in client.get("/admin/audit?aksi=user.").get_data(as_text=True)


def test_create_admin_cli(runner):
    result = runner.invoke(args=["create-admin", "--email", "Kepala@Example.com", "--name", "Kepala"],
                           input="kata-sandi-admin-1\nkata-sandi-admin-1\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "kepala@example.com"))
    assert user.role.value == "admin" and user.password_hash
    weak = runner.invoke(args=["create-admin", "--email", "b@example.com", "--name", "B"], input="pendek\npendek\n")
    assert weak.exit_code != 0 and "minimal 10 karakter" in weak.output


def test_seed_demo_refused_in_production_and_on_data(app, runner):
    app.config["APP_ENV"] = "production"
    try:
        result = runner.invoke(args=["seed-demo"])
    finally:
        app.config["APP_ENV"] = "testing"
    assert result.exit_code != 0 and "production" in result.output
    factories.make_company()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code != 0 and "already holds data" in result.output
    assert runner.invoke(args=["seed-demo", "--if-empty"]).exit_code == 0
    assert db.session.scalar(select(func.count(Company.id))) == 1


def test_events_of_one_transaction_chain_on_through_a_rolled_back_savepoint(runner):
    audit.record("test.first")
    try:
        with db.session.begin_nested():
            audit.record("test.undone")
            raise RuntimeError("roll this savepoint back")
    except RuntimeError:
        pass
    audit.record("test.second")
    audit.record("test.third")
    db.session.commit()
    audit.record("test.next_transaction")
    db.session.commit()
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
    assert actions == ["test.first", "test.second", "test.third", "test.next_transaction"]
    assert [e.seq for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.seq))] == [1, 2, 3, 4]
    assert runner.invoke(args=["audit-verify"]).exit_code == 0
