"""Helpers shared by subcommands: JSON output, errors, opening the context."""

from __future__ import annotations

import calendar
import json
import re
import sys
from datetime import date
from typing import Any


class CommandError(Exception):
    """A user-facing failure: printed to stderr, exit code ``code``."""

    def __init__(self, message: str, code: int = 1):
        self.code = code
        super().__init__(message)


def _plain(data: Any) -> Any:
    """Typed records (and lists of them) as their JSON form."""
    if isinstance(data, list):
        return [_plain(x) for x in data]
    return data.to_json() if hasattr(data, "to_json") else data


def print_json(data: Any) -> None:
    json.dump(_plain(data), sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def warn_settings_problems(settings: Any) -> None:
    """Settings the file gets wrong and the default replaced (``settings.load``): said on stderr."""
    if settings.problems:
        print("设置文件中以下设置项无效，已暂用默认值（请用 clerk settings set 改正）：", file=sys.stderr)
        for p in settings.problems:
            print(f"  {p}", file=sys.stderr)


def open_ctx():
    from clerk_app.services.catalogue import CatalogInvalid
    from clerk_app.services.context import open_context
    from clerk_app.services.store_open import StoreProblem
    from clerk_app.settings import SettingsError

    try:
        ctx = open_context()
        warn_settings_problems(ctx.settings)
        return ctx
    except StoreProblem as exc:
        raise CommandError(str(exc), code=3) from exc
    except SettingsError as exc:
        raise CommandError(f"设置文件有误，请改正后再试：\n{exc}") from exc
    except CatalogInvalid as exc:
        raise CommandError("事项目录无效，且没有可用的上一个有效版本：\n" + str(exc)) from exc


def add_actor_args(parser) -> None:
    """``--as STAFF_NO``: act as a logged-in staff member, so the record and audit name them."""
    parser.add_argument("--as", dest="as_staff", metavar="STAFF_NO",
                        help="以该工号身份办理（需密码；记入办件与审计日志）。不填则记为“本机窗口人员”")
    parser.add_argument("--on-behalf-of", dest="on_behalf_of", metavar="STAFF_NO", help="代岗：为该 A 角工号顶岗")
    parser.add_argument("--password-stdin", action="store_true", help="从标准输入第一行读取密码")


def current_clerk(args, ctx=None) -> Any:
    """The acting clerk: a staff login with ``--as`` (audited like the window's login), else the local clerk."""
    import getpass

    from clerk_app.domain.people import LOCAL_CLERK

    staff_no = getattr(args, "as_staff", None)
    if getattr(args, "on_behalf_of", None) and not staff_no:  # else the act would go to 本机窗口人员, not 代岗
        raise CommandError("代岗（--on-behalf-of）须同时用 --as 指明代岗人（B 角）本人的工号", code=2)
    if not staff_no or ctx is None:
        return LOCAL_CLERK
    if getattr(args, "_clerk", None) is not None:
        return args._clerk
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"工号 {staff_no} 的密码：")
    else:
        raise CommandError("没有终端可输入密码：请用 --password-stdin 从标准输入提供", code=2)
    from clerk_app.services import staff_login

    try:
        result = staff_login.login(ctx, staff_no, password, on_behalf_of=args.on_behalf_of)
    except staff_login.LoginRefused as exc:
        raise CommandError(str(exc), code=2) from exc
    args._clerk = result.clerk
    return result.clerk


def end_clerk_session(args, ctx) -> None:
    """Log the ``--as`` staff member out again at the end of the command."""
    clerk = getattr(args, "_clerk", None)
    if clerk is not None:
        from clerk_app.services import staff_login

        staff_login.logout(ctx, clerk, "command_done")


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_day(text: str) -> date:
    """An ISO date (``YYYY-MM-DD``) of the command line, or ValueError saying in Chinese what is wrong:
    the form (``日期应为 YYYY-MM-DD 格式``), or a date that does not exist (``2025-02-29 不是有效日期…``)."""
    given = (text or "").strip()
    try:
        return date.fromisoformat(given)
    except ValueError:
        pass
    m = _ISO_DAY.fullmatch(given)
    if m is None:
        raise ValueError(f"日期应为 YYYY-MM-DD 格式，如 2026-12-01（收到 {text!r}）")
    year, month, day = (int(g) for g in m.groups())
    if year < 1:
        why = "没有公元 0 年"
    elif not 1 <= month <= 12:
        why = f"月份应为 01–12，收到 {m.group(2)}"
    elif day == 0:
        why = "日应从 01 起"
    else:
        why = f"{year} 年 {month} 月只有 {calendar.monthrange(year, month)[1]} 天"
    raise ValueError(f"{given} 不是有效日期（{why}）")
