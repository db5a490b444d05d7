"""results out: who collected (role, ID type, 授权委托书) and how it was mailed (courier code, cost bearer)

Hand-out rows stored before keep their meaning: the role, ID type, courier code and cost
bearer are empty (unknown), no 授权委托书 is recorded.

Revision ID: 0012_results_out
Revises: 0010_applications
Create Date: 2026-11-23 20:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0012_results_out"
down_revision = "0011_clock"
branch_labels = None
depends_on = None

def _columns() -> tuple[sa.Column, ...]:
    return (
        sa.Column("receiver_role", sa.String(length=12), nullable=False, server_default=""),
        sa.Column("receiver_id_type", sa.String(length=20), nullable=False, server_default=""),
        sa.Column("authorisation_kept", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("authorisation_scope", sa.String(length=200), nullable=False, server_default=""),
        sa.Column("authorisation_date", sa.Date(), nullable=True),
        sa.Column("courier_code", sa.String(length=16), nullable=False, server_default=""),
        sa.Column("cost_bearer", sa.String(length=16), nullable=False, server_default=""),
    )


def upgrade() -> None:
    with op.batch_alter_table("handouts") as batch:
        for column in _columns():
            batch.add_column(column)


def downgrade() -> None:
    with op.batch_alter_table("handouts") as batch:
        for column in reversed(_columns()):
            batch.drop_column(column.name)
