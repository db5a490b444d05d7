"""staff.supervisor: who may close a 差评 follow-up (好差评)

Ratings themselves are case notes (kinds ``rating`` and ``rating_followup_closed``) and need no
table; only the supervisor flag on a staff member is new (false for everyone already stored; the
central roster or ``clerk staff authorise --supervisor`` sets it).

Revision ID: 0013_ratings
Revises: 0010_applications
Create Date: 2026-11-23 19:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0013_ratings"
down_revision = "0012_results_out"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("supervisor", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("supervisor")
