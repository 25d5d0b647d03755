"""Matching that reads the request: a mandatory-certificate flag and a minimum of wanted skills on the
request; the score, an outside-the-filters flag and the staff's reason on a proposal; the proposal that
answered a company's ask.

Revision ID: 0016_matching
Revises: 0014_scale_indexes
"""
import sqlalchemy as sa
from alembic import op

revision = "0016_matching"
down_revision = "0015_signing_trust"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("hiring_request") as batch:
        batch.add_column(sa.Column("scheme_required", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("skills_min", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("candidate_proposal") as batch:
        batch.add_column(sa.Column("match_score", sa.Float(), nullable=True))
        batch.add_column(sa.Column("outside_filters", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("staff_reason", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("graduate_proposal_ask") as batch:
        batch.add_column(sa.Column("proposal_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_graduate_proposal_ask_proposal_id_candidate_proposal"), "candidate_proposal",
                                 ["proposal_id"], ["id"], ondelete="SET NULL")


def downgrade():
    with op.batch_alter_table("graduate_proposal_ask") as batch:
        batch.drop_constraint(op.f("fk_graduate_proposal_ask_proposal_id_candidate_proposal"), type_="foreignkey")
        batch.drop_column("proposal_id")
    with op.batch_alter_table("candidate_proposal") as batch:
        batch.drop_column("staff_reason")
        batch.drop_column("outside_filters")
        batch.drop_column("match_score")
    with op.batch_alter_table("hiring_request") as batch:
        batch.drop_column("skills_min")
        batch.drop_column("scheme_required")
