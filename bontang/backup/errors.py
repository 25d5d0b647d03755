"""The one error type of backups and restores: its message says what is wrong and what was kept."""


class BackupError(Exception):
    """A backup or restore that could not be done; nothing half-written is left behind."""
