"""case recommendations and program lead faculty

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 02:30:02.550427
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('case_recommendation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('restated_question', sa.Text(), nullable=False),
    sa.Column('diagnostic_considerations', sa.Text(), nullable=False),
    sa.Column('treatment', sa.Text(), nullable=False),
    sa.Column('supports', sa.Text(), nullable=False),
    sa.Column('safety_plan', sa.Text(), nullable=False),
    sa.Column('follow_up', sa.Text(), nullable=False),
    sa.Column('resource_ids', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('drafted_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('released_by_id', sa.Integer(), nullable=True),
    sa.Column('released_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['case_consult.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['drafted_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['released_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_id')
    )
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lead_faculty_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            'fk_program_lead_faculty_id_user_account', 'user_account', ['lead_faculty_id'], ['id'], ondelete='SET NULL')



def downgrade() -> None:
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.drop_constraint('fk_program_lead_faculty_id_user_account', type_='foreignkey')
        batch_op.drop_column('lead_faculty_id')

    op.drop_table('case_recommendation')
