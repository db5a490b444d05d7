"""Load ``forms/`` into a cross-checked :class:`Catalogue`, reporting every error at once.

Layout of a catalogue folder::

    materials.toml        the material vocabulary (材料库): [[materials]] ...
    items/*.toml          one service item per file: [item] ...
    themes/*.toml         one "one thing" theme per file: [theme] ...
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from clerk_app.domain.catalog import Catalogue, Item, ItemFile, Material, MaterialsFile, Theme, ThemeFile


@dataclass(frozen=True)
class CatalogError:
    file: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field or '(file)'}: {self.reason}"


class CatalogInvalid(Exception):
    def __init__(self, errors: list[CatalogError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _parse(path: Path, rel: str, model, errors: list[CatalogError]):
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        errors.append(CatalogError(rel, "", f"不是 UTF-8 编码的文本: {exc.reason}"))
        return None, b""
    except tomllib.TOMLDecodeError as exc:
        errors.append(CatalogError(rel, "", f"TOML 语法错误: {exc}"))
        return None, b""
    except OSError as exc:
        errors.append(CatalogError(rel, "", f"无法读取: {exc.strerror}"))
        return None, b""
    try:
        return model.model_validate(data), raw
    except ValidationError as exc:
        for e in exc.errors():
            msg = e["msg"].removeprefix("Value error, ")
            errors.append(CatalogError(rel, _loc(e["loc"]), msg))
        return None, raw


def _check_refs(rel: str, item: Item, materials: dict[str, Material], errors: list[CatalogError]) -> None:
    for si, sit in enumerate(item.situations):
        for mi, req in enumerate(sit.materials):
            for mid in req.material_ids:
                if mid not in materials:
                    field = f"item.situations[{si}].materials[{mi}]." + ("ref" if req.ref else "any_of")
                    errors.append(CatalogError(rel, field, f"未知的材料标识 “{mid}”（材料库中没有）"))


def load_catalogue(folder: Path) -> Catalogue:
    """Load and cross-check a catalogue folder; raise :class:`CatalogInvalid` with every error."""
    folder = Path(folder)
    errors: list[CatalogError] = []
    digest = hashlib.sha256()
    if not folder.is_dir():
        raise CatalogInvalid([CatalogError(str(folder), "", "目录不存在")])

    mat_path = folder / "materials.toml"
    materials: dict[str, Material] = {}
    if not mat_path.exists():
        errors.append(CatalogError("materials.toml", "", "缺少材料库文件"))
    else:
        mf, raw = _parse(mat_path, "materials.toml", MaterialsFile, errors)
        digest.update(b"materials.toml\0" + raw)
        if mf:
            for i, m in enumerate(mf.materials):
                if m.id in materials:
                    errors.append(CatalogError("materials.toml", f"materials[{i}].id", f"材料标识 “{m.id}” 重复"))
                materials[m.id] = m

    items: dict[str, Item] = {}
    item_files: dict[str, str] = {}
    for path in sorted((folder / "items").glob("*.toml")):
        rel = f"items/{path.name}"
        f, raw = _parse(path, rel, ItemFile, errors)
        digest.update(rel.encode() + b"\0" + raw)
        if f is None:
            continue
        item = f.item
        if item.code in items:
            errors.append(CatalogError(rel, "item.code", f"基本编码 {item.code} 与 {item_files[item.code]} 重复"))
            continue
        _check_refs(rel, item, materials, errors)
        items[item.code] = item
        item_files[item.code] = rel
    if not items and not errors:
        errors.append(CatalogError("items/", "", "目录中没有任何事项文件"))

    themes: dict[str, Theme] = {}
    for path in sorted((folder / "themes").glob("*.toml")):
        rel = f"themes/{path.name}"
        f, raw = _parse(path, rel, ThemeFile, errors)
        digest.update(rel.encode() + b"\0" + raw)
        if f is None:
            continue
        t = f.theme
        if t.id in themes:
            errors.append(CatalogError(rel, "theme.id", f"主题标识 “{t.id}” 重复"))
        for i, code in enumerate(t.items):
            if code not in items:
                errors.append(CatalogError(rel, f"theme.items[{i}]", f"未知的事项编码 {code}"))
        themes[t.id] = t

    if errors:
        raise CatalogInvalid(errors)
    return Catalogue.model_construct(
        version=digest.hexdigest()[:16], materials=materials, items=items, themes=themes
    )


def catalogue_json_schema() -> dict:
    """The JSON Schema of the three file kinds, for ``clerk catalog schema``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Window Clerk catalogue files",
        "description": "materials.toml: MaterialsFile; items/*.toml: ItemFile; themes/*.toml: ThemeFile",
        "oneOf": [
            {"title": "MaterialsFile (materials.toml)", **MaterialsFile.model_json_schema()},
            {"title": "ItemFile (items/*.toml)", **ItemFile.model_json_schema()},
            {"title": "ThemeFile (themes/*.toml)", **ThemeFile.model_json_schema()},
        ],
    }
