"""merge the staff, sync and hand-out branches

Revision ID: 0005_merge
Revises: 0002_staff, 0003_sync, 0004_handouts
Create Date: 2026-11-22
"""

revision = "0005_merge"
down_revision = ("0002_staff", "0003_sync", "0004_handouts")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
