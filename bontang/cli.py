"""Command-line tasks: demo data, first admin, audit chain check, outbox delivery."""
from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from werkzeug.security import generate_password_hash

from bontang import audit, mail
from bontang.accounts.models import Role, User
from bontang.auth.services import check_password_strength
from bontang.core import DomainError
from bontang.extensions import db
from bontang.mou.anchor import pdf_anchor
from bontang.seed import database_is_empty, seed_demo


def register(app: Flask) -> None:
    from bontang.backup import cli as backup_cli

    backup_cli.register(app)

    @app.cli.command("seed-demo")
    @click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when the database holds data.")
    def seed_demo_command(if_empty: bool) -> None:
        """Fill an empty database with the demo data (refused when APP_ENV=production)."""
        if if_empty and not database_is_empty():
            click.echo("Database already holds data; demo not seeded.")
            return
        try:
            ctx = seed_demo()
        except RuntimeError as error:
            db.session.rollback()
            raise click.ClickException(str(error)) from error
        db.session.commit()
        click.echo(f"Demo seeded: {len(ctx.companies)} companies, {len(ctx.users)} users.")

    @app.cli.command("create-admin")
    @click.option("--email", prompt=True)
    @click.option("--name", prompt=True)
    @click.password_option()
    def create_admin(email: str, name: str, password: str) -> None:
        """Create an administrator account with a password."""
        email = email.strip().lower()
        if db.session.scalar(db.select(User).where(User.email == email)):
            raise click.ClickException("a user with that e-mail exists")
        user = User(email=email, name=name, role=Role.ADMIN)
        try:
            check_password_strength(password, user)
        except DomainError as error:
            raise click.ClickException(error.message) from error
        user.password_hash = generate_password_hash(password, method="scrypt")
        db.session.add(user)
        db.session.flush()
        audit.record("user.created", user, details={"email": email, "role": "admin", "via": "cli"})
        db.session.commit()
        click.echo(f"Administrator {email} created.")

    @app.cli.command("audit-verify")
    @click.option("--pdf", "pdf_path", type=click.Path(exists=True, dir_okay=False),
                  help="Also check that the audit anchor in this sealed MoU PDF is still in the chain.")
    def audit_verify(pdf_path: str | None) -> None:
        """Check the keyed audit chain and its head; exit 1 naming what is wrong."""
        if pdf_path:
            try:
                seq, digest = pdf_anchor(Path(pdf_path).read_bytes())
            except ValueError as error:
                raise click.ClickException(str(error)) from error
            check = audit.check_anchor(seq, digest)
            if not check.intact:
                raise click.ClickException(f"PDF anchor seq={seq} not confirmed: {check.problem}")
            click.echo(f"PDF anchor seq={seq} is in the chain.")
        check = audit.verify_chain()
        if not check.intact:
            raise click.ClickException(f"audit chain broken: {check.problem} ({check.checked} events before it are intact)")
        click.echo(f"Audit chain intact: {check.checked} events, head seq={check.last_seq}.")

    @app.cli.command("outbox-send")
    def outbox_send() -> None:
        """Send unsent outbox e-mail over SMTP (needs SMTP_HOST)."""
        if not mail.smtp_configured():
            raise click.ClickException("SMTP_HOST is not set; e-mail stays in the outbox")
        sent = mail.deliver_due()
        db.session.commit()
        click.echo(f"Sent {sent} messages.")
