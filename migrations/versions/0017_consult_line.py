"""consult line, practices, resources, integration profile

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('community_resource',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hub_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('service_types', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('min_age', sa.Integer(), nullable=False),
    sa.Column('max_age', sa.Integer(), nullable=False),
    sa.Column('languages', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('payers', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('telehealth', sa.Boolean(), nullable=False),
    sa.Column('wait_weeks', sa.Integer(), nullable=True),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('website', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('city', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('us_state', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['hub_id'], ['hub.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('community_resource', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_community_resource_hub_id'), ['hub_id'], unique=False)

    op.create_table('consult_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hub_id', sa.Integer(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('response_target_minutes', sa.Integer(), nullable=False),
    sa.Column('billing_support', sa.Boolean(), nullable=False),
    sa.Column('rotation_starts_on', sa.Date(), nullable=False),
    sa.Column('handover_weekday', sa.Integer(), nullable=False),
    sa.Column('handover_hour', sa.Integer(), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['hub_id'], ['hub.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slug')
    )
    with op.batch_alter_table('consult_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consult_line_hub_id'), ['hub_id'], unique=False)

    op.create_table('practice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('practice_setting', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('practice_type', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('zip_code', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('us_state', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('consult_line_enrollment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('enrolled_by_id', sa.Integer(), nullable=True),
    sa.Column('enrolled_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['enrolled_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['line_id'], ['consult_line.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['practice_id'], ['practice.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('line_id', 'practice_id')
    )
    with op.batch_alter_table('consult_line_enrollment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consult_line_enrollment_line_id'), ['line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consult_line_enrollment_practice_id'), ['practice_id'], unique=False)

    op.create_table('consult_on_call_slot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['line_id'], ['consult_line.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('line_id', 'position')
    )
    with op.batch_alter_table('consult_on_call_slot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consult_on_call_slot_line_id'), ['line_id'], unique=False)

    op.create_table('consult_on_call_substitution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['line_id'], ['consult_line.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('consult_on_call_substitution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consult_on_call_substitution_line_id'), ['line_id'], unique=False)

    op.create_table('integration_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('answers', sa.Text(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('completed_by_id', sa.Integer(), nullable=True),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['completed_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['practice_id'], ['practice.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('integration_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_integration_assessment_practice_id'), ['practice_id'], unique=False)

    op.create_table('practice_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['approved_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['practice_id'], ['practice.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('practice_id', 'user_id')
    )
    with op.batch_alter_table('practice_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_member_practice_id'), ['practice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_member_user_id'), ['user_id'], unique=False)

    op.create_table('consult_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('requester_id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('urgency', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('preferred_response', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('callback_phone', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('age_value', sa.Integer(), nullable=True),
    sa.Column('age_unit', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
    sa.Column('sex', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('reasons', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('on_medication', sa.Boolean(), nullable=False),
    sa.Column('concerns', sa.Text(), nullable=False),
    sa.Column('medications', sa.Text(), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('present_at_echo', sa.Boolean(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('target_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('assigned_to_id', sa.Integer(), nullable=True),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('escalated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('responded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('callback_started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('callback_ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('discussion_minutes', sa.Integer(), nullable=True),
    sa.Column('review_minutes', sa.Integer(), nullable=True),
    sa.Column('modality', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('requester_minutes', sa.Integer(), nullable=True),
    sa.Column('consent_attested', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['assigned_to_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['case_id'], ['case_consult.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['line_id'], ['consult_line.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['practice_id'], ['practice.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requester_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('consult_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consult_request_assigned_to_id'), ['assigned_to_id'], unique=False)
        batch_op.create_index('ix_consult_request_line_status_created', ['line_id', 'status', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_consult_request_practice_id'), ['practice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consult_request_requester_id'), ['requester_id'], unique=False)

    op.create_table('consult_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['request_id'], ['consult_request.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subject_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('consult_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consult_event_request_id'), ['request_id'], unique=False)

    op.create_table('consult_follow_up',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=14), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['closed_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['request_id'], ['consult_request.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resource_id'], ['community_resource.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('consult_follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consult_follow_up_request_id'), ['request_id'], unique=False)

    op.create_table('consult_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('assessment', sa.Text(), nullable=False),
    sa.Column('recommendations', sa.Text(), nullable=False),
    sa.Column('safety', sa.Text(), nullable=False),
    sa.Column('follow_up', sa.Text(), nullable=False),
    sa.Column('recommendation_types', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('disposition', sqlmodel.sql.sqltypes.AutoString(length=14), nullable=False),
    sa.Column('written_by_id', sa.Integer(), nullable=True),
    sa.Column('written_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['consult_request.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['written_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('request_id')
    )
    op.create_table('consult_resource',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('attached_by_id', sa.Integer(), nullable=True),
    sa.Column('attached_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attached_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['request_id'], ['consult_request.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resource_id'], ['community_resource.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('request_id', 'resource_id')
    )
    with op.batch_alter_table('consult_resource', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consult_resource_request_id'), ['request_id'], unique=False)

    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('work_phone', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False, server_default=''))



def downgrade() -> None:
    # SQLite (3.35+) drops a plain column in place. A batch copy would drop and recreate
    # user_account, and with foreign keys on, dropping it deletes every row that points
    # at a person (cascades), survey answers included.
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE user_account DROP COLUMN work_phone')
    else:
        op.drop_column('user_account', 'work_phone')

    with op.batch_alter_table('consult_resource', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consult_resource_request_id'))

    op.drop_table('consult_resource')
    op.drop_table('consult_note')
    with op.batch_alter_table('consult_follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consult_follow_up_request_id'))

    op.drop_table('consult_follow_up')
    with op.batch_alter_table('consult_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consult_event_request_id'))

    op.drop_table('consult_event')
    with op.batch_alter_table('consult_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consult_request_requester_id'))
        batch_op.drop_index(batch_op.f('ix_consult_request_practice_id'))
        batch_op.drop_index('ix_consult_request_line_status_created')
        batch_op.drop_index(batch_op.f('ix_consult_request_assigned_to_id'))

    op.drop_table('consult_request')
    with op.batch_alter_table('practice_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_member_user_id'))
        batch_op.drop_index(batch_op.f('ix_practice_member_practice_id'))

    op.drop_table('practice_member')
    with op.batch_alter_table('integration_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_integration_assessment_practice_id'))

    op.drop_table('integration_assessment')
    with op.batch_alter_table('consult_on_call_substitution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consult_on_call_substitution_line_id'))

    op.drop_table('consult_on_call_substitution')
    with op.batch_alter_table('consult_on_call_slot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consult_on_call_slot_line_id'))

    op.drop_table('consult_on_call_slot')
    with op.batch_alter_table('consult_line_enrollment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consult_line_enrollment_practice_id'))
        batch_op.drop_index(batch_op.f('ix_consult_line_enrollment_line_id'))

    op.drop_table('consult_line_enrollment')
    op.drop_table('practice')
    with op.batch_alter_table('consult_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consult_line_hub_id'))

    op.drop_table('consult_line')
    with op.batch_alter_table('community_resource', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_community_resource_hub_id'))

    op.drop_table('community_resource')
