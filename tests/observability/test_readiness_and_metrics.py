"""/readyz follows the worker (a real consumer started and stopped), the broker and the queue; /metrics
shows the queue filling while no worker runs; both are for operators only where they must be."""
from __future__ import annotations

import re
import time

import pytest

from bontang.accounts.models import Role
from bontang.tasks import jobs as tasks
from bontang.tasks.queue import HEARTBEAT_KEY, beat, huey
from tests.processes import Worker, wait_until


def metric(client, name: str) -> float:
    text = client.get("/metrics").get_data(as_text=True)
    match = re.search(rf"^{name} (\S+)$", text, re.M)
    assert match, f"{name} missing from /metrics:\n{text}"
    return float(match.group(1))


@pytest.fixture
def worker(app, tmp_path):
    process = Worker(app, tmp_path, workers=1)
    yield process
    process.stop()


def test_readyz_is_ok_with_a_fresh_heartbeat_and_names_each_check(client):
    beat()
    response = client.get("/readyz")
    assert response.status_code == 200, response.json
    body = response.json
    assert body["queue_depth"] == 0
    assert set(body["checks"]) == {"database", "broker", "worker", "queue", "backup"}
    # No backup yet: reported and "degraded", but the site stays in service.
    assert body["status"] == "degraded" and body["checks"]["backup"] == {"ok": False, "error": "no_backup"}


def test_readyz_is_ok_once_a_recent_backup_exists(app, client, tmp_path, monkeypatch):
    from bontang.backup.archive import create_backup

    monkeypatch.setitem(app.config, "BACKUP_DIR", str(tmp_path / "backups"))
    create_backup()
    beat()
    body = client.get("/readyz").json
    assert body["status"] == "ok" and body["checks"]["backup"] == {"ok": True}
    assert body["last_backup_age"] is not None and body["last_backup_age"] < 60


def test_readyz_is_unavailable_before_any_worker_reported(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"]["worker"] == {"ok": False, "error": "no_heartbeat"}


def test_readyz_turns_unavailable_when_the_worker_stops(app, client, worker, monkeypatch):
    monkeypatch.setitem(app.config, "READY_HEARTBEAT_MAX_AGE", 4)
    worker.start()
    wait_until(lambda: huey.get(HEARTBEAT_KEY, peek=True) is not None, timeout=60, what="the worker's first heartbeat",
               log=worker.log)
    assert client.get("/readyz").status_code == 200
    worker.stop()
    wait_until(lambda: client.get("/readyz").status_code == 503, timeout=30, what="/readyz to notice the stopped worker")
    body = client.get("/readyz").json
    assert body["checks"]["worker"] == {"ok": False, "error": "heartbeat_too_old"}
    assert body["worker_heartbeat_age"] >= 4  # rounded to 0.1 s


def test_a_queue_deeper_than_the_limit_is_not_ready(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "READY_QUEUE_MAX", 2)
    beat()
    for n in range(3):
        tasks.deliver_mail(n + 1000)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json["checks"]["queue"]["error"] == "queue_too_deep"


def test_metrics_show_the_queue_rising_while_no_worker_runs(client):
    assert metric(client, "bontang_task_queue_depth") == 0
    for n in range(5):
        tasks.deliver_mail(n + 1000)  # enqueued; nobody takes them
    assert metric(client, "bontang_task_queue_depth") == 5
    huey.put(HEARTBEAT_KEY, time.time() - 600)
    assert metric(client, "bontang_worker_heartbeat_age_seconds") >= 600
    assert metric(client, "bontang_ready") == 0


def test_metrics_count_failed_jobs_pending_seals_and_mail_failures(client):
    from bontang.mail import queue_mail
    from bontang.extensions import db
    from bontang.jobs.models import Job, JobKind, JobStatus
    from tests.mou.factories import make_countersigned

    make_countersigned()
    message = queue_mail("x@example.com", "Uji", "invitation", kind="test", name="X", url="http://localhost/")
    message.error, message.attempts = "SMTP refused", 1
    db.session.add(Job(kind=JobKind.MOU_ARCHIVE, status=JobStatus.FAILED, message="disk full"))
    db.session.commit()
    assert metric(client, "bontang_jobs_failed") == 1
    assert metric(client, "bontang_seals_pending") == 1
    assert metric(client, "bontang_mail_failures") == 1


def test_request_latency_is_a_histogram_by_endpoint(client):
    client.get("/healthz")
    text = client.get("/metrics").get_data(as_text=True)
    assert re.search(r'^bontang_request_duration_seconds_count\{endpoint="main.healthz",method="GET"\} [1-9]', text, re.M)
    assert 'bontang_request_duration_seconds_bucket{endpoint="main.healthz",le="0.005",method="GET"}' in text


def test_metrics_are_refused_to_other_machines_without_a_token(client):
    response = client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert response.status_code == 403


def test_with_a_token_metrics_need_it_even_from_this_machine(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "METRICS_TOKEN", "s3cret-scrape-token")
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 403
    response = client.get("/metrics", headers={"Authorization": "Bearer s3cret-scrape-token"},
                          environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert response.status_code == 200 and b"bontang_task_queue_depth" in response.data


def test_the_admin_status_page_shows_the_checks_and_figures(client, login_as):
    login_as(Role.ADMIN)
    home = client.get("/").get_data(as_text=True)
    assert 'href="/admin/status"' in home  # a menu entry for the admin
    for n in range(3):
        tasks.deliver_mail(n + 1000)
    page = client.get("/admin/status").get_data(as_text=True)
    assert "Status sistem" in page and "Tidak siap" in page and "worker belum pernah melapor" in page
    assert re.search(r"Tugas menunggu di antrean</th><td class=\"num\">3<", page)


@pytest.mark.parametrize("role", [Role.STAFF, Role.OFFICIAL, Role.COMPANY_REP, Role.TRAINER])
def test_only_the_admin_opens_the_status_page(client, login_as, role):
    login_as(role)
    assert client.get("/admin/status").status_code == 403
    assert 'href="/admin/status"' not in client.get("/").get_data(as_text=True)


def test_the_status_page_in_english(client, login_as):
    login_as(Role.ADMIN)
    client.post("/bahasa", data={"locale": "en"})
    html = client.get("/admin/status").get_data(as_text=True)
    for text in ("System status", "Not ready", "Background worker", "Jobs waiting in the queue", "no worker has reported yet"):
        assert text in html
    assert "Tidak siap" not in html and "Status sistem" not in html
