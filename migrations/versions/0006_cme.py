"""cme

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 03:13:55.962780
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('cme_disclosure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('has_relationships', sa.Boolean(), nullable=False),
    sa.Column('relationships', sa.Text(), nullable=False),
    sa.Column('mitigation', sa.Text(), nullable=False),
    sa.Column('mitigated_by_id', sa.Integer(), nullable=True),
    sa.Column('mitigated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['mitigated_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('cme_disclosure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cme_disclosure_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cme_disclosure_user_id'), ['user_id'], unique=False)

    op.create_table('cme_issue_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('period_from', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('period_to', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('started_by_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['started_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('cme_issue_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cme_issue_batch_program_id'), ['program_id'], unique=False)

    op.create_table('cme_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('cme_question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cme_question_program_id'), ['program_id'], unique=False)

    op.create_table('cme_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('joint_providers', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('ama_enabled', sa.Boolean(), nullable=False),
    sa.Column('ama_max_per_session', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('participation_enabled', sa.Boolean(), nullable=False),
    sa.Column('moc_enabled', sa.Boolean(), nullable=False),
    sa.Column('moc_points_per_session', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('accme_activity_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('evaluation_required', sa.Boolean(), nullable=False),
    sa.Column('claim_window_days', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('program_id')
    )
    op.create_table('cme_claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=15), nullable=False),
    sa.Column('credits', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('moc', sa.Boolean(), nullable=False),
    sa.Column('moc_points', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('first_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('last_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('abp_id', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('birth_month_day', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('moc_consent', sa.Boolean(), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['program_session.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'user_id')
    )
    with op.batch_alter_table('cme_claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cme_claim_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cme_claim_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cme_claim_user_id'), ['user_id'], unique=False)

    op.create_table('cme_evaluation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('answers', sa.Text(), nullable=False),
    sa.Column('intended_change', sa.Text(), nullable=False),
    sa.Column('bias_free', sa.Boolean(), nullable=False),
    sa.Column('bias_comment', sa.Text(), nullable=False),
    sa.Column('overall', sa.Integer(), nullable=False),
    sa.Column('suggestions', sa.Text(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['program_session.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'user_id')
    )
    with op.batch_alter_table('cme_evaluation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cme_evaluation_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cme_evaluation_user_id'), ['user_id'], unique=False)

    op.create_table('cme_certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('superseded_by_id', sa.Integer(), nullable=True),
    sa.Column('revoked_reason', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('learner_name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('activity_title', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('activity_date', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=15), nullable=False),
    sa.Column('credits', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('credential_jwt', sa.Text(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['cme_claim.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['superseded_by_id'], ['cme_certificate.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    with op.batch_alter_table('cme_certificate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cme_certificate_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cme_certificate_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cme_certificate_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('cme_certificate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cme_certificate_user_id'))
        batch_op.drop_index(batch_op.f('ix_cme_certificate_program_id'))
        batch_op.drop_index(batch_op.f('ix_cme_certificate_claim_id'))

    op.drop_table('cme_certificate')
    with op.batch_alter_table('cme_evaluation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cme_evaluation_user_id'))
        batch_op.drop_index(batch_op.f('ix_cme_evaluation_session_id'))

    op.drop_table('cme_evaluation')
    with op.batch_alter_table('cme_claim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cme_claim_user_id'))
        batch_op.drop_index(batch_op.f('ix_cme_claim_session_id'))
        batch_op.drop_index(batch_op.f('ix_cme_claim_program_id'))

    op.drop_table('cme_claim')
    op.drop_table('cme_settings')
    with op.batch_alter_table('cme_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cme_question_program_id'))

    op.drop_table('cme_question')
    with op.batch_alter_table('cme_issue_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cme_issue_batch_program_id'))

    op.drop_table('cme_issue_batch')
    with op.batch_alter_table('cme_disclosure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cme_disclosure_user_id'))
        batch_op.drop_index(batch_op.f('ix_cme_disclosure_program_id'))

    op.drop_table('cme_disclosure')
