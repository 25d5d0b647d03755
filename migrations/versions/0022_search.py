"""The company graduate search's tier index: consenting graduates by Bontang KTP and employment status, newest
first, with the best certificate validity alongside; and statistics on how those flags go together (KTP and
status are far from independent: without them the planner expects rows in an empty part and walks the whole
table looking for them). PostgreSQL only, like the trigram indexes.

Revision ID: 0022_search
Revises: 0021_ranking_snapshot
"""
import sqlalchemy as sa
from alembic import op

revision = "0022_search"
down_revision = "0021_ranking_snapshot"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.create_index("ix_job_seeker_graduate_tier", "job_seeker", ["has_bontang_ktp", "employment_status", "id"],
                        postgresql_include=["best_valid_until"],
                        postgresql_where=sa.text("consent_to_share IS true AND is_graduate IS true"))
        op.execute("CREATE STATISTICS IF NOT EXISTS st_job_seeker_graduate_flags (mcv) "
                   "ON has_bontang_ktp, employment_status, consent_to_share, is_graduate FROM job_seeker")
        op.execute("ANALYZE job_seeker")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP STATISTICS IF EXISTS st_job_seeker_graduate_flags")
        op.drop_index("ix_job_seeker_graduate_tier", table_name="job_seeker")
