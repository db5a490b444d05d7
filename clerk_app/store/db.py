"""SQLite engine for the window's local store: WAL, foreign keys, synchronous=FULL.

Every write transaction starts with ``BEGIN IMMEDIATE`` so two processes (the app and a
``clerk`` command) never interleave a read-then-write such as the audit chain or a
sequence counter.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker


class Base(DeclarativeBase):
    pass


READ_ONLY = "clerk_read_only"


def make_engine(path: Path | str, foreign_keys: bool = True) -> Engine:
    """``foreign_keys=False`` only for migrations (see clerk_app.store.migrate.upgrade)."""
    url = "sqlite://" if str(path) == ":memory:" else f"sqlite:///{Path(path)}"
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 5})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.execute("PRAGMA busy_timeout=5000")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):  # pragma: no cover - trivial
        # Writers take the write lock up front; readers (Store.read) must not block intakes.
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")

    return engine


class Store:
    """The local store: an engine plus a session factory with one transaction per action."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self._read_factory = sessionmaker(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)

    @classmethod
    def open(cls, path: Path | str, migrate: bool = True) -> Store:
        engine = make_engine(path)
        if migrate:
            from clerk_app.store.migrate import upgrade

            upgrade(engine)
        return cls(engine)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything inside commits together or not at all."""
        with self._factory() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A consistent snapshot for reading (deferred BEGIN: it never takes the write lock)."""
        with self._read_factory() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
