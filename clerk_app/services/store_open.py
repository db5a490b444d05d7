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
from clerk_app.store.files import DiskFull, StoreDamaged, StoreProblem, StoreVanished, created_marker

__all__ = ["DiskFull", "StoreDamaged", "StoreProblem", "StoreVanished", "open_window_store", "raw_connection",
           "store_key"]

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


def open_window_store(window_id: str, clock=datetime.now) -> Store:
    path = paths.db_path()
    key = secrets.get_secret(STORE_KEY) if cipher.available() else None
    if key is None or not path.exists():
        with _first_start_lock(paths.data_home()):
            key = store_key(path)
            if not path.exists() and not created_marker(path).exists():
                _remove_stale_seeds(path)
                _seed(path, key, window_id, clock)
            store = Store.open(path, key=key, create=False, backups=paths.backups_dir())
    else:
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


def raw_connection(path: Path | None = None):
    """A DB-API connection to this window's store with its key (admin tools and tests)."""
    path = path or paths.db_path()
    key = secrets.get_secret(STORE_KEY) if not cipher.is_plain(path) else None
    return cipher.connect(path, key)
