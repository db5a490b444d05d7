"""The window's active catalogue: load it, keep the last good version, never load a broken one.

``<data>/catalog/`` is the editable folder (seeded from the demo ``forms/`` on first run, or
replaced by versions from the central server). Each good load is kept as an immutable
snapshot ``<data>/catalog_versions/<version>.json``; when the folder is broken the app
keeps running on the last good snapshot and reports why. A folder that goes missing in a
data folder that already has snapshots is broken too: the demo is seeded only on a fresh one.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from clerk_app.catalog.loader import CatalogError, CatalogInvalid, load_catalogue
from clerk_app.domain.catalog import Catalogue

log = logging.getLogger(__name__)


@dataclass
class CatalogueStatus:
    version: str
    source: str  # "folder" | "last-good"
    errors: list[CatalogError] = field(default_factory=list)

    @property
    def degraded(self) -> bool:
        return bool(self.errors)

    def message(self) -> str:
        if not self.errors:
            return f"事项目录版本 {self.version}"
        lines = [f"事项目录有 {len(self.errors)} 处错误，仍使用上一个有效版本 {self.version}："]
        lines += [f"  {e}" for e in self.errors[:20]]
        if len(self.errors) > 20:
            lines.append(f"  …… 另有 {len(self.errors) - 20} 处")
        return "\n".join(lines)


def snapshot_dir(home: Path) -> Path:
    p = home / "catalog_versions"
    p.mkdir(parents=True, exist_ok=True)
    return p


def _private(root: Path) -> None:
    """The data folder is the OS user's alone: copied files keep no 0644 from the source tree."""
    for dirpath, _dirs, files in os.walk(root):
        os.chmod(dirpath, 0o700)
        for f in files:
            os.chmod(os.path.join(dirpath, f), 0o600)


def has_saved_versions(home: Path) -> bool:
    """The data folder has already run a catalogue (it keeps at least one snapshot of one)."""
    d = home / "catalog_versions"
    return (d / "LAST_GOOD").exists() or any(d.glob("*.json"))


def ensure_seeded(folder: Path, demo: Path, home: Path | None = None) -> None:
    """On a fresh data folder, copy the demo catalogue into place whole or not at all.

    ``home`` is the data folder (by default the folder's parent, ``<data>/catalog``). Once it
    keeps catalogue versions a missing folder is not re-seeded: the demo would silently replace
    the centre's catalogue; :func:`load_active` reports the folder missing and runs the last good.
    """
    if folder.exists():
        return
    if has_saved_versions(home if home is not None else folder.parent):
        log.error("catalogue folder %s is missing; not seeding the demo into a used data folder", folder)
        return
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-seed-"))
    try:
        shutil.copytree(demo, tmp, ignore=shutil.ignore_patterns("README.md"), dirs_exist_ok=True)
        _private(tmp)
        try:
            os.rename(tmp, folder)
        except OSError:  # another first start put its copy there first
            if not folder.exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def save_snapshot(home: Path, cat: Catalogue) -> Path:
    d = snapshot_dir(home)
    path = d / f"{cat.version}.json"
    if not path.exists():
        fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(cat.model_dump_json())
        os.replace(tmp, path)
    pointer = d / "LAST_GOOD"
    fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
    with os.fdopen(fd, "w") as fh:
        fh.write(cat.version)
    os.replace(tmp, pointer)
    return path


def load_snapshot(home: Path, version: str) -> Catalogue:
    path = snapshot_dir(home) / f"{version}.json"
    return Catalogue.model_validate_json(path.read_text(encoding="utf-8"))


def last_good_version(home: Path) -> str | None:
    p = snapshot_dir(home) / "LAST_GOOD"
    return p.read_text().strip() if p.exists() else None


def load_active(home: Path, folder: Path) -> tuple[Catalogue, CatalogueStatus]:
    """Load the folder; on any error fall back to the last good snapshot (or raise if none)."""
    try:
        cat = load_catalogue(folder)
    except CatalogInvalid as exc:
        version = last_good_version(home)
        if version is None:
            raise
        log.error("catalogue folder %s invalid (%d errors); using last good %s", folder, len(exc.errors), version)
        try:
            good = load_snapshot(home, version)
        except (OSError, ValueError) as bad:  # pydantic's ValidationError is a ValueError
            log.error("last good catalogue %s unreadable: %s", version, bad)
            unreadable = CatalogError(f"catalog_versions/{version}.json", "", "上一个有效版本无法读取或已不符合目录格式")
            raise CatalogInvalid([*exc.errors, unreadable]) from bad
        return good, CatalogueStatus(version, "last-good", exc.errors)
    save_snapshot(home, cat)
    return cat, CatalogueStatus(cat.version, "folder")


def catalogue_to_json(cat: Catalogue) -> dict:
    return json.loads(cat.model_dump_json())
