"""The store's file on disk: what is wrong with it, in words an admin can act on.

A damaged, vanished or replaced store is refused, never taken as new: SQLite would
otherwise create an empty file where the old one was and issue case number …0001 again.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
WAY_OUT = "请联系信息科：运行“clerk recover”从最近的备份恢复，并从中心补回备份之后的办件与编号。"


class StoreProblem(Exception):
    """The store cannot be used; ``str(exc)`` is the Chinese message with the way out."""

    def __init__(self, message: str, way_out: str = WAY_OUT):
        self.message = message
        self.way_out = way_out
        super().__init__(f"{message}\n{way_out}" if way_out else message)


class StoreDamaged(StoreProblem):
    """The file is there but is not a whole, readable store."""


class StoreVanished(StoreProblem):
    """The file kept in use was deleted, moved or replaced, or never made it to disk."""


class DiskFull(StoreProblem):
    def __init__(self, detail: str = ""):
        super().__init__("磁盘空间不足，本次操作未保存（已全部撤销，没有写入一半的数据）。",
                         "请清理磁盘或联系信息科扩容后重试。" + (f"（{detail}）" if detail else ""))


@dataclass(frozen=True)
class FileIdentity:
    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileIdentity:
        st = os.stat(path)
        return cls(st.st_dev, st.st_ino)


def created_marker(path: Path) -> Path:
    """Written once the store is in place: a missing store next to it has vanished, not never existed."""
    return path.with_name(path.name + ".created")


def check_file(path: Path) -> None:
    """Refuse a store that vanished, was cut to nothing, or whose plain header says it is cut short."""
    if not path.exists():
        if created_marker(path).exists():
            raise StoreVanished(f"本窗口的数据库文件 {path} 不见了（被删除或移走）。为免办件编号重复，程序不会新建空库。")
        raise StoreVanished(f"找不到本窗口的数据库文件 {path}。")
    size = path.stat().st_size
    if size == 0:
        raise StoreDamaged(f"本窗口的数据库文件 {path} 是空的（0 字节），可能已被截断。程序不会把它当作新库使用。")
    with open(path, "rb") as fh:
        head = fh.read(100)
    if head[:16] != SQLITE_MAGIC:
        return  # encrypted (SQLCipher): only the key can read the header; quick_check decides
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        # A checkpoint cut short by a power failure writes page 1 (the new length) before the last
        # pages: the file is short until SQLite finishes it from the WAL. quick_check decides.
        return
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if len(head) < 100 or page_size < 512 or size % page_size:
        raise StoreDamaged(f"本窗口的数据库文件 {path} 不完整（长度 {size} 字节不是整页），尾部可能被截断。")
    pages, changes, valid_for = (int.from_bytes(head[a:a + 4], "big") for a in (28, 24, 92))
    if pages and changes == valid_for and size < pages * page_size:
        raise StoreDamaged(f"本窗口的数据库文件 {path} 比其记录的长度短（{size} < {pages * page_size} 字节），尾部已被截断。")


def quick_check(conn) -> None:
    """``PRAGMA quick_check`` on a DB-API connection; raise StoreDamaged with its first lines."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except Exception as exc:  # sqlite3/sqlcipher3 DatabaseError: not a database, malformed, wrong key
        raise StoreDamaged(f"本窗口的数据库无法读取（{exc}），文件已损坏或密钥不符。") from exc
    if rows != ["ok"]:
        raise StoreDamaged("本窗口的数据库校验未通过：" + "；".join(rows[:3]))


def is_disk_full(exc: BaseException) -> bool:
    """ENOSPC from the OS, or SQLite's SQLITE_FULL ("database or disk is full")."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return True
        if isinstance(exc, sqlite3.Error) or type(exc).__name__ in ("OperationalError", "DatabaseError"):
            if "disk is full" in str(exc) or getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":
                return True
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return False
