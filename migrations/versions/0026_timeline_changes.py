"""Partial indexes of each object's changes and of its reads (audit events that are, or are not, reads of a
document), so the MoU timeline lists an agreement's latest changes straight from one however often its PDF was
downloaded, and sums up the downloads from the other.

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
A_READ = "action IN ('mou.downloaded', 'mou.preview_downloaded')"  # bontang.audit.A_READ then


def upgrade():
    op.create_index("ix_audit_event_object_changes", "audit_event", ["object_type", "object_id", "seq"],
                    postgresql_where=sa.text(NOT_A_READ), sqlite_where=sa.text(NOT_A_READ))
    op.create_index("ix_audit_event_object_reads", "audit_event", ["object_type", "object_id", "seq"],
                    postgresql_where=sa.text(A_READ), sqlite_where=sa.text(A_READ))


def downgrade():
    op.drop_index("ix_audit_event_object_reads", table_name="audit_event")
    op.drop_index("ix_audit_event_object_changes", table_name="audit_event")
