"""job failures: items a batch job could not do, for /admin/mail; failed claims of a
certificate batch

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 01:51:02.469998
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('job_failure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('item', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('error', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('job_failure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_failure_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_job_failure_job'), ['job'], unique=False)
    with op.batch_alter_table('cme_issue_batch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed', sa.Integer(), nullable=False, server_default='0'))



def downgrade() -> None:
    with op.batch_alter_table('cme_issue_batch', schema=None) as batch_op:
        batch_op.drop_column('failed')
    with op.batch_alter_table('job_failure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_failure_job'))
        batch_op.drop_index(batch_op.f('ix_job_failure_at'))

    op.drop_table('job_failure')
