"""The ``clerk`` command: no arguments opens the window app; subcommands serve admins and scripts."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from clerk_app import paths
from clerk_app.commands.common import CommandError
from clerk_app.store.files import StoreProblem

# Each module registers its own subcommands.
COMMAND_MODULES = [
    "clerk_app.commands.catalog",
    "clerk_app.commands.intake",
    "clerk_app.commands.cases",
    "clerk_app.commands.settings_cmd",
    "clerk_app.commands.staff",
    "clerk_app.commands.voucher",
    "clerk_app.commands.server",
    "clerk_app.commands.sync",
    "clerk_app.commands.enroll",
    "clerk_app.commands.device",
    "clerk_app.commands.recover",
    "clerk_app.commands.reporting",
]

log = logging.getLogger("clerk")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clerk", description="综合窗口收件台 Window Clerk。不带参数运行即打开窗口程序。"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    os.umask(0o077)  # everything under the data folder is the OS user's alone (0600 / 0700)
    if not argv:
        from clerk_app.app import run_gui

        return run_gui()
    from clerk_app import logging_setup

    logging_setup.setup()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CommandError as exc:
        print(f"clerk: {exc}", file=sys.stderr)
        return exc.code
    except StoreProblem as exc:  # a store that vanished or filled the disk mid-command
        print(f"clerk: {exc}", file=sys.stderr)
        return 3
    except paths.DataFolderError as exc:  # CLERK_HOME a file, relative, not creatable
        print(f"clerk: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `clerk case list | head`: the reader went away, nothing is wrong
        sys.stderr.close()
        return 0
    except Exception as exc:  # last resort: a clear line, the trace goes to the log
        log.exception("command failed")
        known = _known_fault(exc)
        if known:
            print(f"clerk: {known}", file=sys.stderr)
            return 3
        print(f"clerk: 内部错误：{exc}（详见日志 {_logs_folder()}）", file=sys.stderr)
        return 1


def _known_fault(exc: BaseException) -> str | None:
    """A fault of the machine rather than of the program (a full disk, a locked store, a file the
    OS refuses), said in Chinese with the file it concerns; None for anything else."""
    from clerk_app.store.files import DiskFull, StoreBusy, is_busy, is_disk_full

    if is_disk_full(exc):
        return str(DiskFull(getattr(exc, "filename", None) or ""))
    if is_busy(exc):
        return str(StoreBusy(paths.db_path()))
    if isinstance(exc, OSError) and exc.filename:
        return (f"无法读写 {exc.filename}：{paths.os_reason(exc)}。本次操作未完成；"
                "请信息科检查数据文件夹的权限与磁盘空间后重试。")
    return None


def _logs_folder() -> str:
    try:
        return str(paths.logs_dir())
    except Exception:  # the data folder itself is the problem: say where it should be
        return "数据文件夹中的 logs"


if __name__ == "__main__":
    sys.exit(main())
