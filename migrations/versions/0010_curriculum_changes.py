"""curriculum changes: a curriculum applied to a program, with what its sessions held
before, so it can be undone for a day

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 07:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('curriculum_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('curriculum', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('applied_by_id', sa.Integer(), nullable=True),
    sa.Column('previous', sa.Text(), nullable=False),
    sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['applied_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('curriculum_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_curriculum_change_program_id'), ['program_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('curriculum_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_curriculum_change_program_id'))
    op.drop_table('curriculum_change')
