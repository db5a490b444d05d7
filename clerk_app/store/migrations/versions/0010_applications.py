"""applications: 一件事 as one application (申办) holding one case (办件) per item

``applications`` keeps what the visit shares (number, applicant, theme, channel, time,
clerk); ``cases.application_id`` links each case to it. Every case stored before gets its
own one-case application numbered like the case with the prefix ``A`` (the same 22
characters), and each day's ``A`` counter starts after the numbers so taken.

Revision ID: 0010_applications
Revises: 0009_syncissues
Create Date: 2026-11-23 18:00:00
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0010_applications"
down_revision = "0009_syncissues"
branch_labels = None
depends_on = None

_cases = sa.table("cases", sa.column("id", sa.String), sa.column("case_no", sa.String),
                  sa.column("window_id", sa.String), sa.column("theme_id", sa.String),
                  sa.column("channel", sa.String), sa.column("applicant_id", sa.String),
                  sa.column("applicant", sa.JSON), sa.column("received_at", sa.DateTime),
                  sa.column("clerk_id", sa.String), sa.column("clerk_name", sa.String),
                  sa.column("created_at", sa.DateTime), sa.column("application_id", sa.String))
_apps = sa.table("applications", sa.column("id", sa.String), sa.column("application_no", sa.String),
                 sa.column("window_id", sa.String), sa.column("theme_id", sa.String),
                 sa.column("channel", sa.String), sa.column("applicant_id", sa.String),
                 sa.column("applicant", sa.JSON), sa.column("received_at", sa.DateTime),
                 sa.column("clerk_id", sa.String), sa.column("clerk_name", sa.String),
                 sa.column("created_at", sa.DateTime))


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("application_no", sa.String(length=24), nullable=False),
        sa.Column("window_id", sa.String(length=11), nullable=False),
        sa.Column("theme_id", sa.String(length=64), nullable=True),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("applicant_id", sa.String(length=36), nullable=False),
        sa.Column("applicant", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("clerk_id", sa.String(length=64), nullable=False),
        sa.Column("clerk_name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["applicant_id"], ["applicants.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_applications_application_no", "applications", ["application_no"], unique=True)
    op.create_index("ix_applications_received_at", "applications", ["received_at"], unique=False)
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("application_id", sa.String(length=36), nullable=True))
        batch.create_foreign_key("fk_cases_application_id", "applications", ["application_id"], ["id"])
        batch.create_index("ix_cases_application_id", ["application_id"], unique=False)
    conn = op.get_bind()
    for row in conn.execute(sa.select(_cases)).all():
        c = row._mapping
        app_id = str(uuid.uuid4())
        conn.execute(sa.insert(_apps).values(
            id=app_id, application_no="A" + c["case_no"][1:], window_id=c["window_id"], theme_id=c["theme_id"],
            channel=c["channel"], applicant_id=c["applicant_id"], applicant=c["applicant"],
            received_at=c["received_at"], clerk_id=c["clerk_id"], clerk_name=c["clerk_name"],
            created_at=c["created_at"]))
        conn.execute(sa.update(_cases).where(_cases.c.id == c["id"]).values(application_id=app_id))
    # the A counter of each day continues after the numbers just taken from the S counter
    op.execute("INSERT OR REPLACE INTO counters(name, value) "
               "SELECT 'A' || substr(name, 2), value FROM counters WHERE name LIKE 'S:%'")


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_application_id")
        batch.drop_constraint("fk_cases_application_id", type_="foreignkey")
        batch.drop_column("application_id")
    op.drop_index("ix_applications_received_at", table_name="applications")
    op.drop_index("ix_applications_application_no", table_name="applications")
    op.drop_table("applications")
    op.execute("DELETE FROM counters WHERE name LIKE 'A:%'")
