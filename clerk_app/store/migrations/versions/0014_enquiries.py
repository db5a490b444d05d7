"""enquiries: 咨询登记 (首问负责), a question answered at the window without opening a case

Revision ID: 0014_enquiries
Revises: 0010_applications
Create Date: 2026-11-23 19:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0014_enquiries'
down_revision = '0013_ratings'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'enquiries',
        sa.Column('id', sa.String(length=36), primary_key=True),
        sa.Column('window_id', sa.String(length=11), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('clerk_id', sa.String(length=64), nullable=False),
        sa.Column('clerk_name', sa.String(length=100), nullable=False),
        sa.Column('clerk_badge', sa.String(length=32), nullable=False, server_default=''),
        sa.Column('on_behalf_of_id', sa.String(length=64), nullable=True),
        sa.Column('on_behalf_of_name', sa.String(length=100), nullable=True),
        sa.Column('asker_name', sa.String(length=100), nullable=False, server_default=''),
        sa.Column('asker_phone', sa.String(length=32), nullable=False, server_default=''),
        sa.Column('asker_id_masked', sa.String(length=40), nullable=False, server_default=''),
        sa.Column('item_code', sa.String(length=64), nullable=False),
        sa.Column('item_name', sa.String(length=200), nullable=False),
        sa.Column('department', sa.String(length=200), nullable=False, server_default=''),
        sa.Column('question', sa.Text(), nullable=False, server_default=''),
        sa.Column('answer', sa.Text(), nullable=False),
        sa.Column('materials_printed', sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index('ix_enquiries_at', 'enquiries', ['at'])
    op.create_index('ix_enquiries_clerk_id', 'enquiries', ['clerk_id'])


def downgrade() -> None:
    op.drop_index('ix_enquiries_clerk_id', 'enquiries')
    op.drop_index('ix_enquiries_at', 'enquiries')
    op.drop_table('enquiries')
