"""Every path the app writes lives under one data folder (``CLERK_HOME`` overrides it)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES = PROJECT_ROOT / "resources"
DEMO_FORMS = PROJECT_ROOT / "forms"
FONTS = RESOURCES / "fonts"
CALENDAR_DATA = RESOURCES / "calendar"


def data_home() -> Path:
    """The data folder: ``$CLERK_HOME`` or the platform's per-user data folder."""
    env = os.environ.get("CLERK_HOME")
    base = Path(env).expanduser() if env else Path(platformdirs.user_data_dir("clerk", "WindowClerk"))
    if not base.exists():
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
    return base


def sub(name: str) -> Path:
    """A sub-folder of the data folder, created on first use."""
    p = data_home() / name
    p.mkdir(mode=0o700, parents=True, exist_ok=True)
    return p


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
