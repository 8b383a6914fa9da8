"""hubs' API service tokens: a token may belong to a hub instead of a person (user_id may
be empty, and a token has a person or a hub), and who made and who revoked each token

Existing tokens were made, and any revoked, by their owner. On SQLite the table is rebuilt,
and the rate-limit windows (at most ten minutes of counts) go with the old table.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('revoked_by_id', sa.Integer(), nullable=True))
        batch_op.alter_column('user_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_foreign_key(
            'fk_api_token_created_by_id', 'user_account', ['created_by_id'], ['id'],
            ondelete='SET NULL',
        )
        batch_op.create_foreign_key(
            'fk_api_token_revoked_by_id', 'user_account', ['revoked_by_id'], ['id'],
            ondelete='SET NULL',
        )
        batch_op.create_check_constraint(
            'ck_api_token_owner', 'user_id IS NOT NULL OR hub_id IS NOT NULL'
        )
    op.execute('UPDATE api_token SET created_by_id = user_id')
    op.execute('UPDATE api_token SET revoked_by_id = user_id WHERE revoked_at IS NOT NULL')


def downgrade() -> None:
    # Revision 0020 has no place for a token without a person.
    op.execute('DELETE FROM api_token WHERE user_id IS NULL')
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_constraint('ck_api_token_owner', type_='check')
        batch_op.drop_constraint('fk_api_token_revoked_by_id', type_='foreignkey')
        batch_op.drop_constraint('fk_api_token_created_by_id', type_='foreignkey')
        batch_op.alter_column('user_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('revoked_by_id')
        batch_op.drop_column('created_by_id')
