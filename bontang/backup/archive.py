"""Backup archives: write one atomically, check one, restore one into an empty database.

An archive `bontang-YYYYmmddTHHMMSSZ.tar` holds `manifest.json` and the compressed database (which
holds every stored document: PDFs live in the `document` table). Beside it, `<archive>.sha256` (the
format of `sha256sum`, so `sha256sum -c` checks it too) holds the SHA-256 of the whole archive, and the
manifest holds the SHA-256 of the database member: one changed byte anywhere is refused.

Both files are written under temporary names and renamed once complete and synced, so a full disk or
a crash mid-backup leaves the previous backups as they were and no half-written archive behind.
"""
from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from flask import current_app
from sqlalchemy import create_engine

from bontang.backup import engines, manifest as manifests
from bontang.backup.errors import BackupError
from bontang.extensions import db

MANIFEST = "manifest.json"
PREFIX = "bontang-"
SUFFIX = ".tar"
DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


@dataclass
class Backup:
    """A written archive: where, its SHA-256, and its manifest."""

    path: Path
    sha256: str
    manifest: dict


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(engines.CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def checksum_path(archive: Path) -> Path:
    return archive.with_name(archive.name + ".sha256")


def create_backup(directory: str | Path | None = None, *, now: datetime | None = None) -> Backup:
    """Back up the app's database into `directory` (BACKUP_DIR); raise BackupError saying what went wrong."""
    directory = Path(directory or current_app.config["BACKUP_DIR"])
    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    engine = engines.engine_name(url)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".work-", dir=directory))
    except OSError as error:
        raise _as_backup_error(error, directory) from error
    archive = _free_name(directory, now or datetime.now(timezone.utc))
    partial = archive.with_name("." + archive.name + ".partial")
    try:
        snapshot = engines.snapshot_sqlite if engine == "sqlite" else engines.snapshot_postgresql
        manifest, dump = snapshot(url, work, manifests.gather)
        manifest["database_file"] = {"name": dump.name, "sha256": file_sha256(dump), "size": dump.stat().st_size}
        _write_tar(partial, manifest, dump)
        digest = file_sha256(partial)
        os.replace(partial, archive)
        _write_atomically(checksum_path(archive), f"{digest}  {archive.name}\n".encode())
        _sync_directory(directory)
        return Backup(archive, digest, manifest)
    except OSError as error:
        archive.unlink(missing_ok=True)
        raise _as_backup_error(error, directory) from error
    finally:
        partial.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)


def _as_backup_error(error: OSError, directory: Path) -> BackupError:
    if error.errno in DISK_FULL:
        return BackupError(f"disk full in {directory}: the backup was not written; earlier backups are kept ({error})")
    return BackupError(f"cannot write the backup in {directory}: {error}")


def _free_name(directory: Path, now: datetime) -> Path:
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    candidate, n = directory / f"{PREFIX}{stamp}{SUFFIX}", 1
    while candidate.exists():
        n += 1
        candidate = directory / f"{PREFIX}{stamp}-{n}{SUFFIX}"
    return candidate


def _write_tar(path: Path, manifest: dict, dump: Path) -> None:
    body = json.dumps(manifest, indent=1, sort_keys=True).encode()
    with open(path, "wb") as raw:
        with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(body), int(datetime.now().timestamp()), 0o600
            tar.addfile(info, io.BytesIO(body))
            tar.add(dump, arcname=dump.name, recursive=False)
        raw.flush()
        os.fsync(raw.fileno())


def _write_atomically(path: Path, content: bytes) -> None:
    partial = path.with_name("." + path.name + ".partial")
    try:
        with open(partial, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_archive(archive: Path, work: Path) -> tuple[dict, Path]:
    """Check the archive's SHA-256 and its database member's, and unpack that member into `work`."""
    sidecar = checksum_path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist")
    if not sidecar.is_file():
        raise BackupError(f"{sidecar.name} is missing beside the archive: its checksum cannot be checked, "
                          "so it is not restored")
    expected = sidecar.read_text().split()[0] if sidecar.read_text().split() else ""
    if file_sha256(archive) != expected:
        raise BackupError(f"{archive.name} does not match its SHA-256 ({sidecar.name}): the archive was changed "
                          "or damaged; nothing was restored")
    try:
        with tarfile.open(archive, mode="r:") as tar:
            manifest = json.loads(tar.extractfile(tar.getmember(MANIFEST)).read())
            member_name = manifest["database_file"]["name"]
            if member_name not in (engines.SQLITE_MEMBER, engines.POSTGRES_MEMBER):
                raise BackupError(f"unexpected member {member_name!r} in the archive")
            dump = work / member_name
            with tar.extractfile(tar.getmember(member_name)) as source, open(dump, "wb") as out:
                shutil.copyfileobj(source, out, engines.CHUNK)
    except (tarfile.TarError, KeyError, ValueError, AttributeError) as error:
        raise BackupError(f"{archive.name} is not a readable backup archive ({error})") from error
    if manifest.get("format") != manifests.FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    if file_sha256(dump) != manifest["database_file"]["sha256"]:
        raise BackupError("the database in the archive does not match the SHA-256 in its manifest; nothing was restored")
    return manifest, dump


@dataclass
class Restored:
    """What a verified restore brought back."""

    manifest: dict
    problems: list[str]

    @property
    def summary(self) -> str:
        m = self.manifest
        return (f"{sum(m['tables'].values())} rows in {len(m['tables'])} tables, {len(m['documents'])} documents, "
                f"audit chain up to seq={m['audit_head']['seq']}")


def restore_backup(archive: str | Path) -> Restored:
    """Restore an archive into the app's database, which must be empty, then verify it against the manifest.

    A restore that does not verify is undone (the database is empty again) and raises BackupError.
    """
    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    engine = engines.engine_name(url)
    empty, tables = engines.is_empty(url)
    if not empty:
        raise BackupError(f"the database holds {tables} tables: restore only into an empty database "
                          "(create a new one, point DATABASE_URL at it, and run restore again); nothing was changed")
    with tempfile.TemporaryDirectory(prefix="bontang-restore-") as work:
        manifest, dump = open_archive(Path(archive), Path(work))
        if manifest["engine"] != engine:
            raise BackupError(f"this backup is of a {manifest['engine']} database; DATABASE_URL is {engine}")
        if manifest.get("audit_key_check") != manifests.key_fingerprint():
            raise BackupError("AUDIT_KEY is not the key of the installation that made this backup: the audit chain "
                              "could not verify; set the same AUDIT_KEY and restore again (nothing was changed)")
        db.session.remove()
        db.engine.dispose()
        (engines.load_sqlite if engine == "sqlite" else engines.load_postgresql)(dump, url)
    problems = _verify(manifest, url)
    if problems:
        db.session.remove()
        db.engine.dispose()
        engines.drop_everything(url)
        raise BackupError("the restored database does not match the backup, so it was emptied again:\n  - "
                          + "\n  - ".join(problems))
    return Restored(manifest, problems)


def _verify(manifest: dict, url: str) -> list[str]:
    checker = create_engine(url)
    try:
        with checker.connect() as conn:
            problems = manifests.verify_restored(manifest, conn)
    finally:
        checker.dispose()
    if chain := manifests.verify_chain():
        problems.append(chain)
    db.session.remove()
    return problems
