"""Install a catalogue version pulled from the centre: stage, check, keep a snapshot, swap in.

The files are written and checked *before* the stream cursor commits; installing the
same version again is harmless, so a crash at any point converges on the next pull.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

from clerk_app.catalog.active import load_active, save_snapshot
from clerk_app.catalog.loader import CatalogInvalid, load_catalogue
from clerk_app.domain.catalog import Catalogue

log = logging.getLogger(__name__)


class CatalogueRefused(ValueError):
    """A pulled version cannot be used; the message says why, in Chinese."""


def active_folder(home: Path) -> Path:
    return home / "catalog"


def _safe_target(root: Path, name: str) -> Path:
    target = (root / name).resolve()
    if root.resolve() not in target.parents:
        raise CatalogueRefused(f"事项目录文件路径不安全：{name}")
    return target


_VERSION = re.compile(r"[A-Za-z0-9_-]{1,64}")  # a digest: it names a folder, so no "..", "/" or "\\"


def stage(home: Path, version: str, files: dict[str, str]) -> tuple[Path, Catalogue]:
    """Write the version's files to a fresh folder and load them; the digest must equal ``version``."""
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        raise CatalogueRefused(f"中心发布的事项目录版本号无效：{str(version)[:64]!r}")
    root = home / "catalog_incoming" / version
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name, text in files.items():
        target = _safe_target(root, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    try:
        cat = load_catalogue(root)
    except CatalogInvalid as exc:
        first = "; ".join(str(e) for e in exc.errors[:3])
        raise CatalogueRefused(f"中心发布的事项目录 {version} 无法加载（{len(exc.errors)} 处错误）：{first}") from exc
    if cat.version != version:
        raise CatalogueRefused(f"中心发布的事项目录 {version} 与其内容不符（内容的版本为 {cat.version}）")
    save_snapshot(home, cat)
    return root, cat


def install(home: Path, staged: Path) -> None:
    """Swap the staged folder in as the active catalogue (the old one is removed after)."""
    active = active_folder(home)
    old = home / "catalog_replaced"
    if old.exists():
        shutil.rmtree(old)
    if active.exists():
        os.replace(active, old)
    os.replace(staged, active)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(home / "catalog_incoming", ignore_errors=True)


def discard_staging(home: Path) -> None:
    shutil.rmtree(home / "catalog_incoming", ignore_errors=True)


def reload(ctx) -> None:
    ctx.catalogue, ctx.catalogue_status = load_active(ctx.home, active_folder(ctx.home))
    log.info("catalogue reloaded: version %s", ctx.catalogue.version)
