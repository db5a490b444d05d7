"""Alembic migrations of the local store, run programmatically at start-up."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text

from clerk_app.store.db import make_engine, store_location

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

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
    database, key = store_location(engine)
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return engine
    return make_engine(database, foreign_keys=False, key=key)


def script_heads() -> set[str]:
    """Head revisions read from the migration files' text, without importing Alembic.

    Start-up checks these against the store and skips Alembic (about 0.25 s of imports)
    when the store is already current.
    """
    revisions, parents = _script_graph()
    return revisions - parents


def _script_graph() -> tuple[set[str], set[str]]:
    """(every revision, every revision that has a child) of the migration files."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        rev, down = None, None
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                if name == "revision":
                    rev = ast.literal_eval(node.value)
                elif name == "down_revision":
                    down = ast.literal_eval(node.value)
        if rev:
            revisions.add(rev)
            if isinstance(down, str):
                parents.add(down)
            elif down:
                parents.update(down)
    return revisions, parents


def check_not_newer(engine: Engine) -> None:
    """Refuse a store whose revision this code does not know (a newer app migrated it): Alembic
    would fail with "Can't locate revision", after a pointless pre-migration backup."""
    stored = stored_revisions(engine)
    unknown = stored - _script_graph()[0]
    if unknown:
        from clerk_app.store.files import StoreTooNew

        raise StoreTooNew(store_location(engine)[0], "、".join(sorted(unknown)), "、".join(sorted(script_heads())))


def stored_revisions(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
                              ).first() if engine.dialect.name == "sqlite" else True
        if not exists:
            return set()
        return set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def is_current(engine: Engine) -> bool:
    try:
        return stored_revisions(engine) == script_heads()
    except Exception:  # any doubt: let Alembic decide
        return False


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the store to ``revision``; afterwards foreign keys must still hold."""
    if revision == "heads" and is_current(engine):
        return
    from alembic import command

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
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        heads = MigrationContext.configure(conn).get_current_heads()
    return ",".join(sorted(heads)) or None


def head() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(config()).get_heads()
    return ",".join(sorted(heads))
