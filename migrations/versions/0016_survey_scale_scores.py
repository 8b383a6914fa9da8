"""Survey scale scores: each intake or completion response's mean per scale and moment, kept
with the response so the dashboards pair people without reading every answer; filled here
from the answers already given

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 22:22:32.191378
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('survey_scale_score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('scale', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('moment', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['survey_response.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('survey_scale_score', schema=None) as batch_op:
        batch_op.create_index('ix_survey_scale_score_program', ['program_id', 'scale', 'user_id', 'moment', 'score'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_scale_score_response_id'), ['response_id'], unique=False)

    # The same means echo.outcomes.surveys.scale_scores computes for a new response.
    op.execute(
        """
        INSERT INTO survey_scale_score (response_id, program_id, user_id, scale, moment, score)
        SELECT r.id, s.program_id, r.user_id, i.scale,
               CASE WHEN s.kind = 'pre' THEN 'pre'
                    ELSE coalesce(nullif(a.phase, ''), 'now') END,
               avg(a.number)
        FROM survey_answer a
        JOIN survey_item i ON i.id = a.item_id
        JOIN survey_response r ON r.id = a.response_id
        JOIN survey s ON s.id = r.survey_id
        WHERE s.kind IN ('pre', 'post') AND i.type = 'likert' AND i.scale <> ''
          AND a.number IS NOT NULL
        GROUP BY r.id, s.program_id, r.user_id, i.scale,
                 CASE WHEN s.kind = 'pre' THEN 'pre'
                      ELSE coalesce(nullif(a.phase, ''), 'now') END
        """
    )


def downgrade() -> None:
    with op.batch_alter_table('survey_scale_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_scale_score_response_id'))
        batch_op.drop_index('ix_survey_scale_score_program')
    op.drop_table('survey_scale_score')
