"""`flask --app app backup` and `flask --app app restore FILE`."""
from __future__ import annotations

import click
from flask import Flask

from bontang.backup import archive, manifest, retention
from bontang.backup.errors import BackupError


def register(app: Flask) -> None:
    @app.cli.command("backup")
    @click.option("--dir", "directory", type=click.Path(file_okay=False), help="Where to write (default BACKUP_DIR).")
    @click.option("--prune/--no-prune", default=True, help="Apply retention afterwards (BACKUP_KEEP_DAILY/MONTHLY).")
    def backup_command(directory: str | None, prune: bool) -> None:
        """Write a consistent, compressed, checksummed backup of the database and its documents."""
        try:
            backup = archive.create_backup(directory)
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        m = backup.manifest
        click.echo(f"Backup written: {backup.path}\nSHA-256 {backup.sha256} ({backup.path.stat().st_size} bytes); "
                   f"{sum(m['tables'].values())} rows in {len(m['tables'])} tables, {len(m['documents'])} documents, "
                   f"audit head seq={m['audit_head']['seq']}, schema {m['schema_revision']}.")
        if prune:
            for path in retention.prune(directory):
                click.echo(f"Removed by retention: {path.name}")

    @app.cli.command("restore")
    @click.argument("file", type=click.Path(dir_okay=False))
    def restore_command(file: str) -> None:
        """Restore a backup into an empty database, then verify the audit chain, documents and row counts."""
        try:
            restored = archive.restore_backup(file)
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Restored and verified: {restored.summary}; every document hash and the audit chain verify.")
        revision, head = restored.manifest["schema_revision"], manifest.app_head_revision()
        if revision and revision != head:
            click.echo(f"The backup's schema is {revision}; this code's is {head}: run `flask --app app db upgrade`.")
