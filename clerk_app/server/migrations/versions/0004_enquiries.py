"""enquiries: the 咨询登记 windows record (an enquiry that opened no case)

Revision ID: 0004_enquiries
Revises: 0002_security
Create Date: 2026-11-23 19:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004_enquiries'
down_revision = '0002_security'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'enquiries',
        sa.Column('id', sa.String(length=36), primary_key=True),
        sa.Column('window_id', sa.String(length=11), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('clerk_name', sa.String(length=100), nullable=False),
        sa.Column('item_code', sa.String(length=64), nullable=False),
        sa.Column('item_name', sa.String(length=200), nullable=False),
        sa.Column('department', sa.String(length=200), nullable=False),
        sa.Column('data_change_id', sa.String(length=64), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
    )
    op.create_index('ix_enquiries_window_id', 'enquiries', ['window_id'])
    op.create_index('ix_enquiries_at', 'enquiries', ['at'])
    op.create_index('ix_enquiries_item_code', 'enquiries', ['item_code'])


def downgrade() -> None:
    op.drop_table('enquiries')
