"""``clerk catalog check|list|schema``."""

from __future__ import annotations

import sys
from pathlib import Path

from clerk_app.commands.common import CommandError, print_json


def register(sub) -> None:
    p = sub.add_parser("catalog", help="事项目录：校验、列出、格式说明")
    s = p.add_subparsers(dest="catalog_cmd", required=True)
    c = s.add_parser("check", help="校验目录，列出全部错误（文件: 字段: 原因）")
    c.add_argument("dir", nargs="?", help="目录（默认：本机当前使用的目录）")
    c.set_defaults(func=check)
    ls = s.add_parser("list", help="列出已加载的目录")
    ls.add_argument("--json", action="store_true", required=True)
    ls.set_defaults(func=list_)
    sc = s.add_parser("schema", help="打印目录文件的 JSON Schema")
    sc.set_defaults(func=schema)


def check(args) -> int:
    from clerk_app import paths
    from clerk_app.services.catalogue import CatalogInvalid, has_saved_versions, load_catalogue

    folder = Path(args.dir) if args.dir else paths.catalog_dir()
    if not args.dir and not folder.exists() and not has_saved_versions(paths.data_home()):
        folder = paths.DEMO_FORMS  # a fresh data folder: what its first start will seed
    try:
        cat = load_catalogue(folder)
    except CatalogInvalid as exc:
        for e in exc.errors:
            print(e, file=sys.stdout)
        print(f"{len(exc.errors)} 处错误 ({folder})", file=sys.stderr)
        return 1
    depts = {i.department for i in cat.items.values()}
    print(f"OK: {folder}: {len(cat.items)} 个事项, {len(depts)} 个部门, {len(cat.materials)} 种材料, "
          f"{len(cat.themes)} 个一件事主题, 版本 {cat.version}")
    return 0


def list_(args) -> int:
    from clerk_app.commands.common import open_ctx
    from clerk_app.services.catalogue import catalogue_to_json

    ctx = open_ctx()
    data = catalogue_to_json(ctx.catalogue)
    data["status"] = {"source": ctx.catalogue_status.source,
                      "errors": [str(e) for e in ctx.catalogue_status.errors]}
    print_json(data)
    return 0


def schema(args) -> int:
    from clerk_app.services.catalogue import catalogue_json_schema

    print_json(catalogue_json_schema())
    return 0


__all__ = ["register", "CommandError"]
