"""attendance

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 02:44:35.443415
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('attendance_alias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hub_id', sa.Integer(), nullable=False),
    sa.Column('report_key', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['hub_id'], ['hub.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('hub_id', 'report_key')
    )
    with op.batch_alter_table('attendance_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_alias_hub_id'), ['hub_id'], unique=False)

    op.create_table('user_email',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('email')
    )
    with op.batch_alter_table('user_email', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_email_user_id'), ['user_id'], unique=False)

    op.create_table('attendance_adjustment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('seconds', sa.Integer(), nullable=False),
    sa.Column('previous_seconds', sa.Integer(), nullable=False),
    sa.Column('previous_source', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['program_session.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attendance_adjustment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_adjustment_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_adjustment_user_id'), ['user_id'], unique=False)

    op.create_table('attendance_checkin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('checked_in_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('checked_out_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['program_session.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'user_id')
    )
    with op.batch_alter_table('attendance_checkin', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_checkin_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_checkin_user_id'), ['user_id'], unique=False)

    op.create_table('attendance_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('format', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.Column('matched', sa.Integer(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['program_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attendance_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_import_session_id'), ['session_id'], unique=False)

    op.create_table('zoom_presence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('left_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['program_session.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'participant_key', 'joined_at')
    )
    with op.batch_alter_table('zoom_presence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_zoom_presence_session_id'), ['session_id'], unique=False)

    op.create_table('attendance_interval',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('start_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('end_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['import_id'], ['attendance_import.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['program_session.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'user_id', 'source', 'start_at', 'end_at')
    )
    with op.batch_alter_table('attendance_interval', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_interval_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_interval_user_id'), ['user_id'], unique=False)

    op.create_table('attendance_unmatched',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('report_key', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('intervals', sa.Text(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.Column('resolved_user_id', sa.Integer(), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['import_id'], ['attendance_import.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolved_user_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['program_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'report_key')
    )
    with op.batch_alter_table('attendance_unmatched', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_unmatched_session_id'), ['session_id'], unique=False)

    with op.batch_alter_table('hub', schema=None) as batch_op:
        batch_op.add_column(sa.Column('zoom_webhook_secret', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False, server_default=''))



def downgrade() -> None:
    with op.batch_alter_table('hub', schema=None) as batch_op:
        batch_op.drop_column('zoom_webhook_secret')

    with op.batch_alter_table('attendance_unmatched', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_unmatched_session_id'))

    op.drop_table('attendance_unmatched')
    with op.batch_alter_table('attendance_interval', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_interval_user_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_interval_session_id'))

    op.drop_table('attendance_interval')
    with op.batch_alter_table('zoom_presence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_zoom_presence_session_id'))

    op.drop_table('zoom_presence')
    with op.batch_alter_table('attendance_import', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_import_session_id'))

    op.drop_table('attendance_import')
    with op.batch_alter_table('attendance_checkin', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_checkin_user_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_checkin_session_id'))

    op.drop_table('attendance_checkin')
    with op.batch_alter_table('attendance_adjustment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_adjustment_user_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_adjustment_session_id'))

    op.drop_table('attendance_adjustment')
    with op.batch_alter_table('user_email', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_email_user_id'))

    op.drop_table('user_email')
    with op.batch_alter_table('attendance_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_alias_hub_id'))

    op.drop_table('attendance_alias')
