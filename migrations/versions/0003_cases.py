"""cases

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 01:40:09.002545
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('case_consult',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('submitter_id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('follow_up_of_id', sa.Integer(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('age_value', sa.Integer(), nullable=True),
    sa.Column('age_unit', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
    sa.Column('sex', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('gender', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('school_setting', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('concerns', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('history', sa.Text(), nullable=False),
    sa.Column('screening', sa.Text(), nullable=False),
    sa.Column('medications', sa.Text(), nullable=False),
    sa.Column('tried', sa.Text(), nullable=False),
    sa.Column('family_context', sa.Text(), nullable=False),
    sa.Column('safety_concerns', sa.Text(), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('attested', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['follow_up_of_id'], ['case_consult.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['program_session.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submitter_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('case_consult', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_consult_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_consult_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_consult_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_consult_submitter_id'), ['submitter_id'], unique=False)

    op.create_table('case_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('from_status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('to_status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['case_id'], ['case_consult.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_event_case_id'), ['case_id'], unique=False)

    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.add_column(sa.Column('participants_see_cases', sa.Boolean(), nullable=False, server_default=sa.true()))

    with op.batch_alter_table('program_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('case_capacity', sa.Integer(), nullable=False, server_default='2'))



def downgrade() -> None:
    with op.batch_alter_table('program_session', schema=None) as batch_op:
        batch_op.drop_column('case_capacity')

    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.drop_column('participants_see_cases')

    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_event_case_id'))

    op.drop_table('case_event')
    with op.batch_alter_table('case_consult', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_consult_submitter_id'))
        batch_op.drop_index(batch_op.f('ix_case_consult_status'))
        batch_op.drop_index(batch_op.f('ix_case_consult_session_id'))
        batch_op.drop_index(batch_op.f('ix_case_consult_program_id'))

    op.drop_table('case_consult')
