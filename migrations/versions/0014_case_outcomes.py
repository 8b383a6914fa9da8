"""Case outcome reports: what became of a case's recommendations, asked of the presenter
some weeks after release (cases released before this revision are not asked)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 21:27:42.567598
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('case_outcome',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('adoption', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('barriers', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('child_status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('wants_to_present', sa.Boolean(), nullable=False),
    sa.Column('invited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['case_consult.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_id')
    )
    with op.batch_alter_table('case_outcome', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_outcome_due_at'), ['due_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('case_outcome', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_outcome_due_at'))
    op.drop_table('case_outcome')
