"""Ranking snapshots per hiring request, and the indexes that find job seekers changed since one.

Revision ID: 0021_ranking_snapshot
Revises: 0020_privacy
"""
import sqlalchemy as sa
from alembic import op

revision = "0021_ranking_snapshot"
down_revision = "0020_privacy"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "ranking_snapshot",
        sa.Column("hiring_request_id", sa.Integer(), nullable=False),
        sa.Column("criteria", sa.String(length=64), nullable=False),
        sa.Column("computed_for", sa.Date(), nullable=False),
        sa.Column("changed_after", sa.DateTime(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("seeker_ids", sa.Text(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["hiring_request_id"], ["hiring_request.id"], ondelete="CASCADE",
                                name=op.f("fk_ranking_snapshot_hiring_request_id_hiring_request")),
        sa.PrimaryKeyConstraint("hiring_request_id", name=op.f("pk_ranking_snapshot")),
    )
    op.create_index("ix_job_seeker_updated_at", "job_seeker", ["updated_at"])
    op.create_index("ix_certificate_updated_at", "certificate", ["updated_at"])


def downgrade():
    op.drop_index("ix_certificate_updated_at", table_name="certificate")
    op.drop_index("ix_job_seeker_updated_at", table_name="job_seeker")
    op.drop_table("ranking_snapshot")
