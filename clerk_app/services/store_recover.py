"""``clerk recover``: put the last good backup in place of a damaged or vanished store.

The damaged files are moved aside (``damaged/<time>/``), never deleted. Without any good
backup a new store is started (then the centre's rebuild is what keeps the numbering).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clerk_app import paths
from clerk_app.auth import secrets
from clerk_app.services.store_open import STORE_KEY, check_writable
from clerk_app.store import backup, cipher
from clerk_app.store.files import check_file, created_marker, quick_check

log = logging.getLogger(__name__)


class NothingToRestore(Exception):
    pass


class StoreIsHealthy(Exception):
    """The store opens and passes its checks: restoring a backup would only take it back in time."""


def store_is_healthy(path: Path, key: str | None) -> bool:
    """True when ``path`` is this app's store, readable with ``key`` and passing ``PRAGMA quick_check``."""
    if not path.exists():
        return False
    try:
        check_file(path)
        conn = cipher.connect(path, None if cipher.is_plain(path) else key)
        try:
            quick_check(conn, path)
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except Exception:  # damaged, cut short, wrong key, not a database: what recover is for
        return False
    return "alembic_version" in names


@dataclass
class Restored:
    backup: backup.BackupFile | None
    moved_aside: Path | None


def _move_aside(path: Path, now: datetime) -> Path | None:
    files = [f for f in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if f.exists()]
    if not files:
        return None
    dest = paths.data_home() / "damaged" / f"{now:%Y%m%d-%H%M%S}"
    dest.mkdir(mode=0o700, parents=True, exist_ok=True)
    for f in files:
        os.replace(f, dest / f.name)
    return dest


def restore_last_good(chosen: Path | None = None, now: datetime | None = None, allow_empty: bool = False,
                      force: bool = False) -> Restored:
    """Replace the store by ``chosen`` or the newest backup that passes quick_check.

    A store that is healthy is not replaced unless ``force``: the cases taken since the backup
    would leave the live store (moved aside, not deleted, but no longer the window's)."""
    now = now or datetime.now()
    path = paths.db_path()
    check_writable(path)  # a folder this user cannot write is not mended by a backup (StoreNotWritable)
    key = secrets.get_secret(STORE_KEY)
    if not force and store_is_healthy(path, key):
        raise StoreIsHealthy(
            f"本窗口的数据库 {path} 完好（校验通过），无需恢复：恢复会退回到备份时的状态，"
            "备份之后办理的办件将离开本机数据库。如确需退回备份，请加 --force；只需从中心补回编号，请用 --centre-only。")
    folder = paths.backups_dir()
    good: backup.BackupFile | None
    if chosen is not None:
        if not backup.is_good(chosen, key):
            raise NothingToRestore(f"备份文件 {chosen} 无法读取或校验未通过")
        good = backup.BackupFile(chosen, datetime.fromtimestamp(chosen.stat().st_mtime), "chosen")
    else:
        good = backup.last_good(folder, key)
    if good is None and not allow_empty:
        raise NothingToRestore(f"{folder} 中没有可用的备份。若本窗口已登记到中心，可加 --empty 新建空库并从中心补回编号。")
    aside = _move_aside(path, now)
    if good is not None:
        tmp = path.with_name(f".{path.name}.restoring")
        shutil.copyfile(good.path, tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)
        if key and cipher.is_plain(path):
            cipher.encrypt_in_place(path, key)
    else:
        created_marker(path).unlink(missing_ok=True)  # a new store may be made (numbering comes from the centre)
    log.warning("store restored from %s; damaged files moved to %s", good.path.name if good else "nothing", aside)
    return Restored(good, aside)
