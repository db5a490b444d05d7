"""cases: the legal ground of a refusal (不予受理) and the organ the applicant is referred to; the
查询密码 of the applicant's voucher and the salted digest the centre checks it against

Cases stored before keep these empty: their refusal notice falls back to the reason's text, and
their voucher prints the password derived as before (the centre cannot check it).

Revision ID: 0015_papers
Revises: 0010_applications
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0015_papers"
down_revision = "0014_enquiries"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("refusal_ground", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("refer_to", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("query_password", sa.String(length=12), nullable=True))
        batch.add_column(sa.Column("query_password_hash", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("query_password_hash")
        batch.drop_column("query_password")
        batch.drop_column("refer_to")
        batch.drop_column("refusal_ground")
