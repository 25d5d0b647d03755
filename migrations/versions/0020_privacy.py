"""The request id on audit events (outside the chain's MAC) and the record of anonymised job seekers.

Revision ID: 0020_privacy
Revises: 0014_scale_indexes
"""
import sqlalchemy as sa
from alembic import op

revision = "0020_privacy"
down_revision = "0017_placement"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("audit_event") as batch:
        batch.add_column(sa.Column("request_id", sa.String(length=64), nullable=True))
    op.create_table(
        "privacy_erasure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_seeker_id", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.Column("erased_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["job_seeker_id"], ["job_seeker.id"], name=op.f("fk_privacy_erasure_job_seeker_id_job_seeker")),
        sa.ForeignKeyConstraint(["erased_by_id"], ["user_account.id"], name=op.f("fk_privacy_erasure_erased_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_erasure")),
        sa.UniqueConstraint("job_seeker_id", name=op.f("uq_privacy_erasure_job_seeker_id")),
    )


def downgrade():
    op.drop_table("privacy_erasure")
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_column("request_id")
