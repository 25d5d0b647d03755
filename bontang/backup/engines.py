"""The engine-specific steps of a backup: a consistent snapshot, its dump, and loading it back.

SQLite: the online backup API copies the live file in one step (writers wait, readers go on), the
manifest is read from that copy, and the copy is gzipped. PostgreSQL: one REPEATABLE READ
transaction exports its snapshot; `pg_dump --format=custom --snapshot=...` dumps exactly what the
manifest queries in that transaction see, however many signings commit meanwhile.
"""
from __future__ import annotations

import gzip
import os
import re
import shutil
import sqlite3
import subprocess  # nosec B404
from pathlib import Path
from typing import Callable

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url

from bontang.backup.errors import BackupError

CHUNK = 1024 * 1024
SQLITE_MEMBER = "database.sqlite.gz"
POSTGRES_MEMBER = "database.pgdump"


def engine_name(url: str) -> str:
    name = make_url(url).get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {name}")
    return name


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def libpq(url: str) -> tuple[str, dict]:
    """A libpq address for pg_dump/pg_restore and an environment carrying the password (never argv)."""
    parsed = make_url(url)
    env = {**os.environ}
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False), env


def is_empty(url: str) -> tuple[bool, int]:
    """Whether the database holds no table at all (and how many it holds)."""
    if engine_name(url) == "sqlite":
        path = sqlite_path(url)
        if not path.exists() or path.stat().st_size == 0:
            return True, 0
        with sqlite3.connect(path) as conn:
            count = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                 "AND name NOT LIKE 'sqlite_%'").fetchone()[0]
        return count == 0, count
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            count = conn.scalar(text("SELECT count(*) FROM information_schema.tables "
                                     "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"))
    finally:
        engine.dispose()
    return count == 0, count


def snapshot_sqlite(url: str, work: Path, gather: Callable[[Connection], dict]) -> tuple[dict, Path]:
    """Copy the live file with the online backup API, read the manifest from the copy, gzip it."""
    copy = work / "database.sqlite"
    try:
        source = sqlite3.connect(sqlite_path(url))
        target = sqlite3.connect(copy)
        try:
            source.backup(target)  # one step: a consistent image even while others write
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        finally:
            target.close()
            source.close()
    except sqlite3.OperationalError as error:
        if "full" in str(error).lower():
            raise OSError(28, f"No space left on device ({error})") from error
        raise
    engine = create_engine(f"sqlite:///{copy}")
    try:
        with engine.connect() as conn:
            manifest = gather(conn)
    finally:
        engine.dispose()
    packed = work / SQLITE_MEMBER
    with open(copy, "rb") as raw, gzip.open(packed, "wb", compresslevel=6) as out:
        shutil.copyfileobj(raw, out, CHUNK)
    copy.unlink()
    return manifest, packed


def _major(version_text: str) -> int:
    """15 from "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"."""
    match = re.search(r"\)\s*(\d+)", version_text)
    return int(match.group(1)) if match else 0


def check_pg_dump(conn: Connection) -> None:
    """pg_dump must be at least the server's major version (an older one refuses or dumps badly)."""
    try:
        client = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, check=True).stdout  # nosec B603 B607
    except (OSError, subprocess.CalledProcessError) as error:
        raise BackupError(f"pg_dump is not available ({error}); install postgresql-client") from error
    server = int(conn.scalar(text("SHOW server_version_num"))) // 10000
    if _major(client) < server:
        raise BackupError(f"pg_dump is older than the server (PostgreSQL {server}): {client.strip()}; "
                          f"install postgresql-client-{server}")


def snapshot_postgresql(url: str, work: Path, gather: Callable[[Connection], dict]) -> tuple[dict, Path]:
    """Dump the database from one exported snapshot; the manifest is read in that same snapshot."""
    dump = work / POSTGRES_MEMBER
    address, env = libpq(url)
    engine = create_engine(url, isolation_level="REPEATABLE READ")
    try:
        with engine.connect() as conn, conn.begin():
            conn.execute(text("SET TRANSACTION READ ONLY"))
            snapshot = conn.scalar(text("SELECT pg_export_snapshot()"))
            check_pg_dump(conn)
            _run_pg_dump(["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--no-owner", "--no-privileges",
                          f"--dbname={address}"], env, dump)
            manifest = gather(conn)
    finally:
        engine.dispose()
    return manifest, dump


def _run_pg_dump(command: list[str], env: dict, target: Path) -> None:
    """Run pg_dump to stdout and write it here, so a full disk raises OSError like every other write."""
    with open(target, "wb") as out:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)  # nosec B603
        try:
            while chunk := process.stdout.read(CHUNK):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        except BaseException:
            process.kill()
            process.wait()
            raise
        errors = process.stderr.read().decode(errors="replace")
        if process.wait() != 0:
            raise BackupError(f"pg_dump failed: {errors.strip()}")


def load_sqlite(packed: Path, url: str) -> None:
    """Unpack the copy beside the target, check it, then write it into the target with the backup API."""
    target_path = sqlite_path(url)
    target_path.parent.mkdir(parents=True, exist_ok=True)
    unpacked = target_path.with_name(target_path.name + ".restoring")
    try:
        with gzip.open(packed, "rb") as raw, open(unpacked, "wb") as out:
            shutil.copyfileobj(raw, out, CHUNK)
        source = sqlite3.connect(unpacked)
        try:
            if (result := source.execute("PRAGMA integrity_check").fetchone()[0]) != "ok":
                raise BackupError(f"the backed-up SQLite file is damaged: {result}")
            target = sqlite3.connect(target_path)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    finally:
        unpacked.unlink(missing_ok=True)


def load_postgresql(dump: Path, url: str) -> None:
    """pg_restore in one transaction: an error leaves the database as empty as it was."""
    address, env = libpq(url)
    result = subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",  # nosec B603 B607
                             f"--dbname={address}", str(dump)], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def drop_everything(url: str) -> None:
    """Return a database that a refused restore filled to the empty state it was in before."""
    if engine_name(url) == "sqlite":
        sqlite_path(url).unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(sqlite_path(url)) + suffix).unlink(missing_ok=True)
        return
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
