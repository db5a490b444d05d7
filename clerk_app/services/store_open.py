"""Opening the window's store at start: key, first-start seeding, checks, daily backup.

A first start builds the whole store (schema, demo staff) under a private name and links
it into place only when finished: a start killed half-way leaves no half store, and of two
first starts at once one store wins and both use it. Once a store has been in place, a
marker file says so: a missing store is then refused, not made anew.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets as _random
import time
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from clerk_app import paths
from clerk_app.auth import secrets
from clerk_app.store import backup, cipher
from clerk_app.store.db import Store

if TYPE_CHECKING:
    from clerk_app.services.context import AppContext
from clerk_app.store.files import (
    DiskFull,
    StoreBusy,
    StoreDamaged,
    StoreNotWritable,
    StoreProblem,
    StoreTooNew,
    StoreVanished,
    check_file,
    created_marker,
    is_busy,
    is_disk_full,
)

__all__ = ["DiskFull", "StoreBusy", "StoreDamaged", "StoreNotWritable", "StoreProblem", "StoreTooNew",
           "StoreVanished", "check_writable", "open_window_store", "raw_connection", "store_key"]

log = logging.getLogger(__name__)
STORE_KEY = "store_key"


def store_key(path: Path) -> str | None:
    """The store's key from the keyring (or its file fallback); a new one only for a new or plain store."""
    if not cipher.available():  # pragma: no cover - the wheel is a dependency
        log.warning("sqlcipher3 missing: the store stays unencrypted")
        return None
    key = secrets.get_secret(STORE_KEY)
    if key:
        return key
    if path.exists() and path.stat().st_size and not cipher.is_plain(path):
        raise StoreDamaged(
            f"本窗口的数据库 {path} 已加密，但本机找不到它的密钥（系统密钥环或 {secrets.secrets_dir()}）。",
            "请联系信息科：恢复本机的密钥环（或密钥文件）；若无法恢复，运行“clerk recover --from-centre”从中心重建。")
    key = cipher.new_key()
    where = secrets.set_secret(STORE_KEY, key)
    if where == "file":
        log.warning("store key kept in the secrets folder (no OS keyring)")
    return key


def _seed(path: Path, key: str | None, window_id: str, clock) -> None:
    """Build a complete new store beside ``path`` and link it into place (no-clobber)."""
    tmp = path.with_name(f".{path.name}.seed-{os.getpid()}-{_random.token_hex(4)}")
    try:
        store = Store.open(tmp, key=key, create=True)
        try:
            from clerk_app.services.staff_seed import seed_demo_staff

            # seeding needs only the store, the clock and the window id, not a whole context
            seed_demo_staff(cast("AppContext", SimpleNamespace(store=store, clock=clock, window_id=window_id)))
            raw = store.engine.raw_connection()
            try:
                assert raw.driver_connection is not None
                raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                raw.close()
        finally:
            store.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # atomic and refuses to replace a store another first start put there
        except FileExistsError:
            log.info("another first start created the store first; using it")
        except OSError:  # a filesystem without hard links
            if not path.exists():
                os.replace(tmp, path)
    finally:
        for f in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
            f.unlink(missing_ok=True)


def _mark_created(path: Path) -> None:
    marker = created_marker(path)
    if not marker.exists():
        with contextlib.suppress(OSError):
            fd = os.open(marker, os.O_WRONLY | os.O_CREAT, 0o600)
            os.write(fd, f"{datetime.now().isoformat(timespec='seconds')}\n".encode())
            os.close(fd)


@contextlib.contextmanager
def _first_start_lock(home: Path, wait: float = 60.0):
    """One process at a time makes the key and the first store (an O_EXCL lock file, any OS)."""
    lock = home / ".first-start.lock"
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileExistsError:
            if _stale(lock, wait):  # left by a start that was killed
                lock.unlink(missing_ok=True)
                continue
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _stale(lock: Path, max_age: float) -> bool:
    try:
        pid = int(lock.read_text() or "0")
        age = time.time() - lock.stat().st_mtime
    except (OSError, ValueError):
        return False  # being written or just removed: look again
    if os.name == "posix" and pid:
        try:
            os.kill(pid, 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            return True
        except OSError:
            pass
        return False
    return age > max_age


def _remove_stale_seeds(path: Path) -> None:
    """Half-made stores of first starts that were killed (they were never in place)."""
    for f in path.parent.glob(f".{path.name}.seed-*"):
        with contextlib.suppress(OSError):
            if time.time() - f.stat().st_mtime > 60:
                f.unlink()


def check_writable(path: Path) -> None:
    """The store, its WAL files and its folder must be writable by this OS user (SQLite would say
    only "readonly database" or "unable to open", which reads like a damaged store)."""
    if os.name != "posix":  # os.access says little about folders elsewhere
        return
    for f in (path.parent, path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if (f is path.parent or f.exists()) and not os.access(f, os.R_OK | os.W_OK):
            raise StoreNotWritable(path, f)


def _check_is_ours(path: Path, key: str | None) -> None:
    """Refuse a whole SQLite file that is not this app's store (another program's file put in its
    place): taken as a store it would be migrated, encrypted, and number cases from …0001 again."""
    check_file(path)  # an empty or cut-short file is said as such first
    try:
        conn = cipher.connect(path, None if cipher.is_plain(path) else key)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except Exception:  # unreadable, damaged, locked: Store.open says which
        return
    if "alembic_version" not in names and (names or created_marker(path).exists()):
        raise StoreDamaged(
            f"本窗口的数据库文件 {path} 不是本程序的数据库（其中没有本程序的数据表，可能被其他程序的文件替换）。"
            "为免办件编号重复，程序不会使用或改动它。")


def _open(path: Path, window_id: str, clock) -> Store:
    check_writable(path)
    key = secrets.get_secret(STORE_KEY) if cipher.available() else None
    if key is None or not path.exists():
        with _first_start_lock(paths.data_home()):
            key = store_key(path)
            if not path.exists() and not created_marker(path).exists():
                _remove_stale_seeds(path)
                _seed(path, key, window_id, clock)
            elif path.exists():
                _check_is_ours(path, key)
            store = Store.open(path, key=key, create=False, backups=paths.backups_dir())
    else:
        if path.exists():
            _check_is_ours(path, key)
        store = Store.open(path, key=key, create=False, backups=paths.backups_dir())
    try:
        _mark_created(path)
        backup.daily(store, paths.backups_dir(), clock())
        if key:
            backup.encrypt_plain_backups(paths.backups_dir(), key)
    except BaseException:
        store.close()
        raise
    return store


def open_window_store(window_id: str, clock=datetime.now) -> Store:
    """The window's store, checked; every failure an admin meets is a :class:`StoreProblem` in Chinese."""
    path = paths.db_path()
    try:
        return _open(path, window_id, clock)
    except StoreProblem:
        raise
    except Exception as exc:
        if is_disk_full(exc):
            raise DiskFull(f"数据文件夹 {path.parent}") from exc
        if is_busy(exc):
            raise StoreBusy(path) from exc
        raise


def raw_connection(path: Path | None = None):
    """A DB-API connection to this window's store with its key (admin tools and tests)."""
    path = path or paths.db_path()
    key = secrets.get_secret(STORE_KEY) if not cipher.is_plain(path) else None
    return cipher.connect(path, key)
