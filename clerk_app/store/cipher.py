"""Encryption at rest with SQLCipher (``sqlcipher3``, a drop-in for ``sqlite3``).

The key is 32 random bytes given to SQLCipher as a raw key (``x'…'``), so opening a
connection costs no key derivation. Where the key comes from (the OS keyring) is the
caller's business; this module only connects, converts and copies.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from pathlib import Path
from typing import Any

from clerk_app.store.files import SQLITE_MAGIC

try:  # the wheel exists for Linux, Windows and macOS; without it stores stay plain
    import sqlcipher3
except ImportError:  # pragma: no cover - the dependency is declared
    sqlcipher3 = None


def available() -> bool:
    return sqlcipher3 is not None


def new_key() -> str:
    return secrets.token_hex(32)


def is_plain(path: Path) -> bool:
    """A plain SQLite file (readable by anyone who copies it)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except FileNotFoundError:
        return False


def _pragma_key(key: str) -> str:
    if len(key) != 64 or any(c not in "0123456789abcdef" for c in key.lower()):
        raise ValueError("the store key must be 64 hex digits")
    return f"PRAGMA key = \"x'{key}'\""


def dbapi(key: str | None) -> Any:
    return sqlcipher3 if key else sqlite3


def raw_key(key: str) -> str:
    """The key as SQLCipher's raw-key literal (no key derivation on each connection)."""
    _pragma_key(key)
    return f"x'{key}'"


def connect(path: Path | str, key: str | None, create: bool = False, apply_key: bool = True, **kwargs: Any):
    """A DB-API connection that never creates a file unless ``create`` (``mode=rw`` otherwise).

    A missing file is then an error, not a new empty store.
    """
    module = dbapi(key)
    if key and module is None:  # pragma: no cover
        raise RuntimeError("sqlcipher3 is not installed")
    uri = Path(path).resolve().as_uri()
    conn = module.connect(f"{uri}?mode={'rwc' if create else 'rw'}", uri=True, **kwargs)
    if key and apply_key:
        conn.execute(_pragma_key(key))
    return conn


def encrypt_in_place(path: Path, key: str) -> None:
    """Convert a plain store to SQLCipher with ``sqlcipher_export``; the file keeps its name.

    The encrypted copy is written beside it, synced, then renamed over the plain file; a crash
    leaves either the plain or the encrypted store, never half of one.
    """
    path = Path(path)
    tmp = path.with_name(path.name + ".encrypting")
    tmp.unlink(missing_ok=True)
    src = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = src.execute("PRAGMA user_version").fetchone()[0]
        src.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key}'\"", (str(tmp),))
        src.execute("SELECT sqlcipher_export('encrypted')")
        src.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        src.execute("DETACH DATABASE encrypted")
    finally:
        src.close()
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o600)
    for side in ("-wal", "-shm"):
        Path(str(path) + side).unlink(missing_ok=True)
    os.replace(tmp, path)
    with contextlib.suppress(OSError):
        fd = os.open(path.parent, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
