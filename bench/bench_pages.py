"""Every main page under load, as in production: gunicorn with 4 workers, wrk with 16 connections.

For each database (PostgreSQL first, SQLite as a second column) and each of two scales (1/10 and
full data; `BENCH_SCALE=0.1` runs 1/100 and 1/10 with shorter runs, for a run of a few minutes),
the data set of bench/dataset.py is generated, the dashboard figures are refreshed as the task
queue would, and then, against one server, wrk measures /healthz, a bare Flask hello-world and
every page of bench/pages.py. Reported per page: requests/s, p99 latency, the ratio to /healthz,
growth (time per request at the larger scale over the smaller), SQL statements per request (one
request through the WSGI app in-process), and the workers' peak memory. Then the XLSX export of
every job seeker is downloaded from a one-worker server and that worker's peak memory read.
The results are written to BENCHMARKS.md.

Settings: BENCH_SCALE (1 or 0.1), BENCH_DATABASES ("postgresql,sqlite"), BENCH_PG_URL (a database that is
dropped and recreated; default bontang_bench_<port> on 127.0.0.1), BENCH_SECONDS (per page), BENCH_PORT (5014).
"""
from __future__ import annotations

import http.cookiejar
import io
import os
import platform
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from bench.common import count_queries
from bench.dataset import PASSWORD, fresh_app, generate
from bench.pages import main_pages
from bontang.config import ROOT
from bontang.extensions import db

CONNECTIONS, WORKERS = 16, 4
TARGET_RATIO, TARGET_P99_MS, TARGET_GROWTH, EXPORT_LIMIT_MB = 0.15, 150.0, 1.5, 250
BASELINES = [("/healthz", None, "/healthz"), ("bare Flask hello-world", None, "/bare-hello/")]


def _settings() -> dict:
    quick = float(os.environ.get("BENCH_SCALE", "1")) < 1
    port = int(os.environ.get("BENCH_PORT", "5014"))
    return {"scales": (0.01, 0.1) if quick else (0.1, 1.0), "quick": quick,
            "seconds": int(os.environ.get("BENCH_SECONDS", "4" if quick else "8")),
            "databases": os.environ.get("BENCH_DATABASES", "postgresql,sqlite").split(","),
            "pg": os.environ.get("BENCH_PG_URL", f"postgresql+psycopg://postgres@127.0.0.1:5432/bontang_bench_{port}"),
            "port": port}


def _url(kind: str, settings: dict) -> str:
    if kind == "postgresql":
        return settings["pg"]
    return f"sqlite:///{tempfile.gettempdir()}/bontang-bench-{settings['port']}.db"


class Server:
    """gunicorn serving bench.wsgi on loopback; stopped by its own pid."""

    def __init__(self, database_url: str, port: int, workers: int = WORKERS):
        env = {**os.environ, "DATABASE_URL": database_url, "APP_ENV": "production", "SECRET_KEY": "bench",
               "AUDIT_KEY": "bench-audit", "NIK_KEY": os.environ.get("NIK_KEY", "bench-nik"),
               # Production refuses per-worker rate-limit counters; the bench does not count (RATELIMIT_ENABLED=0).
               "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/8", "TASK_QUEUE_URL": "redis://127.0.0.1:6379/8",
               "SESSION_COOKIE_SECURE": "0", "RATELIMIT_ENABLED": "0", "BASE_URL": f"http://127.0.0.1:{port}"}
        self.base = f"http://127.0.0.1:{port}"
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "--workers", str(workers), "--bind",
                                         f"127.0.0.1:{port}", "--timeout", "300", "bench.wsgi:app"],
                                        cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2).read()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def worker_pids(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    def peak_worker_mb(self) -> float:
        peaks = []
        for pid in self.worker_pids():
            match = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
            peaks.append(int(match.group(1)) / 1024 if match else 0)
        return max(peaks, default=0.0)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _cpu_ticks(pids) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


def _pg_backends(database_url: str) -> list[int]:
    """Process ids of the PostgreSQL backends serving the bench database (same machine)."""
    if not database_url.startswith("postgresql"):
        return []
    from sqlalchemy.engine import make_url

    name = make_url(database_url).database
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc",
                          f"SELECT pid FROM pg_stat_activity WHERE datname = '{name}'"], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def login_cookie(base: str, email: str | None) -> str:
    """The session cookie of `email` after logging in through the real form (CSRF included)."""
    if email is None:
        return ""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base + "/masuk").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"email": email, "password": PASSWORD, "csrf_token": token}).encode()
    opener.open(base + "/masuk", data=data).read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def wrk(url: str, cookie: str, seconds: int, connections: int = CONNECTIONS) -> dict:
    """One wrk run; requests/s, p99 in ms and the number of failed (non-2xx/3xx) responses."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    failed = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": rps, "p99_ms": p99_ms, "failed": int(failed.group(1)) if failed else 0, "requests": requests,
            "socket_errors": errors.group(0) if errors else ""}


def measured(server: Server, database_url: str, url: str, cookie: str, seconds: int) -> dict:
    """A wrk run plus the CPU time the app workers and the database backends spent per request.

    CPU time per request does not depend on what else the machine runs (wall-clock rates do).
    """
    workers, backends = server.worker_pids(), _pg_backends(database_url)
    app_before, db_before = _cpu_ticks(workers), _cpu_ticks(backends)
    result = wrk(url, cookie, seconds)
    tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
    n = max(result["requests"], 1)
    return {**result, "app_cpu_ms": (_cpu_ticks(workers) - app_before) * tick_ms / n,
            "db_cpu_ms": (_cpu_ticks(backends) - db_before) * tick_ms / n}


def query_counts(app, pages) -> dict[str, int]:
    """SQL statements of one request per page, through the WSGI app in-process."""
    app.config.update(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    counts, clients = {}, {}
    with app.app_context():
        engine = db.engine
    for name, email, path in pages:
        if email not in clients:
            clients[email] = app.test_client()
            if email:
                clients[email].post("/masuk", data={"email": email, "password": PASSWORD})
        client = clients[email]
        client.get(path)
        with count_queries(engine) as n:
            status = client.get(path).status_code
        counts[name] = n[0] if status == 200 else -status
    return counts


def refresh_rankings(pages) -> None:
    """The ranking snapshots of the requests on the pages, as the task queue takes them after a verification."""
    from bontang.hiring.models import HiringRequest
    from bontang.hiring.snapshot import refresh_snapshot

    for request_id in sorted({int(m.group(1)) for _n, _e, path in pages
                              if (m := re.match(r"/kelola/permintaan/(\d+)/kandidat", path))}):
        refresh_snapshot(db.session.get(HiringRequest, request_id))


def measure(kind: str, scale: float, settings: dict) -> dict:
    """Generate the data set at this scale on this database and load every page."""
    url = _url(kind, settings)
    app = fresh_app(url)
    with app.app_context():
        data = generate(scale)
        from bontang.reports.cache import refresh_dashboard_figures
        refresh_dashboard_figures(["2025"])  # what the task queue does after changes
        pages = main_pages()
        refresh_rankings(pages)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    queries = query_counts(app, pages)
    with app.app_context():
        db.engine.dispose()
    server = Server(url, settings["port"])
    results = {}
    try:
        cookies = {email: login_cookie(server.base, email) for _n, email, _p in BASELINES + pages}
        for name, email, path in BASELINES + pages:
            wrk(server.base + path, cookies[email], 1, connections=4)  # warm every worker's templates
            results[name] = {**measured(server, url, server.base + path, cookies[email], settings["seconds"]),
                             "path": path, "queries": queries.get(name)}
            print(f"  {kind} {scale:g} {name}: {results[name]['rps']:.1f} req/s, p99 {results[name]['p99_ms']:.0f} ms, "
                  f"CPU/request {results[name]['app_cpu_ms']:.1f} + {results[name]['db_cpu_ms']:.1f} ms", flush=True)
        results["/healthz again"] = wrk(server.base + "/healthz", "", settings["seconds"])
        peak = server.peak_worker_mb()
    finally:
        server.stop()
    healthz = (results["/healthz"]["rps"] + results["/healthz again"]["rps"]) / 2
    return {"kind": kind, "scale": scale, "data": data, "pages": results, "healthz": healthz, "peak_mb": peak,
            "load": os.getloadavg()}


def measure_export(kind: str, settings: dict) -> dict:
    """Download the XLSX of every job seeker from a one-worker server; that worker's peak memory."""
    server = Server(_url(kind, settings), settings["port"], workers=1)
    try:
        cookie = login_cookie(server.base, "staff@bench.example.com")
        before = server.peak_worker_mb()
        request = urllib.request.Request(server.base + "/pencari-kerja/ekspor.xlsx", headers={"Cookie": cookie})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=600) as response, tempfile.TemporaryFile() as out:
            while chunk := response.read(1 << 16):
                out.write(chunk)
            seconds = time.perf_counter() - started
            size = out.tell()
            out.seek(0)
            rows = _xlsx_rows(out)
        peak = server.peak_worker_mb()
    finally:
        server.stop()
    return {"seconds": seconds, "mb": size / 2**20, "rows": rows, "peak_mb": peak, "idle_mb": before}


def _xlsx_rows(handle) -> int:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(handle.read()), read_only=True)
    return sum(1 for _ in book.active.iter_rows(values_only=True)) - 1


def _machine() -> list[str]:
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 2**20
    pg = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", "show server_version"],
                        capture_output=True, text=True).stdout.strip() or "?"
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return [f"- CPU: {os.cpu_count()} cores, {cpu.group(1) if cpu else platform.processor()}; memory {memory:.0f} GiB; "
            f"shared with other developers' work (load average at the start: {os.getloadavg()[0]:.1f})",
            f"- {platform.platform()}, Python {platform.python_version()}, PostgreSQL {pg} (local, default settings), "
            f"SQLite {sqlite3.sqlite_version}, {(wrk_version.stdout + wrk_version.stderr).splitlines()[0]}",
            f"- gunicorn with {WORKERS} sync workers (the README's production command), APP_ENV=production, "
            f"wrk -t2 -c{CONNECTIONS} on loopback, the app and the database on the same machine"]


def _verdict(row: dict, healthz: float, growth: float | None) -> str:
    """Misses against the targets; growth is judged on CPU time per request, which the machine's load leaves alone."""
    misses = []
    if row["rps"] < TARGET_RATIO * healthz:
        misses.append("ratio")
    if row["p99_ms"] >= TARGET_P99_MS:
        misses.append("p99")
    if growth is None or growth > TARGET_GROWTH:
        misses.append("growth")
    if row["failed"]:
        misses.append(f"{row['failed']} failed")
    return "ok" if not misses else "miss: " + ", ".join(misses)


def _table(small: dict, large: dict) -> list[str]:
    names = [n for n in large["pages"] if n != "/healthz again"]
    lines = [f"| page | req/s | p99 ms | ratio to /healthz | growth {small['scale']:g} → {large['scale']:g} "
             f"| CPU ms/request app + db ({small['scale']:g} → {large['scale']:g}) | CPU growth "
             f"| SQL statements ({small['scale']:g} / {large['scale']:g}) | verdict |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name in names:
        row, before = large["pages"][name], small["pages"][name]
        growth = before["rps"] / row["rps"] if row["rps"] and before["rps"] else None
        baseline = name in {b[0] for b in BASELINES}
        queries = "" if baseline else f"{before['queries']} / {row['queries']}"
        cpu_small = before.get("app_cpu_ms", 0) + before.get("db_cpu_ms", 0)
        cpu_large = row.get("app_cpu_ms", 0) + row.get("db_cpu_ms", 0)
        cpu = (f"{before.get('app_cpu_ms', 0):.1f} + {before.get('db_cpu_ms', 0):.1f} → "
               f"{row.get('app_cpu_ms', 0):.1f} + {row.get('db_cpu_ms', 0):.1f}")
        cpu_growth = f"{cpu_large / cpu_small:.2f}×" if cpu_small else "—"
        verdict = "" if baseline else _verdict(row, large["healthz"], cpu_large / cpu_small if cpu_small else None)
        lines.append(f"| {name} | {row['rps']:.1f} | {row['p99_ms']:.0f} | {row['rps'] / large['healthz']:.3f} | "
                     f"{'—' if growth is None else f'{growth:.2f}×'} | {cpu} | {cpu_growth} | {queries} | {verdict} |")
    return lines


def _load_warning(runs: dict) -> list[str]:
    worst = max(run["load"][0] for run in runs.values())
    if worst <= os.cpu_count():
        return []
    return [f"**The machine was overloaded during this run** (load average up to {worst:.1f} on {os.cpu_count()} "
            "cores, from other work): req/s, p99 and the ratio to /healthz describe that machine, not the app; "
            "CPU ms/request and CPU growth are the columns to read.", ""]


def write_report(runs: dict, export: dict | None, settings: dict, started: float) -> Path:
    lines = ["# Benchmarks", "", f"Written by `make bench` ({'quick mode, BENCH_SCALE=0.1' if settings['quick'] else 'full'})"
             f" on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC in {(time.perf_counter() - started) / 60:.0f} min. "
             "Source: `bench/bench_pages.py`, data set: `bench/dataset.py`, pages: `bench/pages.py`.", "",
             "## Machine", "", *_machine(), "", "## Method", "",
             f"Per database and scale: the data set is generated in bulk (scale 1 = 124 companies, 10,000 hiring "
             "requests, 100,000 job seekers, 150,000 certificates, 1,000,000 audit events), planner statistics "
             "refreshed (VACUUM ANALYZE / ANALYZE), the dashboard figures of 2025 and the ranking snapshots of the "
             "pages' requests refreshed as the task queue would, "
             f"then each page gets a 1 s warm-up and a {settings['seconds']} s wrk run with {CONNECTIONS} connections "
             "(logged in as its role through the real login form). /healthz is measured first and last and "
             "averaged. *Growth* is time per request at the larger scale over the smaller one. *CPU ms/request* is "
             "the CPU time the gunicorn workers (app) and the PostgreSQL backends serving them (db) spent during "
             "the run, per request: unlike req/s it does not depend on what else the shared machine runs. "
             "*SQL statements* "
             "are counted for one request through the WSGI app. Targets: ratio ≥ 0.15, p99 < 150 ms, growth ≤ 1.5× "
             "(judged on CPU growth).", "", *_load_warning(runs)]
    for kind in settings["databases"]:
        small, large = runs[(kind, settings["scales"][0])], runs[(kind, settings["scales"][1])]
        lines += [f"## {'PostgreSQL' if kind == 'postgresql' else 'SQLite'}", "",
                  f"Scale {large['scale']:g}: {large['data']['rows']:,} rows generated in {large['data']['seconds']:.0f} s; "
                  f"scale {small['scale']:g}: {small['data']['rows']:,} rows in {small['data']['seconds']:.0f} s. "
                  f"/healthz {large['healthz']:.0f} req/s at scale {large['scale']:g}. Peak worker memory (VmHWM): "
                  f"{small['peak_mb']:.0f} MB at scale {small['scale']:g}, {large['peak_mb']:.0f} MB at scale "
                  f"{large['scale']:g}. Load average after: {large['load'][0]:.1f}.", "", *_table(small, large), ""]
    if export:
        lines += ["## XLSX export of every job seeker", "",
                  f"PostgreSQL, scale {settings['scales'][1]:g}: {export['rows']:,} rows, {export['mb']:.1f} MB, "
                  f"{export['seconds']:.1f} s; the one gunicorn worker's peak memory {export['peak_mb']:.0f} MB "
                  f"({export['idle_mb']:.0f} MB after login; limit {EXPORT_LIMIT_MB} MB: "
                  f"{'ok' if export['peak_mb'] < EXPORT_LIMIT_MB else 'MISS'}).", ""]
    path = ROOT / os.environ.get("BENCH_OUTPUT", "BENCHMARKS.md")
    path.write_text("\n".join(lines))
    return path


def run() -> None:
    settings = _settings()
    started = time.perf_counter()
    runs, export = {}, None
    for kind in settings["databases"]:
        for scale in settings["scales"]:
            runs[(kind, scale)] = measure(kind, scale, settings)
        if kind == "postgresql":
            export = measure_export(kind, settings)
            print(f"  export: {export}", flush=True)
    print(f"written: {write_report(runs, export, settings, started)}", flush=True)


if __name__ == "__main__":
    sys.exit(run())
