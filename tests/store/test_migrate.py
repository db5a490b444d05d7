"""Migrations: an empty file becomes a working store at "heads", and a migration never loses rows."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text

import clerk_app.store.all_models  # noqa: F401  (every table on Base.metadata)
from clerk_app.store import migrate
from clerk_app.store.db import Base, Store
from clerk_app.store.models import Case, CaseEvent

from .samples import submit_request, ten_materials


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "clerk.sqlite3")
    yield s
    s.close()


def test_empty_file_is_migrated_to_every_head(store):
    assert migrate.current(store.engine) == migrate.head()
    with store.engine.connect() as conn:
        revs = {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
    assert revs == set(migrate.head().split(","))


def test_every_model_table_exists_and_matches_its_migration(store):
    tables = set(inspect(store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], "models changed without a migration"


def test_store_is_consistent_after_migrating(store):
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_key_check")).fetchall() == []
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        leftovers = conn.execute(text("SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp_%'")).all()
    assert leftovers == []


def test_opening_again_is_a_no_op(tmp_path):
    path = tmp_path / "clerk.sqlite3"
    Store.open(path).close()
    s = Store.open(path)
    try:
        assert migrate.current(s.engine) == migrate.head()
    finally:
        s.close()


@pytest.mark.parametrize(("pragma", "expected"), [
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("synchronous", 2),  # FULL: an acknowledged case survives a power cut
    ("busy_timeout", 5000),
])
def test_pragmas_are_set_on_every_connection(store, pragma, expected):
    conns = [store.engine.raw_connection() for _ in range(3)]  # several pooled connections at once
    try:
        for conn in conns:
            assert conn.driver_connection.execute(f"PRAGMA {pragma}").fetchone()[0] == expected
    finally:
        for conn in conns:
            conn.close()
    with store.read() as s:  # and inside the sessions the services use
        assert s.execute(text(f"PRAGMA {pragma}")).scalar() == expected


def test_the_file_is_really_in_wal_mode(store, tmp_path):
    with store.transaction() as s:
        s.execute(text("INSERT INTO counters(name, value) VALUES ('x', 1)"))
    raw = sqlite3.connect(tmp_path / "clerk.sqlite3")
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


# -- a later table-rebuilding migration must not cascade-delete child rows ------------------------------

REBUILD_CASES = '''
"""test only: rebuild the cases table (what a batch ALTER does on SQLite)"""
from alembic import op
import sqlalchemy as sa

revision = "t_rebuild"
down_revision = {heads!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", recreate="always") as batch:
        batch.add_column(sa.Column("test_note", sa.Text(), nullable=True))


def downgrade() -> None:
    pass
'''


def test_a_table_rebuilding_migration_keeps_child_rows(ctx, tmp_path, monkeypatch):
    """SQLite ALTERs by rebuilding the table; with foreign keys on, DROP TABLE cases would
    cascade-delete every material and status event. Migrations must run with them off."""
    submit_request(ctx, ten_materials())
    with ctx.store.read() as s:
        before = (sum(len(c.materials) for c in s.scalars(select(Case))),  # material lines live in the case row
                  s.scalar(select(func.count()).select_from(CaseEvent)))
    assert before == (10, 1)

    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    heads = tuple(ScriptDirectory.from_config(migrate.config()).get_heads())
    (scripts / "versions" / "t_rebuild.py").write_text(REBUILD_CASES.format(heads=heads), encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)

    migrate.upgrade(ctx.store.engine)

    with ctx.store.read() as s:
        assert "test_note" in {c["name"] for c in inspect(s.connection()).get_columns("cases")}
        after = (sum(len(c.materials) for c in s.scalars(select(Case))),
                 s.scalar(select(func.count()).select_from(CaseEvent)))
        assert s.execute(text("PRAGMA foreign_key_check")).all() == []
    assert after == before
    with ctx.store.engine.connect() as conn:  # the app's connections still enforce foreign keys
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
