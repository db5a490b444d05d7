"""Engines for the server database (PostgreSQL, or SQLite for a demo) and dialect helpers."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, Engine, Table, any_, bindparam, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase

from clerk_app.server.config import DEFAULT_POOL_SIZE

log = logging.getLogger(__name__)
T = TypeVar("T")


class Base(DeclarativeBase):
    pass


def is_sqlite(engine_or_url: Engine | str) -> bool:
    url = engine_or_url if isinstance(engine_or_url, str) else str(engine_or_url.url)
    return url.startswith("sqlite")


def make_engine(url: str, pool_size: int = DEFAULT_POOL_SIZE) -> Engine:
    """The server's engine. ``hide_parameters``: an error's text (logged, in a 500's traceback)
    never carries row values, i.e. citizens' names, ID numbers and addresses.

    PostgreSQL connections are not pinged at each checkout (``pool_pre_ping``: a round trip on
    every request, a tenth of an idle round's cost). A connection that died meanwhile (the
    database restarted, a proxy dropped it) fails on its first statement; SQLAlchemy then
    invalidates every pooled connection of that age, and :func:`once_more_if_disconnected`
    runs the request's transaction again on a fresh one (docs/idle.md)."""
    if is_sqlite(url):
        # A file's pool sized like PostgreSQL's (the app's request threads); an in-memory database
        # keeps SQLAlchemy's one-connection-per-thread pool.
        from sqlalchemy.engine import make_url

        database = make_url(url).database
        memory = not database or database == ":memory:" or "mode=memory" in url
        sized = {} if memory else {"pool_size": pool_size, "max_overflow": max(2, pool_size // 4)}
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True,
                               **sized)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA synchronous=FULL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):  # pragma: no cover - trivial
            # Serialise writers across server processes: a deferred transaction that
            # later upgrades to a write lock can fail instead of waiting.
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    # The server runs at most ``pool_size`` requests' database work at once (the thread limiter
    # is set to it, api.create_app), so the pool neither waits nor opens and closes overflow
    # connections per request; the overflow is only a margin for in-process callers.
    return create_engine(url, pool_size=pool_size, max_overflow=max(2, pool_size // 4), hide_parameters=True)


def driver_fetchone(conn: Connection, sql: str, params: dict[str, Any]) -> tuple[Any, ...] | None:
    """One row of ``sql`` run on the driver's own cursor (PostgreSQL, ``%(name)s`` parameters),
    without SQLAlchemy's result layer: for the centre's hottest statement (the idle round).

    A failure is handled as SQLAlchemy handles its own statements': raised as its
    ``DBAPIError``; when the connection is dead, that connection is invalidated and the pool
    replaced (its other connections are as old), with ``connection_invalidated`` set so
    :func:`once_more_if_disconnected` runs the request again."""
    dbapi = conn.dialect.loaded_dbapi
    raw = conn.connection.dbapi_connection
    try:
        with conn.connection.driver_connection.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchone()
    except dbapi.Error as exc:
        gone = bool(conn.dialect.is_disconnect(exc, raw, None))
        if gone:
            conn.invalidate(exc)
            conn.engine.dispose(close=False)
        raise DBAPIError.instance(sql, None, exc, dbapi.Error, hide_parameters=True, connection_invalidated=gone,
                                  dialect=conn.dialect) from exc


def once_more_if_disconnected(work: Callable[[], T]) -> T:
    """Run ``work`` (one whole transaction); if its connection turned out dead, run it once more.

    Safe for every request of the centre: the failed transaction did not commit, or its COMMIT's
    answer was lost — the same as a lost HTTP answer, which the protocol already absorbs (every
    write is idempotent: changes by window and seq, decisions by id, audit rows by seq). A
    second failure (the database really is down) is raised and answered 503."""
    try:
        return work()
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
        log.warning("a pooled database connection was dead (database restarted?); retrying on a new one")
        return work()


def database_tls_problem(url: str) -> str | None:
    """Why connecting to this PostgreSQL database would send data in clear (None: it would not).

    A database on another host must be reached with ``sslmode=require`` (or verify-ca /
    verify-full) in the URL; SQLite files and loopback or Unix-socket connections need none.
    """
    import ipaddress

    from sqlalchemy.engine import make_url

    if is_sqlite(url):
        return None
    u = make_url(url)
    host = u.host or ""
    if not host or host.startswith("/") or host == "localhost":
        return None
    try:
        if ipaddress.ip_address(host.strip("[]")).is_loopback:
            return None
    except ValueError:
        pass
    if str(u.query.get("sslmode", "")) in ("require", "verify-ca", "verify-full"):
        return None
    return (f"中心数据库在另一台主机（{host}）上，但连接未要求加密：请在数据库地址后加 ?sslmode=verify-full"
            "（或 require），确需明文时加 --insecure")


def insert_ignore(engine_or_conn: Any, table: Table):
    """``INSERT ... ON CONFLICT DO NOTHING`` for the connection's dialect."""
    name = engine_or_conn.dialect.name
    if name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    if name == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    raise NotImplementedError(f"unsupported database dialect {name}")


def one_of(conn: Any, column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """``column IN (values)``; on PostgreSQL ``column = ANY(:array)``, one parameter instead of
    hundreds (a batch's ids), so the statement stays small and quick to prepare."""
    values = list(values)
    if conn.dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=postgresql.ARRAY(column.type)))
    return column.in_(values)
