"""changes.payload compressed with lz4 instead of PostgreSQL's default, pglz

A pushed case is about 9 KB of JSON, and PostgreSQL compresses every value over about 2 KB.
With pglz that compression was most of the backend's CPU for a push (about 100-170 us per
case, docs/push.md); lz4 does it in about a third of the time, for about 5 % more bytes. Only
values written from now on use it; the ones already stored stay as they are and read the same.
Nothing changes on SQLite, or on a PostgreSQL older than 14 or built without lz4 (the column
then keeps the default).

Revision ID: 0008_payload_lz4
Revises: 0007_papers
Create Date: 2026-12-06 03:55:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_payload_lz4'
down_revision = '0007_papers'
branch_labels = None
depends_on = None

_HAS_LZ4 = sa.text(
    "SELECT current_setting('server_version_num')::int >= 140000 AND 'lz4' = ANY(enumvals) "
    "FROM pg_settings WHERE name = 'default_toast_compression'")


def _postgres_with_lz4() -> bool:
    bind = op.get_bind()
    return bind.dialect.name == 'postgresql' and bool(bind.execute(_HAS_LZ4).scalar())


def upgrade() -> None:
    if _postgres_with_lz4():
        op.execute('ALTER TABLE changes ALTER COLUMN payload SET COMPRESSION lz4')


def downgrade() -> None:
    if _postgres_with_lz4():
        op.execute('ALTER TABLE changes ALTER COLUMN payload SET COMPRESSION DEFAULT')
