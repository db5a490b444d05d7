"""sync issues: how an admin resolved one (resent, set aside), by whom, why

Revision ID: 0009_syncissues
Revises: 0005_merge
Create Date: 2026-11-23 17:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009_syncissues'
down_revision = '0007_id_types'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_issues') as b:
        b.add_column(sa.Column('resolution', sa.String(length=16), nullable=True))
        b.add_column(sa.Column('resolved_by', sa.String(length=200), nullable=True))
        b.add_column(sa.Column('resolution_note', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sync_issues') as b:
        b.drop_column('resolution_note')
        b.drop_column('resolved_by')
        b.drop_column('resolution')
