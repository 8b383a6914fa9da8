"""late claims: a learner asks to claim credit after the window closed; a CME
administrator approves or declines

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 07:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('cme_late_claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['program_session.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'user_id')
    )
    with op.batch_alter_table('cme_late_claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cme_late_claim_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cme_late_claim_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cme_late_claim_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cme_late_claim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cme_late_claim_user_id'))
        batch_op.drop_index(batch_op.f('ix_cme_late_claim_session_id'))
        batch_op.drop_index(batch_op.f('ix_cme_late_claim_program_id'))
    op.drop_table('cme_late_claim')
