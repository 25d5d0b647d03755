"""The request id on audit events (outside the chain's MAC).

Revision ID: 0020_privacy
Revises: 0014_scale_indexes
"""
import sqlalchemy as sa
from alembic import op

revision = "0020_privacy"
down_revision = "0014_scale_indexes"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("audit_event") as batch:
        batch.add_column(sa.Column("request_id", sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_column("request_id")
