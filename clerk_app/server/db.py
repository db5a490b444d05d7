"""Engines for the server database (PostgreSQL, or SQLite for a demo) and dialect helpers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Engine, Table, any_, bindparam, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


def is_sqlite(engine_or_url: Engine | str) -> bool:
    url = engine_or_url if isinstance(engine_or_url, str) else str(engine_or_url.url)
    return url.startswith("sqlite")


def make_engine(url: str, pool_size: int = 10) -> Engine:
    # hide_parameters: an error's text (logged, in a 500's traceback) never carries row values,
    # i.e. citizens' names, ID numbers and addresses.
    if is_sqlite(url):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True)

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
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True, hide_parameters=True)


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
