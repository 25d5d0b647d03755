"""A partial index of each object's changes (audit events that are not reads of a document), so the MoU timeline
lists an agreement's latest changes straight from it however often its PDF was downloaded.

Revision ID: 0026_timeline_changes
Revises: 0025_queue_order
"""
import sqlalchemy as sa
from alembic import op

revision = "0026_timeline_changes"
down_revision = "0025_queue_order"
branch_labels = None
depends_on = None

NOT_A_READ = "action NOT IN ('mou.downloaded', 'mou.preview_downloaded')"  # bontang.audit.NOT_A_READ then


def upgrade():
    op.create_index("ix_audit_event_object_changes", "audit_event", ["object_type", "object_id", "seq"],
                    postgresql_where=sa.text(NOT_A_READ), sqlite_where=sa.text(NOT_A_READ))


def downgrade():
    op.drop_index("ix_audit_event_object_changes", table_name="audit_event")
