"""`flask mou ...` commands."""
from __future__ import annotations

import click

from bontang.extensions import db
from bontang.mou import bp, documents


@bp.cli.command("seal-pending")
def seal_pending_command() -> None:
    """Queue sealing for every completed agreement whose final PDF is missing (a worker seals them)."""
    count = documents.requeue_pending()
    db.session.commit()
    click.echo(f"Queued {count} pending agreement PDFs for sealing.")
