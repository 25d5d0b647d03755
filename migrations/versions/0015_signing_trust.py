"""Signing trust: officials' offices, credential changes and cooling-off, per-official document views,
passkeys.

Revision ID: 0015_signing_trust
Revises: 0014_scale_indexes
"""
import sqlalchemy as sa
from alembic import op

revision = "0015_signing_trust"
down_revision = "0014_scale_indexes"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("office", sa.String(length=20), server_default="", nullable=False))
        batch_op.add_column(sa.Column("credentials_changed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("credentials_changed_by", sa.String(length=300), server_default="",
                                      nullable=False))
        batch_op.add_column(sa.Column("credentials_confirmed_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("signature", schema=None) as batch_op:
        batch_op.add_column(sa.Column("credentials_changed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("credentials_changed_by", sa.String(length=300), server_default="",
                                      nullable=False))
    op.create_table(
        "agreement_view",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("viewed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreement.id"], name=op.f("fk_agreement_view_agreement_id_agreement")),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_agreement_view_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_view")),
        sa.UniqueConstraint("agreement_id", "user_id", name="uq_agreement_view_agreement_user"))
    with op.batch_alter_table("agreement_view", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_view_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_view_user_id"), ["user_id"], unique=False)
    op.create_table(
        "passkey_credential",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("credential_id", sa.String(length=1400), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("sign_count", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_passkey_credential_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passkey_credential")),
        sa.UniqueConstraint("credential_id", name=op.f("uq_passkey_credential_credential_id")))
    with op.batch_alter_table("passkey_credential", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_passkey_credential_user_id"), ["user_id"], unique=False)


def downgrade():
    op.drop_table("passkey_credential")
    op.drop_table("agreement_view")
    with op.batch_alter_table("signature", schema=None) as batch_op:
        batch_op.drop_column("credentials_changed_by")
        batch_op.drop_column("credentials_changed_at")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("credentials_confirmed_at")
        batch_op.drop_column("credentials_changed_by")
        batch_op.drop_column("credentials_changed_at")
        batch_op.drop_column("office")
