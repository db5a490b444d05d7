"""The store's file on disk: what is wrong with it, in words an admin can act on.

A damaged, vanished or replaced store is refused, never taken as new: SQLite would
otherwise create an empty file where the old one was and issue case number …0001 again.
"""

from __future__ import annotations

import errno
import os
import shutil
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


class StoreBusy(StoreProblem):
    """Another process holds the store's write lock longer than the busy timeout."""

    def __init__(self, path: Path | str | None = None):
        where = f" {path}" if path else ""
        super().__init__(f"本窗口的数据库{where} 正被另一个程序占用（另一个窗口程序或 clerk 命令正在写入），"
                         "等待后仍未释放。本次操作未保存（已全部撤销）。",
                         "请稍后重试；如一直如此，请关闭本机上其他打开此数据库的程序（或重启电脑）后重试。")


class StoreNotWritable(StoreProblem):
    """The store or its folder cannot be written by this OS user (the store itself is fine)."""

    def __init__(self, path: Path, what: Path):
        super().__init__(f"本窗口的数据库 {path} 无法写入：当前系统用户对 {what} 没有读写权限（或磁盘为只读）。"
                         "这是权限问题，不是数据库损坏：恢复备份无济于事。",
                         "请信息科把数据文件夹的读写权限交还给运行本程序的系统用户（或以该用户运行）后重试。")


class StoreTooNew(StoreProblem):
    """The store was migrated by a newer version of the app."""

    def __init__(self, path: Path | str | None, found: str, known: str):
        super().__init__(f"本窗口的数据库 {path or ''} 由更新版本的本程序建立（数据库版本 {found}，"
                         f"本程序只认识到 {known}）。为免损坏较新的数据，本程序不会打开它。",
                         "请信息科安装与之相同或更新版本的窗口程序；请勿运行 clerk recover（会退回到旧备份）。")


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


def quick_check(conn, path: Path | None = None) -> None:
    """``PRAGMA quick_check`` on a DB-API connection; raise StoreDamaged with its first lines
    (and the file, when ``path`` is given)."""
    where = f" {path}" if path else ""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except Exception as exc:  # sqlite3/sqlcipher3 DatabaseError: not a database, malformed, wrong key
        raise StoreDamaged(f"本窗口的数据库{where} 无法读取（{exc}），文件已损坏或密钥不符。") from exc
    if rows != ["ok"]:
        raise StoreDamaged(f"本窗口的数据库{where} 校验未通过：" + "；".join(rows[:3]))


def no_space_left(path: Path, below: int = 1 << 20) -> bool:
    """Less than ``below`` bytes free where ``path`` lives: SQLite then reports a full disk as a
    "disk I/O error" while mapping its -shm file, which must not read as a damaged store."""
    try:
        return shutil.disk_usage(path.parent).free < below
    except OSError:
        return False


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


def is_busy(exc: BaseException) -> bool:
    """SQLite's SQLITE_BUSY/SQLITE_LOCKED ("database is locked"): another connection holds the write lock."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, sqlite3.Error) or type(exc).__name__ in ("OperationalError", "DatabaseError"):
            if "database is locked" in str(exc) or getattr(exc, "sqlite_errorname", "") in (
                    "SQLITE_BUSY", "SQLITE_LOCKED"):
                return True
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return False
