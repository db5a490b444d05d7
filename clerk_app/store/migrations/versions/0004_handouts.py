"""handouts: results handed out at the window or mailed

Revision ID: 0004_handouts
Revises: 0001
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_handouts"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handouts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("receiver_kind", sa.String(length=10), nullable=True),
        sa.Column("receiver_name", sa.String(length=200), nullable=True),
        sa.Column("receiver_id_number", sa.String(length=32), nullable=True),
        sa.Column("receiver_phone", sa.String(length=32), nullable=True),
        sa.Column("courier", sa.String(length=64), nullable=False),
        sa.Column("tracking_no", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("handed_at", sa.DateTime(), nullable=False),
        sa.Column("clerk_id", sa.String(length=64), nullable=False),
        sa.Column("clerk_name", sa.String(length=100), nullable=False),
        sa.Column("clerk_badge", sa.String(length=32), nullable=False),
        sa.Column("on_behalf_of_id", sa.String(length=64), nullable=True),
        sa.Column("on_behalf_of_name", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id"),
    )


def downgrade() -> None:
    op.drop_table("handouts")
