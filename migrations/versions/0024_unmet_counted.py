"""Ranking snapshots also hold how many people were on the "tidak memenuhi" list (counted up to a few thousand), so
that page need not count the registry again while that number minus the changes since is still over its cap.

Revision ID: 0024_unmet_counted
Revises: 0023_unmet_snapshot
"""
import sqlalchemy as sa
from alembic import op

revision = "0024_unmet_counted"
down_revision = "0023_unmet_snapshot"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("ranking_snapshot") as batch:
        batch.add_column(sa.Column("unmet_counted", sa.Integer(), nullable=False, server_default="0"))


def downgrade():
    with op.batch_alter_table("ranking_snapshot") as batch:
        batch.drop_column("unmet_counted")
