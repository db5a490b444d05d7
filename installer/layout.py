"""The bundle's layout in one place: what the PyInstaller spec copies in, and where.

Read by ``installer/clerk.spec`` (to build) and by ``tests/installer`` (to check that the
Windows installer script and the .deb list only files the bundle really has).
Paths are relative to the repository root (source) and to the bundle's ``_internal/``
folder (destination), with forward slashes.
"""

from __future__ import annotations

from pathlib import Path

APP_NAME = "clerk"  # the executable: dist/clerk/clerk (clerk.exe on Windows)
CLI_NAME = "clerk-cli"  # Windows only: the same program as a console .exe, for cmd and scripts
CONTENTS = "_internal"  # PyInstaller 6's folder for everything but the executable

# (source folder in the repository, destination folder inside _internal/)
DATAS: list[tuple[str, str]] = [
    ("resources", "resources"),
    ("forms", "forms"),
    ("clerk_app/store/migrations", "clerk_app/store/migrations"),
    ("clerk_app/server/migrations", "clerk_app/server/migrations"),
]


def data_files(root: Path) -> list[str]:
    """Every data file the bundle carries, as a path relative to the bundle folder."""
    out: list[str] = []
    for src, dest in DATAS:
        base = root / src
        for f in sorted(base.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts:
                out.append(f"{CONTENTS}/{dest}/{f.relative_to(base).as_posix()}")
    return out
