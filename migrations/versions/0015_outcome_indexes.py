"""Indexes for the outcome dashboards at network scale (bench/outcomes.py): survey answers by
item carrying the response, phase and value, so the per-scale change and the Moore levels
read a hub's answers from the index alone, and enrollments by program and status, so the
enrolled counts do too. Each replaces the single-column index it starts with.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 21:40:00.000000
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_answer_item_id'))
        batch_op.create_index('ix_survey_answer_item_covering', ['item_id', 'response_id', 'phase', 'number'], unique=False)

    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrollment_program_id'))
        batch_op.create_index('ix_enrollment_program_id_status', ['program_id', 'status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.drop_index('ix_enrollment_program_id_status')
        batch_op.create_index(batch_op.f('ix_enrollment_program_id'), ['program_id'], unique=False)

    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_answer_item_covering')
        batch_op.create_index(batch_op.f('ix_survey_answer_item_id'), ['item_id'], unique=False)
