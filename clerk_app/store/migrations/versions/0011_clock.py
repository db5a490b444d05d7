"""clock: the days a case's promised time does not count (补正, 特别程序)

``cases.clock_stops`` keeps, as JSON (``protocol.records.ClockStop``), each 补正 the back
office asked (what is missing, when, and what arrived) and each special procedure of
行政许可法 art. 45; the due date is recomputed from them (``services/clock.py``).

Revision ID: 0011_clock
Revises: 0010_applications
Create Date: 2026-11-23 20:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0011_clock"
down_revision = "0010_applications"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as b:
        b.add_column(sa.Column("clock_stops", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("cases") as b:
        b.drop_column("clock_stops")
