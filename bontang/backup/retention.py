"""Which backups exist, which are kept (daily and monthly), and whether the newest good one is recent enough.

A backup is good once its checksum file exists: that file is written last, after the archive is
complete and synced. The time of a backup is in its name (UTC).
"""
from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from flask import current_app

from bontang.backup.archive import PREFIX, SUFFIX, checksum_path

NAME = re.compile(re.escape(PREFIX) + r"(\d{8}T\d{6}Z)(?:-(\d+))?" + re.escape(SUFFIX) + "$")


@dataclass(frozen=True)
class BackupFile:
    """One complete archive in the backup directory."""

    path: Path
    taken_at: datetime
    size: int


def list_backups(directory: str | Path | None = None) -> list[BackupFile]:
    """Complete backups, newest first."""
    directory = Path(directory or current_app.config["BACKUP_DIR"])
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        match = NAME.match(path.name)
        if match and path.is_file() and checksum_path(path).is_file():
            taken = datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
            found.append((taken, int(match.group(2) or 1), BackupFile(path, taken, path.stat().st_size)))
    return [item for _, _, item in sorted(found, key=lambda entry: entry[:2], reverse=True)]


def backups_to_keep(backups: list[BackupFile], keep_daily: int, keep_monthly: int) -> set[Path]:
    """The newest backup of each of the `keep_daily` newest days and of each of the `keep_monthly` newest months
    (days and months that have a backup, so a pause in backups never deletes the last ones); always the newest."""
    keep: set[Path] = {backups[0].path} if backups else set()
    days: dict = {}
    months: dict = {}
    for backup in backups:  # newest first: the first one seen of a day or month is its newest
        days.setdefault(backup.taken_at.date(), backup.path)
        months.setdefault((backup.taken_at.year, backup.taken_at.month), backup.path)
    keep.update(list(days.values())[:keep_daily])
    keep.update(list(months.values())[:keep_monthly])
    return keep


def prune(directory: str | Path | None = None, *, keep_daily: int | None = None,
          keep_monthly: int | None = None) -> list[Path]:
    """Delete the backups retention no longer keeps; returns what was deleted."""
    cfg = current_app.config
    backups = list_backups(directory)
    keep = backups_to_keep(backups, cfg["BACKUP_KEEP_DAILY"] if keep_daily is None else keep_daily,
                           cfg["BACKUP_KEEP_MONTHLY"] if keep_monthly is None else keep_monthly)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            checksum_path(backup.path).unlink(missing_ok=True)  # first: a half-deleted backup is never "good"
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed + _remove_leftovers(Path(directory or cfg["BACKUP_DIR"]))


def _remove_leftovers(directory: Path, older_than: float = 24 * 3600) -> list[Path]:
    """Work directories and partial files of a backup that a crash (a killed worker, a reboot) left behind."""
    removed = []
    if not directory.is_dir():
        return removed
    for path in directory.iterdir():
        if (path.name.startswith(".work-") or path.name.endswith(".partial")) and \
                time.time() - path.stat().st_mtime > older_than:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            removed.append(path)
    return removed


def last_good_backup(directory: str | Path | None = None) -> BackupFile | None:
    """The newest complete backup, or None."""
    backups = list_backups(directory)
    return backups[0] if backups else None


@dataclass(frozen=True)
class BackupStatus:
    """What /readyz and the status page show: is the newest good backup recent enough?"""

    ok: bool
    last_at: datetime | None
    age_hours: float | None
    max_age_hours: float
    path: str | None
    message: str

    def as_dict(self) -> dict:
        return {"ok": self.ok, "last_at": self.last_at.isoformat() if self.last_at else None,
                "age_hours": self.age_hours, "max_age_hours": self.max_age_hours, "path": self.path,
                "message": self.message}


def backup_status(now: datetime | None = None) -> BackupStatus:
    """Whether the newest good backup is younger than BACKUP_MAX_AGE_HOURS (needs an app context)."""
    max_age = float(current_app.config["BACKUP_MAX_AGE_HOURS"])
    last = last_good_backup()
    if last is None:
        return BackupStatus(False, None, None, max_age, None, "no backup yet")
    now = now or datetime.now(timezone.utc)
    age = round((now - last.taken_at).total_seconds() / 3600, 2)
    if age > max_age:
        return BackupStatus(False, last.taken_at, age, max_age, str(last.path),
                            f"the last good backup is {age:.1f} hours old (more than {max_age:g})")
    return BackupStatus(True, last.taken_at, age, max_age, str(last.path), f"last good backup {age:.1f} hours ago")
