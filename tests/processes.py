"""Real worker processes for tests: `huey_consumer` on the test's database and the test's queue."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class Worker:
    """Starts, stops and kills `huey_consumer bontang.tasks.worker.huey` like an operator would."""

    def __init__(self, app, log_dir: Path, workers: int = 2):
        self.env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
                    "SECRET_KEY": app.config["SECRET_KEY"], "AUDIT_KEY": app.config["AUDIT_KEY"], "APP_ENV": "testing",
                    "INSTANCE_PATH_OVERRIDE": app.config["INSTANCE_DIR"], "BASE_URL": app.config["BASE_URL"],
                    "SIGNING_TSA_URL": app.config.get("SIGNING_TSA_URL", "")}
        self.log_dir, self.workers, self.process, self.starts = log_dir, workers, None, 0

    def start(self) -> None:
        self.starts += 1
        log = open(self.log_dir / f"worker-{self.starts}.log", "w")
        consumer = Path(sys.executable).parent / "huey_consumer"
        self.process = subprocess.Popen(
            [str(consumer), "bontang.tasks.worker.huey", "--workers", str(self.workers), "--worker-type", "process",
             "--delay", "0.05", "--max-delay", "0.2"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def kill9(self) -> None:
        """SIGKILL the consumer and every worker process it forked, mid-job or not."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill9()

    def log(self) -> str:
        return "\n".join(p.read_text()[-3000:] for p in sorted(self.log_dir.glob("worker-*.log")))


def wait_until(predicate, *, timeout: float, what: str, log=lambda: "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            print(f"waited {timeout - (deadline - time.monotonic()):.1f} s for {what}")
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}\n{log()}")
