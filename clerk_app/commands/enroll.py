"""``clerk enroll --server URL [--code-stdin]``: register this window with the centre.

The one-time code is typed at a prompt (not echoed) or read from standard input, never
given on the command line, where every user of the PC could read it in the process list.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from clerk_app.commands.common import CommandError, open_ctx


def register(sub) -> None:
    p = sub.add_parser("enroll", help="用管理员给的一次性登记码把本窗口登记到中心服务器")
    p.add_argument("--server", required=True, metavar="URL", help="中心服务器地址，如 https://zx.example.gov.cn:8765")
    p.add_argument("--code-stdin", action="store_true",
                   help="从标准输入读取一次性登记码（否则在终端提示输入，输入内容不显示）")
    p.add_argument("--code", help=argparse.SUPPRESS)  # refused with a clear message: it shows in ps
    p.add_argument("--ca-file", default=None, help="中心使用自签名证书时，其 CA 证书文件")
    p.set_defaults(func=run)


def run(args) -> int:
    from clerk_app.sync.enroll import EnrollError, enroll
    from clerk_app.sync.errors import SyncError

    code = read_code(args)
    ctx = open_ctx()
    try:
        try:
            res = enroll(ctx, args.server, code, ca_file=args.ca_file)
        except (EnrollError, SyncError) as exc:
            raise CommandError(getattr(exc, "message", None) or str(exc)) from exc
        where = "系统密钥环" if res.token_store == "keyring" else "数据文件夹中仅本用户可读的文件"
        print(f"已登记：窗口 {res.window_id}（{res.window_name}），中心 {res.server_url}；令牌保存在{where}")
        if res.settings_changed:
            print(f"本机窗口编号已改为中心登记的 {res.window_id}")
        return 0
    finally:
        ctx.close()


def read_code(args) -> str:
    if args.code:
        raise CommandError("登记码不能写在命令行上（其他用户可在进程列表中看到）：请去掉 --code，"
                           "在提示时输入，或用 --code-stdin 从标准输入提供")
    if args.code_stdin:
        code = sys.stdin.readline().strip()
    elif sys.stdin.isatty():
        code = getpass.getpass("一次性登记码（输入时不显示）：").strip()
    else:
        raise CommandError("没有终端可输入登记码：请用 --code-stdin 从标准输入提供")
    if not code:
        raise CommandError("没有输入登记码")
    return code
