"""Ranking snapshots also hold the start of the "tidak memenuhi" list (available people who miss a rule, fewest
misses first), so that page ranks a few hundred people instead of the whole registry.

Revision ID: 0023_unmet_snapshot
Revises: 0022_search
"""
import sqlalchemy as sa
from alembic import op

revision = "0023_unmet_snapshot"
down_revision = "0022_search"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("ranking_snapshot") as batch:
        batch.add_column(sa.Column("unmet_ids", sa.Text(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("unmet_complete", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("ranking_snapshot") as batch:
        batch.drop_column("unmet_complete")
        batch.drop_column("unmet_ids")
