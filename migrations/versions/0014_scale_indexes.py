"""Indexes for the large data set (audit timeline by object, ranking eligibility, trigram search) and the
dashboard figures cache.

Revision ID: 0014_scale_indexes
Revises: 0010_audit_key
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_scale_indexes"
down_revision = "0010_audit_key"
branch_labels = None
depends_on = None

TRIGRAM = (("ix_job_seeker_name_trgm", "name"), ("ix_job_seeker_search_text_trgm", "search_text"))


def upgrade():
    op.create_table("report_figures_generation", sa.Column("id", sa.Integer(), nullable=False),
                    sa.Column("value", sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint("id", name=op.f("pk_report_figures_generation")))
    op.create_table("report_figures_snapshot", sa.Column("key", sa.String(length=40), nullable=False),
                    sa.Column("generation", sa.Integer(), nullable=False), sa.Column("payload", sa.JSON(), nullable=False),
                    sa.Column("computed_at", sa.DateTime(), nullable=False),
                    sa.PrimaryKeyConstraint("key", name=op.f("pk_report_figures_snapshot")))
    op.create_index("ix_audit_event_object", "audit_event", ["object_type", "object_id", "seq"])
    op.create_index("ix_job_seeker_eligible", "job_seeker",
                    ["employment_status", "consent_to_share", "has_bontang_ktp", "registered_at", "id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in TRIGRAM:
            op.create_index(name, "job_seeker", [column], postgresql_using="gin",
                            postgresql_ops={column: "gin_trgm_ops"})


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name, _column in TRIGRAM:
            op.drop_index(name, table_name="job_seeker")
    op.drop_index("ix_job_seeker_eligible", table_name="job_seeker")
    op.drop_index("ix_audit_event_object", table_name="audit_event")
    op.drop_table("report_figures_snapshot")
    op.drop_table("report_figures_generation")
