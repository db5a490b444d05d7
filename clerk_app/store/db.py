"""SQLite engine for the window's local store: WAL, foreign keys, synchronous=FULL.

Every write transaction starts with ``BEGIN IMMEDIATE`` so two processes (the app and a
``clerk`` command) never interleave a read-then-write such as the audit chain or a
sequence counter.

The store's file is opened with ``mode=rw``: SQLite never creates an empty file where the
store was. The file opened is the file kept in use: before every transaction its device
and inode are compared with those at open, and a store deleted or replaced under a running
window is refused (:class:`~clerk_app.store.files.StoreVanished`). With a ``key`` the file
is encrypted with SQLCipher (see :mod:`clerk_app.store.cipher`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import QueuePool

from clerk_app.store import cipher
from clerk_app.store.files import (
    DiskFull,
    FileIdentity,
    StoreBusy,
    StoreDamaged,
    StoreVanished,
    check_file,
    created_marker,
    is_busy,
    is_disk_full,
    no_space_left,
    quick_check,
)

log = logging.getLogger(__name__)


class Base(DeclarativeBase):
    pass


READ_ONLY = "clerk_read_only"


def store_location(engine: Engine) -> tuple[str | None, str | None]:
    """(file path, hex key or None) of an engine made by :func:`make_engine`."""
    password = engine.url.password
    key = password[2:-1] if password and password.startswith("x'") else None
    return engine.url.database, key


def compact_json(value: Any) -> str:
    """How the store writes its JSON columns: compact UTF-8 text (not SQLAlchemy's default of
    ASCII escapes and spaces). The outbox sends a payload's text to the centre as it is
    (``sync.push``), which checks and keeps it without encoding it again (docs/push.md)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def make_engine(path: Path | str, foreign_keys: bool = True, key: str | None = None) -> Engine:
    """``foreign_keys=False`` only for migrations (see clerk_app.store.migrate.upgrade)."""
    memory = str(path) == ":memory:"
    common = {"hide_parameters": True,  # error lines never carry citizens' data
              "json_serializer": compact_json}
    if memory:
        engine = create_engine("sqlite://", connect_args={"check_same_thread": False, "timeout": 5}, **common)
        identity = None
    else:
        path = Path(path)
        identity = FileIdentity.of(path)

        def creator():
            return cipher.connect(path, key, apply_key=False, check_same_thread=False, timeout=5)

        if key:
            url = URL.create("sqlite+pysqlcipher", password=cipher.raw_key(key), database=str(path))
        else:
            url = URL.create("sqlite", database=str(path))
        engine = create_engine(url, creator=creator, poolclass=QueuePool, **common)

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
        if identity is not None:
            _same_file(Path(path), identity)
        # Writers take the write lock up front; readers (Store.read) must not block intakes.
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")

    return engine


def _same_file(path: Path, identity: FileIdentity) -> None:
    try:
        now = FileIdentity.of(path)
    except FileNotFoundError:
        now = None
    if now != identity:
        log.critical("store %s vanished or was replaced under the running window", path)
        raise StoreVanished(f"本窗口正在使用的数据库文件 {path} 已被删除或替换。为免办件丢失或编号重复，"
                            "程序停止保存。请勿继续办理，关闭程序。")


def create_file(path: Path, key: str | None) -> None:
    """A new empty store file (0600), made only when asked (first start or a test)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    old = os.umask(0o077)
    try:
        conn = cipher.connect(path, key, create=True)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.close()
    finally:
        os.umask(old)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


class Store:
    """The local store: an engine plus a session factory with one transaction per action."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self._read_factory = sessionmaker(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)

    @property
    def path(self) -> Path | None:
        database = store_location(self.engine)[0]
        return Path(database) if database and database != ":memory:" else None

    @property
    def key(self) -> str | None:
        return store_location(self.engine)[1]

    @classmethod
    def open(cls, path: Path | str, migrate: bool = True, key: str | None = None, create: bool = True,
             backups: Path | None = None) -> Store:
        """Open (and check) the store at ``path``.

        A missing file is created only with ``create`` and only if no store was ever made
        there (see :func:`~clerk_app.store.files.created_marker`); a damaged one raises
        :class:`~clerk_app.store.files.StoreDamaged`. A plain store opened with a ``key`` is
        encrypted in place first. With ``backups``, a backup is taken before any migration.
        """
        if str(path) == ":memory:":
            store = cls(make_engine(path))
        else:
            path = Path(path)
            if create and not path.exists() and not created_marker(path).exists():
                create_file(path, key)
            check_file(path)
            if key and cipher.is_plain(path):
                _check_plain(path)
                log.warning("encrypting the plain store %s in place", path)
                cipher.encrypt_in_place(path, key)
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)
            store = cls(make_engine(path, key=key))
            try:
                store.check()
            except BaseException:
                store.close()
                raise
        if migrate:
            from clerk_app.store.migrate import check_not_newer, is_current, upgrade

            try:
                check_not_newer(store.engine)  # before the pre-migration backup: nothing is changed
            except BaseException:
                store.close()
                raise

            if backups is not None and not is_current(store.engine) and _has_tables(store):
                from clerk_app.store.backup import make_backup

                make_backup(store, backups, "premigrate")
            upgrade(store.engine)
        return store

    def check(self) -> None:
        """``PRAGMA quick_check`` on this store; raises StoreDamaged."""
        where = f" {self.path}" if self.path else ""
        try:
            raw = self.engine.raw_connection()
        except Exception as exc:  # the connection's first pragma already found it unreadable
            if is_disk_full(exc) or (self.path and no_space_left(self.path)):
                raise DiskFull(f"数据库{where}") from exc
            if is_busy(exc):
                raise StoreBusy(self.path) from exc
            raise StoreDamaged(f"本窗口的数据库{where} 无法打开（{getattr(exc, 'orig', None) or exc}），"
                               "文件已损坏或密钥不符。") from exc
        try:
            quick_check(raw.driver_connection, self.path)
        except StoreDamaged as exc:
            if self.path and no_space_left(self.path):
                raise DiskFull(f"数据库{where}") from exc
            raise
        finally:
            raw.close()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything inside commits together or not at all."""
        try:
            with self._factory() as session, session.begin():
                yield session
        except Exception as exc:
            if is_disk_full(exc) and not isinstance(exc, DiskFull):
                log.error("disk full: the action was rolled back")
                raise DiskFull() from exc
            if is_busy(exc) and not isinstance(exc, StoreBusy):
                log.error("store locked by another process: the action was rolled back")
                raise StoreBusy(self.path) from exc
            raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A consistent snapshot for reading (deferred BEGIN: it never takes the write lock)."""
        with self._read_factory() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _check_plain(path: Path) -> None:
    conn = cipher.connect(path, None)
    try:
        quick_check(conn, path)
    finally:
        conn.close()


def _has_tables(store: Store) -> bool:
    from sqlalchemy import text

    with store.engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM sqlite_master WHERE type='table' LIMIT 1")).first() is not None
