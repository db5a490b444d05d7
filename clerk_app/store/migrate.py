"""Alembic migrations of the local store, run programmatically at start-up."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).parent / "migrations"


def config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the store to ``revision``; afterwards foreign keys must still hold."""
    command.upgrade(config(engine), revision)
    with engine.connect() as conn:
        bad = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
        leftovers = conn.execute(
            text("SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp_%'")
        ).fetchall()
    if bad or leftovers:
        raise RuntimeError(f"migration left the store inconsistent: fk={bad} tmp={leftovers}")


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head() -> str:
    heads = ScriptDirectory.from_config(config()).get_heads()
    return ",".join(sorted(heads))
