"""`flask mou ...` commands."""
from __future__ import annotations

import click

from bontang.extensions import db
from bontang.mou import bp, documents


@bp.cli.command("seal-pending")
def seal_pending_command() -> None:
    """Seal the final PDFs that a large countersigning batch left pending."""
    count = documents.seal_pending()
    db.session.commit()
    click.echo(f"Sealed {count} pending agreement PDFs.")
