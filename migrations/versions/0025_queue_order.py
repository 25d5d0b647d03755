"""An index in the hiring queue's order (updated_at, id), so a page of the queue walks it backwards and stops after
its rows instead of sorting every request awaiting review.

Revision ID: 0025_queue_order
Revises: 0024_unmet_counted
"""
from alembic import op

revision = "0025_queue_order"
down_revision = "0024_unmet_counted"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_hiring_request_updated", "hiring_request", ["updated_at", "id"])


def downgrade():
    op.drop_index("ix_hiring_request_updated", table_name="hiring_request")
