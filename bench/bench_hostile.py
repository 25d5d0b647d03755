"""Hostile uploads and login limits against the `make run` layout (gunicorn, one worker, threads).

Uploads the 20-million-empty-rows XLSX and the 300 MB-cell XLSX to a programme's import while a thread polls
/healthz; prints each answer's time, the slowest /healthz answer and the worker's peak memory (VmHWM). Then
sends 15 wrong passwords for one account and counts how many were checked (422) and refused (429).
"""
from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests.inputs import hostile_files

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(tmp: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench.db", "SECRET_KEY": "bench", "FLASK_APP": "app",
           "BASE_URL": f"http://127.0.0.1:{port}"}
    for step in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([str(BIN / "flask"), *step], cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen([str(BIN / "gunicorn"), "--workers", "1", "--threads", "8", "--bind",
                               f"127.0.0.1:{port}", "--timeout", "120", "app:app"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


def _worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def _peak_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


def _session(base: str):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    opener.addheaders = [("User-Agent", "bench")]
    return opener


def _token(opener, url: str) -> str:
    html = opener.open(url).read().decode()
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def _post(opener, url: str, fields: dict, files: dict | None = None):
    if files:
        boundary = "bench-boundary-7f3a"
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                 for k, v in fields.items()]
        for name, (filename, data) in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                         f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(url, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    else:
        request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode())
    try:
        response = opener.open(request)
        return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class _Health(threading.Thread):
    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base, self.slowest, self.stop = base, 0.0, threading.Event()

    def run(self):
        while not self.stop.is_set():
            started = time.perf_counter()
            urllib.request.urlopen(f"{self.base}/healthz", timeout=30).read()
            self.slowest = max(self.slowest, time.perf_counter() - started)
            time.sleep(0.1)


def _uploads(base: str, worker: int) -> None:
    opener = _session(base)
    token = _token(opener, f"{base}/masuk")
    _post(opener, f"{base}/masuk", {"email": "blk@pelatihan.example.com", "password": "bontang-demo-2025",
                                    "csrf_token": token})
    listing = opener.open(f"{base}/pelatihan").read().decode()
    programme = re.search(r'href="/pelatihan/(\d+)"', listing).group(1)
    token = _token(opener, f"{base}/pelatihan/{programme}")
    health = _Health(base)
    health.start()
    for name in ("empty_rows", "huge_cell", "gap_rows", "claimed_dimension", "billion_laughs"):
        data = hostile_files.XLSX_FILES[name]()
        started = time.perf_counter()
        status, html = _post(opener, f"{base}/pelatihan/{programme}/impor", {"kind": "peserta", "csrf_token": token},
                             {"file": (f"{name}.xlsx", data)})
        elapsed = time.perf_counter() - started
        message = re.search(r'class="field__error"[^>]*>([^<]+)', html)
        print(f"  {name}: {len(data) / 1e6:.2f} MB sent, answer {status} in {elapsed:.2f} s, "
              f"worker peak {_peak_mb(worker):.0f} MB; message: {message.group(1) if message else '-'}")
    health.stop.set()
    health.join()
    print(f"  slowest /healthz answer during the uploads: {health.slowest * 1000:.0f} ms")


def _logins(base: str) -> None:
    opener = _session(base)
    answers = []
    for _ in range(15):
        token = _token(opener, f"{base}/masuk")
        status, _html = _post(opener, f"{base}/masuk", {"email": "petugas@disnaker.example.com",
                                                        "password": "salah-sekali", "csrf_token": token})
        answers.append(status)
    print(f"  15 wrong passwords for one account: {answers.count(422)} checked (422), "
          f"{answers.count(429)} refused (429)")


def run() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bontang-bench-hostile-"))
    port = _port()
    server = _start(tmp, port)
    base = f"http://127.0.0.1:{port}"
    try:
        worker = _worker_pid(server.pid)
        print(f"  worker at start: {_peak_mb(worker):.0f} MB peak")
        _uploads(base, worker)
        _logins(base)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
