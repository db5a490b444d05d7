"""cases: the legal ground of a refusal (不予受理) and the organ the applicant is referred to

Cases stored before keep both empty: their refusal notice falls back to the reason's text.

Revision ID: 0015_papers
Revises: 0010_applications
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0015_papers"
down_revision = "0010_applications"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("refusal_ground", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("refer_to", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("refer_to")
        batch.drop_column("refusal_ground")
