"""Backups that restore and verify: `flask --app app backup`, `flask --app app restore FILE`, nightly jobs.

For health checks and the status page: `bontang.backup.backup_status()` (an app context is needed)
returns a BackupStatus with `ok`, `last_at`, `age_hours`, `max_age_hours`, `path`, `message` and
`as_dict()`; `last_good_backup()` returns the newest complete archive or None.
"""
from bontang.backup.retention import BackupStatus, backup_status, last_good_backup

__all__ = ["BackupStatus", "backup_status", "last_good_backup"]
