"""Command-line tasks of the hiring feature: `flask hiring expire` (run daily)."""
from __future__ import annotations

from datetime import date

import click

from bontang.extensions import db
from bontang.hiring import bp, services


@bp.cli.command("expire")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Treat this date as today (YYYY-MM-DD).")
def expire_command(today) -> None:
    """Mark unfinished hiring requests past their validity as expired."""
    day = today.date() if today else date.today()
    count = services.expire_requests(day)
    db.session.commit()
    click.echo(f"Expired {count} hiring requests.")
