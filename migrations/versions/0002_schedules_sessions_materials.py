"""schedules, sessions, materials and calendar feed version

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 01:14:45.431824
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('program_schedule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('first_date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('time_zone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('interval', sa.Integer(), nullable=False),
    sa.Column('weekdays', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('month_week', sa.Integer(), nullable=False),
    sa.Column('month_weekday', sa.Integer(), nullable=False),
    sa.Column('rule', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('count', sa.Integer(), nullable=True),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('meeting_url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('meeting_passcode', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('program_id')
    )
    op.create_table('program_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('occurrence_key', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('cancel_reason', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('moved', sa.Boolean(), nullable=False),
    sa.Column('topic_id', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('didactic_title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('didactic_presenter_id', sa.Integer(), nullable=True),
    sa.Column('didactic_objectives', sa.Text(), nullable=False),
    sa.Column('resource_ids', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('slides_url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('recording_url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['didactic_presenter_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('program_id', 'occurrence_key')
    )
    with op.batch_alter_table('program_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_session_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_program_session_starts_at'), ['starts_at'], unique=False)

    op.create_table('session_material',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['program_session.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('session_material', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_material_session_id'), ['session_id'], unique=False)

    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_feed_version', sa.Integer(), nullable=False, server_default='0'))



def downgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('calendar_feed_version')

    with op.batch_alter_table('session_material', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_material_session_id'))

    op.drop_table('session_material')
    with op.batch_alter_table('program_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_session_starts_at'))
        batch_op.drop_index(batch_op.f('ix_program_session_program_id'))

    op.drop_table('program_session')
    op.drop_table('program_schedule')
