"""Every path the app writes lives under one data folder (``CLERK_HOME`` overrides it)."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES = PROJECT_ROOT / "resources"
DEMO_FORMS = PROJECT_ROOT / "forms"
FONTS = RESOURCES / "fonts"
CALENDAR_DATA = RESOURCES / "calendar"


class DataFolderError(Exception):
    """The data folder (or a folder in it) cannot be used; the message (Chinese) names it and the way out."""


_WHY = {errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.EROFS: "所在磁盘是只读的",
        errno.ENOSPC: "磁盘空间不足", errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
        errno.EEXIST: "已有同名的文件（不是文件夹）",
        errno.EISDIR: "这是一个文件夹，不是文件", errno.ENAMETOOLONG: "路径太长"}


def os_reason(exc: OSError) -> str:
    """Why an OS call failed, in Chinese (the OS's own words kept for IT)."""
    why = _WHY.get(exc.errno or 0)
    detail = exc.strerror or str(exc)
    return f"{why}（{detail}）" if why else detail


def _folder(p: Path, what: str) -> Path:
    """``p`` as an existing folder (made 0700 when missing), or DataFolderError naming it."""
    if p.exists() and not p.is_dir():
        advice = "，或把环境变量 CLERK_HOME 改为一个文件夹" if "CLERK_HOME" in what else ""
        raise DataFolderError(f"{what} {p} 是一个文件，不是文件夹。请信息科把它移走{advice}。")
    try:
        p.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFolderError(f"无法创建{what} {p}：{os_reason(exc)}。"
                              "请信息科检查该路径与权限（或环境变量 CLERK_HOME）。") from exc
    return p


def data_home() -> Path:
    """The data folder: ``$CLERK_HOME`` or the platform's per-user data folder.

    A ``CLERK_HOME`` that is relative is refused: it would name another folder (a new, empty
    store whose case numbers start again at …0001) whenever a command runs from elsewhere.
    """
    env = os.environ.get("CLERK_HOME")
    if env:
        base = Path(env).expanduser()
        if not base.is_absolute():
            raise DataFolderError(f"环境变量 CLERK_HOME 须为完整路径（绝对路径），当前为 {env!r}："
                                  "相对路径随当前目录而变，会在别处新建一个空的数据文件夹。")
        what = "数据文件夹（环境变量 CLERK_HOME）"
    else:
        base = Path(platformdirs.user_data_dir("clerk", "WindowClerk"))
        what = "数据文件夹"
    if base.is_dir():
        return base
    return _folder(base, what)


def sub(name: str) -> Path:
    """A sub-folder of the data folder, created on first use."""
    return _folder(data_home() / name, "数据文件夹中的")


def db_path() -> Path:
    return data_home() / "clerk.sqlite3"


def backups_dir() -> Path:
    """Rotating store backups (``clerk recover`` restores from here)."""
    return sub("backups")


def settings_path() -> Path:
    return data_home() / "settings.toml"


def logs_dir() -> Path:
    return sub("logs")


def documents_dir() -> Path:
    return sub("documents")


def catalog_dir() -> Path:
    """Where the window's active catalogue lives (seeded from the demo ``forms/``)."""
    return data_home() / "catalog"


def calendar_dir() -> Path:
    """Centre-maintained holiday calendar files (override the shipped ones)."""
    return sub("calendar")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a temporary file beside it, then a rename).

    Raises ``OSError``; the caller turns it into its own message.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
