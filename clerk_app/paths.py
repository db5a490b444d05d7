"""Every path the app writes lives under one data folder (``CLERK_HOME`` overrides it)."""

from __future__ import annotations

import os
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
    base.mkdir(parents=True, exist_ok=True)
    return base


def sub(name: str) -> Path:
    """A sub-folder of the data folder, created on first use."""
    p = data_home() / name
    p.mkdir(parents=True, exist_ok=True)
    return p


def db_path() -> Path:
    return data_home() / "clerk.sqlite3"


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
