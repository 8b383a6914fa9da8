"""PARS exports: each PARS learner file downloaded (or written by the command line), and
the claims it held, so the CME home can say what is still to be reported

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 09:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('cme_pars_export',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('exported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('exported_by_id', sa.Integer(), nullable=True),
    sa.Column('period_from', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('period_to', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('file_format', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('latest_claim_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['exported_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('cme_pars_export', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cme_pars_export_program_id'), ['program_id'], unique=False)

    op.create_table('cme_pars_export_claim',
    sa.Column('export_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['cme_claim.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['export_id'], ['cme_pars_export.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('export_id', 'claim_id')
    )
    with op.batch_alter_table('cme_pars_export_claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cme_pars_export_claim_claim_id'), ['claim_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cme_pars_export_claim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cme_pars_export_claim_claim_id'))
    op.drop_table('cme_pars_export_claim')
    with op.batch_alter_table('cme_pars_export', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cme_pars_export_program_id'))
    op.drop_table('cme_pars_export')
