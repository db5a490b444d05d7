"""progress_attempts: 查询密码 tries on the public progress lookup, for rate limiting

Revision ID: 0007_papers
Revises: 0002_security
Create Date: 2026-11-23 20:15:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0007_papers'
down_revision = "0004_enquiries"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'progress_attempts',
        sa.Column('id', BigId, primary_key=True, autoincrement=True),
        sa.Column('client', sa.String(length=64), nullable=False),
        sa.Column('case_no', sa.String(length=40), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('ok', sa.Boolean(), nullable=False),
    )
    op.create_index('ix_progress_attempts_client_at', 'progress_attempts', ['client', 'at'])
    op.create_index('ix_progress_attempts_case_at', 'progress_attempts', ['case_no', 'at'])


def downgrade() -> None:
    op.drop_index('ix_progress_attempts_case_at', table_name='progress_attempts')
    op.drop_index('ix_progress_attempts_client_at', table_name='progress_attempts')
    op.drop_table('progress_attempts')
