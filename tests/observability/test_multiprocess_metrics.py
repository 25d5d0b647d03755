"""With PROMETHEUS_MULTIPROC_DIR set (several gunicorn workers), one worker's scrape shows every worker's latencies."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = textwrap.dedent("""
    import sys
    from bontang import create_app
    from bontang.extensions import db
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": sys.argv[1], "AUDIT_KEY": "k", "SECRET_KEY": "s",
                      "LOG_LEVEL": "WARNING"})
    with app.app_context():
        db.create_all()
    client = app.test_client()
    if sys.argv[2] == "serve":
        for _ in range(3):
            assert client.get("/healthz").status_code == 200
    else:
        sys.stdout.write(client.get("/metrics").get_data(as_text=True))
""")


def _run(tmp_path: Path, role: str) -> str:
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"), "PYTHONPATH": str(ROOT),
           "TASK_QUEUE_URL": f"sqlite:///{tmp_path / 'tasks.db'}"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, f"sqlite:///{tmp_path / 'app.db'}", role], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_a_scrape_merges_the_latencies_of_other_worker_processes(tmp_path):
    (tmp_path / "metrics").mkdir()
    _run(tmp_path, "serve")  # one worker process answers three requests, then exits
    _run(tmp_path, "serve")  # a second one, three more
    text = _run(tmp_path, "scrape")  # a third process answers the scrape
    assert 'bontang_request_duration_seconds_count{endpoint="main.healthz",method="GET"} 6.0' in text
    assert "bontang_task_queue_depth 0.0" in text
