"""task queue; outbox secrets kept encrypted until delivery

Revision ID: 0009_task_queue
Revises: 82fd3e346227
Create Date: 2026-12-01 21:29:03.544924

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_task_queue'
down_revision = '82fd3e346227'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('background_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('seal_batch', 'mou_archive', 'mou_invite', 'mou_remind', name='jobkind', native_enum=False, length=20), nullable=False),
    sa.Column('status', sa.Enum('queued', 'running', 'done', 'failed', name='jobstatus', native_enum=False, length=10), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('dedupe_key', sa.String(length=120), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('file_bytes', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_background_job_owner_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_background_job')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_background_job_dedupe_key'))
    )
    with op.batch_alter_table('background_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_background_job_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_background_job_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_background_job_status'), ['status'], unique=False)

    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminder_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('seal_queued_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('seal_started_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('seal_attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('seal_error', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('seal_retry_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('private_body', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('has_secret', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_column('has_secret')
        batch_op.drop_column('private_body')
        batch_op.drop_column('next_attempt_at')

    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_column('seal_retry_at')
        batch_op.drop_column('seal_error')
        batch_op.drop_column('seal_attempts')
        batch_op.drop_column('seal_started_at')
        batch_op.drop_column('seal_queued_at')
        batch_op.drop_column('reminder_count')

    with op.batch_alter_table('background_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_background_job_status'))
        batch_op.drop_index(batch_op.f('ix_background_job_owner_id'))
        batch_op.drop_index(batch_op.f('ix_background_job_kind'))

    op.drop_table('background_job')
