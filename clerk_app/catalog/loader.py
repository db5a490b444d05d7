"""Load ``forms/`` into a cross-checked :class:`Catalogue`, reporting every error at once.

Layout of a catalogue folder::

    materials.toml        the material vocabulary (材料库): [[materials]] ...
    items/*.toml          one service item per file: [item] ...
    themes/*.toml         one "one thing" theme per file: [theme] ...
"""

from __future__ import annotations

import hashlib
import os
import stat
import tomllib

try:  # a compiled TOML parser: about 10x faster than tomllib on a large catalogue
    import rtoml

    _toml_loads = rtoml.loads
    TOMLError: tuple[type[Exception], ...] = (tomllib.TOMLDecodeError, rtoml.TomlParsingError)
except ImportError:  # pragma: no cover - rtoml is a dependency; keep working without it
    _toml_loads = tomllib.loads
    TOMLError = (tomllib.TOMLDecodeError,)
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from clerk_app.domain import pydantic_errors
from clerk_app.domain.catalog import (
    Catalogue,
    Item,
    ItemFile,
    Material,
    MaterialsFile,
    Theme,
    ThemeFile,
    item_problems,
)


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


# Size caps: the largest demo item file is under 6 KB and the whole material vocabulary under
# 20 KB, so these leave room for a catalogue hundreds of times richer while a stray device
# (``/dev/zero``), FIFO or huge file can never be read into memory.
ITEM_FILE_MAX_BYTES = 1024 * 1024  # items/*.toml and themes/*.toml: 1 MB each
MATERIALS_FILE_MAX_BYTES = 4 * 1024 * 1024  # materials.toml, shared by every item: 4 MB


def _read_capped(path: Path, rel: str, cap: int, errors: list[CatalogError]) -> bytes | None:
    """The bytes of a regular file of at most ``cap`` bytes, or ``None`` with the error recorded.

    Opened without blocking (a FIFO would otherwise wait for a writer) and checked on the open
    descriptor, so a file swapped after the check is still a regular file; reads at most ``cap + 1``.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        errors.append(CatalogError(rel, "", f"无法读取: {exc.strerror or exc}"))
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            errors.append(CatalogError(rel, "", "不是普通文件（目录、设备、管道等不能作为目录文件）"))
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(cap + 1)
    except OSError as exc:
        errors.append(CatalogError(rel, "", f"无法读取: {exc.strerror or exc}"))
        return None
    finally:
        os.close(fd)
    if len(raw) > cap:
        size = max(st.st_size, len(raw))
        errors.append(CatalogError(rel, "", f"文件过大（{_kb(size)} KB，上限 {_kb(cap)} KB）"))
        return None
    return raw


def _kb(n: int) -> str:
    return f"{n / 1024:,.0f}" if n >= 10 * 1024 else f"{n / 1024:.1f}".removesuffix(".0")


# what a catalogue file calls things (TOML): the rest of pydantic's wording is shared
_WORDS = {
    "string_type": "应为文本（用英文双引号括起）",
    "list_type": "应为列表（[...]）",
    "dict_type": "应为表（{ 键 = 值 }）",
    "model_type": "应为表（{ 键 = 值 } 或 [节]）",
    "model_attributes_type": "应为表（{ 键 = 值 } 或 [节]）",
    "missing": "缺少必填字段",
    "extra_forbidden": "不认识的字段（字段名拼写有误，或本处不能写此字段）",
}


def _reason(e: ErrorDetails) -> str:
    """The admin's reason for one pydantic error, in Chinese (our own rules already are)."""
    return pydantic_errors.reason(e, _WORDS)


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if part == "[key]":  # a dict key that is not allowed: the key itself is already in the path
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _parse(path: Path, rel: str, model, errors: list[CatalogError], cap: int = ITEM_FILE_MAX_BYTES):
    raw = _read_capped(path, rel, cap, errors)
    if raw is None:
        return None, b""
    try:
        data = _toml_loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        errors.append(CatalogError(rel, "", f"不是 UTF-8 编码的文本: {exc.reason}"))
        return None, b""
    except TOMLError as exc:
        errors.append(CatalogError(rel, "", f"TOML 语法错误: {exc}"))
        return None, b""
    try:
        return model.model_validate(data), raw
    except ValidationError as exc:
        for e in exc.errors():
            errors.append(CatalogError(rel, _loc(e["loc"]), _reason(e)))
        return None, raw


def _check_refs(rel: str, item: Item, materials: dict[str, Material], broken: set[str],
                errors: list[CatalogError]) -> None:
    """Every material reference must name a vocabulary entry (broken entries are reported once, there)."""
    if item.result and item.result.material and item.result.material not in materials \
            and item.result.material not in broken:
        errors.append(CatalogError(rel, "item.result.material",
                                   f"未知的材料标识 “{item.result.material}”（办理结果须对应材料库中的材料）"))
    for si, sit in enumerate(item.situations):
        for mi, req in enumerate(sit.materials):
            base = f"item.situations[{si}].materials[{mi}]"
            for mid in req.material_ids:
                m = materials.get(mid)
                if m is not None and req.e_license and not m.e_license_type:
                    errors.append(CatalogError(rel, f"{base}.e_license",
                                               f"材料 “{mid}” 在材料库中没有 e_license_type，不能标为可用电子证照"))
                if m is not None and req.commitment and not m.commitment_text:
                    errors.append(CatalogError(rel, f"{base}.commitment",
                                               f"材料 “{mid}” 在材料库中没有 commitment_text（承诺内容），不能标为可告知承诺"))
                if mid not in materials and mid not in broken:
                    field = f"item.situations[{si}].materials[{mi}]." + ("ref" if req.ref else "any_of")
                    errors.append(CatalogError(rel, field, f"未知的材料标识 “{mid}”（材料库中没有）"))


def _load_materials(path: Path, errors: list[CatalogError], digest) -> tuple[dict[str, Material], set[str]]:
    """Validate each vocabulary entry on its own, so one bad entry does not hide the others.

    Returns the good entries and the ids of the entries that failed (so references to them
    are not reported a second time).
    """
    rel = "materials.toml"
    raw = _read_capped(path, rel, MATERIALS_FILE_MAX_BYTES, errors)
    if raw is None:
        return {}, set()
    try:
        data = _toml_loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, *TOMLError) as exc:
        errors.append(CatalogError(rel, "", f"无法解析: {exc}"))
        return {}, set()
    digest.update(b"materials.toml\0" + raw)
    entries = data.get("materials")
    extra = set(data) - {"materials"}
    if extra:
        errors.append(CatalogError(rel, ", ".join(sorted(extra)), "不认识的字段"))
    if not isinstance(entries, list):
        errors.append(CatalogError(rel, "materials", "须为 [[materials]] 列表"))
        return {}, set()
    out: dict[str, Material] = {}
    broken: set[str] = set()
    for i, entry in enumerate(entries):
        try:
            m = Material.model_validate(entry)
        except ValidationError as exc:
            for e in exc.errors():
                errors.append(CatalogError(rel, _loc(("materials", i, *e["loc"])), _reason(e)))
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                broken.add(entry["id"])
            continue
        if m.id in out:
            errors.append(CatalogError(rel, f"materials[{i}].id", f"材料标识 “{m.id}” 重复"))
            continue
        out[m.id] = m
    return out, broken - set(out)


def _raw_code(raw: bytes) -> set[str]:
    """The item code of a file that failed validation, so themes naming it are not blamed too."""
    try:
        code = _toml_loads(raw.decode("utf-8"))["item"]["code"]
        return {code} if isinstance(code, str) else set()
    except Exception:
        return set()


def load_catalogue(folder: Path) -> Catalogue:
    """Load and cross-check a catalogue folder; raise :class:`CatalogInvalid` with every error."""
    folder = Path(folder)
    errors: list[CatalogError] = []
    digest = hashlib.sha256()
    if not folder.is_dir():
        raise CatalogInvalid([CatalogError(str(folder), "", "目录不存在")])

    mat_path = folder / "materials.toml"
    materials: dict[str, Material] = {}
    broken_materials: set[str] = set()
    if not mat_path.exists() and not mat_path.is_symlink():
        errors.append(CatalogError("materials.toml", "", "缺少材料库文件"))
    else:
        materials, broken_materials = _load_materials(mat_path, errors, digest)

    items: dict[str, Item] = {}
    item_files: dict[str, str] = {}
    broken_codes: set[str] = set()
    for path in sorted((folder / "items").glob("*.toml")):
        rel = f"items/{path.name}"
        f, raw = _parse(path, rel, ItemFile, errors)
        digest.update(rel.encode() + b"\0" + raw)
        if f is None:
            broken_codes |= _raw_code(raw)
            continue
        item = f.item
        if item.code in items:
            errors.append(CatalogError(rel, "item.code", f"基本编码 {item.code} 与 {item_files[item.code]} 重复"))
            continue
        problems = item_problems(item)
        for field_path, reason in problems:
            errors.append(CatalogError(rel, f"item.{field_path}", reason))
        _check_refs(rel, item, materials, broken_materials, errors)
        if problems:
            broken_codes.add(item.code)
            continue
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
            if code not in items and code not in broken_codes:
                errors.append(CatalogError(rel, f"theme.items[{i}]", f"未知的事项编码 {code}"))
        themes[t.id] = t

    if errors:
        raise CatalogInvalid(errors)
    return Catalogue.model_construct(
        version=digest.hexdigest()[:16], materials=materials, items=items, themes=themes
    )


def catalogue_json_schema() -> dict:
    """The JSON Schema of the three file kinds, for ``clerk catalog schema``.

    Each model's ``$defs`` are hoisted to the root so every ``#/$defs/...`` reference resolves.
    """
    defs: dict = {}
    branches = []
    for title, model in (("MaterialsFile (materials.toml)", MaterialsFile), ("ItemFile (items/*.toml)", ItemFile),
                         ("ThemeFile (themes/*.toml)", ThemeFile)):
        schema = model.model_json_schema()
        defs.update(schema.pop("$defs", {}))
        branches.append({"title": title, **schema})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Window Clerk catalogue files",
        "description": "materials.toml: MaterialsFile; items/*.toml: ItemFile; themes/*.toml: ThemeFile",
        "oneOf": branches,
        "$defs": defs,
    }
