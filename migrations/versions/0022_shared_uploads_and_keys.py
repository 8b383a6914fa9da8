"""attendance report previews and the credential signing keys in the database, not in
ECHO_VAR_DIR, so every app machine sees them

The keys of ECHO_VAR_DIR/keys are imported on first use (echo.cme.keys); previews kept as
files (at most a day old) are not: they are uploaded again. Downgrading drops both tables:
keys made since are lost (revision 0021's code uses the files again), so credentials they
signed no longer verify.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0022'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('attendance_upload',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('kept_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['program_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'sha256')
    )
    with op.batch_alter_table('attendance_upload', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_upload_kept_at'), ['kept_at'], unique=False)

    op.create_table('signing_key',
    sa.Column('kid', sqlmodel.sql.sqltypes.AutoString(length=43), nullable=False),
    sa.Column('public_pem', sa.Text(), nullable=False),
    sa.Column('private_key', sa.LargeBinary(), nullable=True),
    sa.Column('is_current', sa.Boolean(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint(
        'is_current IS NULL OR private_key IS NOT NULL', name='ck_signing_key_current_private'
    ),
    sa.PrimaryKeyConstraint('kid'),
    sa.UniqueConstraint('is_current')
    )


def downgrade() -> None:
    op.drop_table('signing_key')
    with op.batch_alter_table('attendance_upload', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_upload_kept_at'))
    op.drop_table('attendance_upload')
