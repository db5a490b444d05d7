"""Rotating backups of the store with SQLite's online backup API.

A backup is a whole, consistent copy taken while the app runs (the backup API copies
page by page under a read lock), encrypted with the store's own key. It is written as
``*.part``, synced, then renamed, so a half-written backup never looks like a good one.
Taken daily at start and before each migration; the newest ``keep`` of each kind stay.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clerk_app.store import cipher
from clerk_app.store.files import StoreProblem, check_file, quick_check

log = logging.getLogger(__name__)
KEEP = {"daily": 7, "premigrate": 3, "prerecover": 3, "manual": 5}
PREFIX = "clerk-"
SUFFIX = ".sqlite3"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str


def _name(now: datetime, reason: str) -> str:
    return f"{PREFIX}{now:%Y%m%d-%H%M%S-%f}-{reason}{SUFFIX}"


def list_backups(folder: Path) -> list[BackupFile]:
    """Backups in ``folder``, newest first (unfinished ``*.part`` files are not backups)."""
    out = []
    for p in folder.glob(f"{PREFIX}*{SUFFIX}") if folder.exists() else []:
        parts = p.name[len(PREFIX):-len(SUFFIX)].split("-")
        if len(parts) != 4:
            continue
        try:
            taken = datetime.strptime("-".join(parts[:3]), "%Y%m%d-%H%M%S-%f")
        except ValueError:
            continue
        out.append(BackupFile(p, taken, parts[3]))
    return sorted(out, key=lambda b: b.taken_at, reverse=True)


def make_backup(store, folder: Path, reason: str = "manual", now: datetime | None = None) -> Path:
    """Copy the open ``store`` into ``folder`` and rotate; returns the backup's path."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    now = now or datetime.now()
    final = folder / _name(now, reason)
    part = final.with_name(final.name + ".part")
    key = store.key
    raw = store.engine.raw_connection()
    try:
        old = os.umask(0o077)
        try:
            dst = cipher.connect(part, key, create=True)
        finally:
            os.umask(old)
        try:
            raw.driver_connection.backup(dst)
        finally:
            dst.close()
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    finally:
        raw.close()
    with open(part, "rb+") as fh:
        os.fsync(fh.fileno())
    os.chmod(part, 0o600)
    os.replace(part, final)
    rotate(folder, reason)
    log.info("store backup %s (%s)", final.name, reason)
    return final


def rotate(folder: Path, reason: str) -> None:
    keep = KEEP.get(reason, 5)
    for old in [b for b in list_backups(folder) if b.reason == reason][keep:]:
        old.path.unlink(missing_ok=True)


def daily(store, folder: Path, now: datetime | None = None) -> Path | None:
    """Take today's backup unless there is one; a failed backup is logged, never fatal."""
    now = now or datetime.now()
    if any(b.taken_at.date() == now.date() for b in list_backups(folder)):
        return None
    try:
        return make_backup(store, folder, "daily", now)
    except Exception as exc:  # disk full, read-only media: the clerk can still work
        log.error("daily backup failed: %s", exc)
        return None


def is_good(path: Path, key: str | None) -> bool:
    """A whole backup that opens with ``key`` and passes quick_check."""
    try:
        check_file(path)
        conn = cipher.connect(path, key if not cipher.is_plain(path) else None)
        try:
            quick_check(conn)
        finally:
            conn.close()
    except (StoreProblem, OSError, Exception):
        return False
    return True


def last_good(folder: Path, key: str | None) -> BackupFile | None:
    for b in list_backups(folder):
        if is_good(b.path, key):
            return b
        log.warning("backup %s is not usable, trying an older one", b.path.name)
    return None


def encrypt_plain_backups(folder: Path, key: str) -> None:
    """Backups taken before the store was encrypted are encrypted too (nothing stays in clear)."""
    for b in list_backups(folder):
        if cipher.is_plain(b.path):
            with contextlib.suppress(Exception):
                cipher.encrypt_in_place(b.path, key)
