"""Helpers shared by subcommands: JSON output, errors, opening the context."""

from __future__ import annotations

import json
import sys
from typing import Any


class CommandError(Exception):
    """A user-facing failure: printed to stderr, exit code ``code``."""

    def __init__(self, message: str, code: int = 1):
        self.code = code
        super().__init__(message)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def open_ctx():
    from clerk_app.catalog.loader import CatalogInvalid
    from clerk_app.services.context import open_context
    from clerk_app.settings import SettingsError

    try:
        return open_context()
    except SettingsError as exc:
        raise CommandError(f"设置文件有误，请改正后再试：\n{exc}") from exc
    except CatalogInvalid as exc:
        raise CommandError("事项目录无效，且没有可用的上一个有效版本：\n" + str(exc)) from exc


def current_clerk(args) -> Any:
    """The acting clerk for a command-line action (``--as STAFF_NO`` once staff exist)."""
    from clerk_app.domain.people import LOCAL_CLERK

    return getattr(args, "_clerk", None) or LOCAL_CLERK
