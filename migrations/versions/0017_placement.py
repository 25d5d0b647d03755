"""Hiring (issue 12b): one active placement per person, the end of a placement, interviews and the job seeker's
e-mails, workforce reports (wajib lapor).

Revision ID: 0017_placement
Revises: 0014_scale_indexes
"""
import sqlalchemy as sa
from alembic import op

revision = "0017_placement"
down_revision = "0016_matching"
branch_labels = None
depends_on = None

ACTIVE = sa.text("ended_on IS NULL")


def upgrade():
    with op.batch_alter_table("placement") as batch:
        batch.add_column(sa.Column("ended_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("end_reason", sa.String(length=20), nullable=False, server_default=""))
        batch.add_column(sa.Column("end_note", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("ended_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("nonlocal_justification", sa.Text(), nullable=False, server_default=""))
        batch.create_foreign_key(op.f("fk_placement_ended_by_id_user_account"), "user_account", ["ended_by_id"], ["id"])
    op.create_table(
        "workforce_report", sa.Column("id", sa.Integer(), nullable=False), sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False), sa.Column("semester", sa.Integer(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False), sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("local", sa.Integer(), nullable=False), sa.Column("nonlocal", sa.Integer(), nullable=False),
        sa.Column("managers", sa.Integer(), nullable=False), sa.Column("supervisors", sa.Integer(), nullable=False),
        sa.Column("operatives", sa.Integer(), nullable=False), sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], name=op.f("fk_workforce_report_company_id_company")),
        sa.ForeignKeyConstraint(["submitted_by_id"], ["user_account.id"],
                                name=op.f("fk_workforce_report_submitted_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workforce_report")),
        sa.UniqueConstraint("company_id", "year", "semester", name="uq_workforce_report_period"))
    op.create_index(op.f("ix_workforce_report_company_id"), "workforce_report", ["company_id"])
    op.create_table(
        "workforce_reminder", sa.Column("id", sa.Integer(), nullable=False), sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False), sa.Column("semester", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False), sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], name=op.f("fk_workforce_reminder_company_id_company")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workforce_reminder")),
        sa.UniqueConstraint("company_id", "year", "semester", "kind", name="uq_workforce_reminder"))
    op.create_index(op.f("ix_workforce_reminder_company_id"), "workforce_reminder", ["company_id"])
    with op.batch_alter_table("hiring_request") as batch:
        batch.add_column(sa.Column("job_description", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("duties", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("assigned_officer_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_hiring_request_assigned_officer_id_user_account"), "user_account",
                                 ["assigned_officer_id"], ["id"])
        batch.create_index(op.f("ix_hiring_request_assigned_officer_id"), ["assigned_officer_id"])
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
    with op.batch_alter_table("hiring_request") as batch:
        batch.drop_index(op.f("ix_hiring_request_assigned_officer_id"))
        batch.drop_constraint(op.f("fk_hiring_request_assigned_officer_id_user_account"), type_="foreignkey")
        for column in ("assigned_officer_id", "duties", "job_description"):
            batch.drop_column(column)
    op.drop_table("workforce_reminder")
    op.drop_table("workforce_report")
    op.drop_index("uq_placement_active_seeker", table_name="placement")
    with op.batch_alter_table("candidate_proposal") as batch:
        for column in ("seeker_told", "seeker_step", "interview_note", "interview_contact", "interview_place",
                       "interview_at"):
            batch.drop_column(column)
    with op.batch_alter_table("placement") as batch:
        batch.drop_constraint(op.f("fk_placement_ended_by_id_user_account"), type_="foreignkey")
        for column in ("nonlocal_justification", "ended_by_id", "end_note", "end_reason", "ended_on"):
            batch.drop_column(column)
