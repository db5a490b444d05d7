"""The ``clerk`` command: no arguments opens the window app; subcommands serve admins and scripts."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

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
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `clerk case list | head`: the reader went away, nothing is wrong
        sys.stderr.close()
        return 0
    except Exception as exc:  # last resort: a clear line, the trace goes to the log
        log.exception("command failed")
        print(f"clerk: 内部错误：{exc}（详见日志 {__import__('clerk_app.paths').paths.logs_dir()}）", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
