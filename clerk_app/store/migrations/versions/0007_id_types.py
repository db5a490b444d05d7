"""applicants: the identity document type (id_type) joins the key of a returning applicant

Rows already stored are persons with a resident ID or companies with a credit code: the
type is derived from ``kind``.

Revision ID: 0007_id_types
Revises: 0005_merge
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_id_types"
down_revision = "0006_records"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("applicants", recreate="always") as batch:
        batch.add_column(sa.Column("id_type", sa.String(length=20), nullable=False, server_default="resident_id"))
        batch.drop_constraint("uq_applicant_kind_id", type_="unique")
        batch.create_unique_constraint("uq_applicant_kind_type_id", ["kind", "id_type", "id_number"])
    op.execute("UPDATE applicants SET id_type = 'uscc' WHERE kind = 'company'")
    with op.batch_alter_table("applicants") as batch:
        batch.alter_column("id_type", server_default=None, existing_type=sa.String(length=20),
                           existing_nullable=False)


def downgrade() -> None:
    op.execute("DELETE FROM applicants WHERE id_type NOT IN ('resident_id', 'uscc') "
               "AND id NOT IN (SELECT applicant_id FROM cases) "
               "AND id NOT IN (SELECT applicant_id FROM notices WHERE applicant_id IS NOT NULL)")
    with op.batch_alter_table("applicants", recreate="always") as batch:
        batch.drop_constraint("uq_applicant_kind_type_id", type_="unique")
        batch.create_unique_constraint("uq_applicant_kind_id", ["kind", "id_number"])
        batch.drop_column("id_type")
