"""Alembic migrations of the local store, run programmatically at start-up."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from clerk_app.store.db import make_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def _migration_engine(engine: Engine) -> Engine:
    """A private engine on the same file whose connections have foreign keys OFF from the start.

    SQLite alters a table by rebuilding it; with foreign keys on, dropping the old table
    cascade-deletes (or refuses) every child row. ``PRAGMA foreign_keys`` is a no-op inside a
    transaction, and every connection of the app's engine begins one before its first
    statement, so the pragma must be set when the connection is made.
    """
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return engine
    return make_engine(database, foreign_keys=False)


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the store to ``revision``; afterwards foreign keys must still hold."""
    mig = _migration_engine(engine)
    try:
        command.upgrade(config(mig), revision)
    finally:
        if mig is not engine:
            mig.dispose()
    with engine.connect() as conn:
        bad = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
        leftovers = conn.execute(
            text("SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp_%'")
        ).fetchall()
    if bad or leftovers:
        raise RuntimeError(f"migration left the store inconsistent: fk={bad} tmp={leftovers}")


def current(engine: Engine) -> str | None:
    """The store's revision(s), comma-joined like :func:`head` (several while branches are unmerged)."""
    with engine.connect() as conn:
        heads = MigrationContext.configure(conn).get_current_heads()
    return ",".join(sorted(heads)) or None


def head() -> str:
    heads = ScriptDirectory.from_config(config()).get_heads()
    return ",".join(sorted(heads))
