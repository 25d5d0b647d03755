"""Hiring (issue 12b): one active placement per person, the end of a placement, interviews and the job seeker's
e-mails.

Revision ID: 0017_placement
Revises: 0014_scale_indexes
"""
import sqlalchemy as sa
from alembic import op

revision = "0017_placement"
down_revision = "0014_scale_indexes"
branch_labels = None
depends_on = None

ACTIVE = sa.text("ended_on IS NULL")


def upgrade():
    with op.batch_alter_table("placement") as batch:
        batch.add_column(sa.Column("ended_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("end_reason", sa.String(length=20), nullable=False, server_default=""))
        batch.add_column(sa.Column("end_note", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("ended_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_placement_ended_by_id_user_account"), "user_account", ["ended_by_id"], ["id"])
    with op.batch_alter_table("candidate_proposal") as batch:
        batch.add_column(sa.Column("interview_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("interview_place", sa.String(length=300), nullable=False, server_default=""))
        batch.add_column(sa.Column("interview_contact", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(sa.Column("interview_note", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("seeker_step", sa.String(length=40), nullable=False, server_default=""))
        batch.add_column(sa.Column("seeker_told", sa.String(length=40), nullable=False, server_default=""))
    # A person placed twice before this release keeps the latest placement; the earlier ones end
    # on the later start date, so the unique index below can be built.
    op.execute("UPDATE placement SET ended_on = start_date, end_reason = 'duplikat' WHERE ended_on IS NULL AND EXISTS "
               "(SELECT 1 FROM placement later WHERE later.job_seeker_id = placement.job_seeker_id "
               "AND later.ended_on IS NULL AND later.id > placement.id)")
    op.create_index("uq_placement_active_seeker", "placement", ["job_seeker_id"], unique=True,
                    sqlite_where=ACTIVE, postgresql_where=ACTIVE)


def downgrade():
    op.drop_index("uq_placement_active_seeker", table_name="placement")
    with op.batch_alter_table("candidate_proposal") as batch:
        for column in ("seeker_told", "seeker_step", "interview_note", "interview_contact", "interview_place",
                       "interview_at"):
            batch.drop_column(column)
    with op.batch_alter_table("placement") as batch:
        batch.drop_constraint(op.f("fk_placement_ended_by_id_user_account"), type_="foreignkey")
        for column in ("ended_by_id", "end_note", "end_reason", "ended_on"):
            batch.drop_column(column)
