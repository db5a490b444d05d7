"""``clerk intake --json FILE``: a headless intake through the wizard's own service code."""

from __future__ import annotations

import sys

from clerk_app.commands.common import (
    CommandError,
    add_actor_args,
    current_clerk,
    end_clerk_session,
    open_ctx,
    print_json,
)
from clerk_app.commands.json_input import read_json_input


def register(sub) -> None:
    p = sub.add_parser("intake", help="无界面收件（也用于批量录入信函申请）")
    p.add_argument("--json", dest="json_file", required=True, metavar="FILE", help="申请 JSON 文件（- 为标准输入）")
    add_actor_args(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from clerk_app.intake.request import flow_from_json
    from clerk_app.services.intake import IntakeRejected, submit

    if args.json_file == "-" and args.password_stdin:
        print("--json - 与 --password-stdin 不能同时使用标准输入", file=sys.stderr)
        return 2
    try:
        data = read_json_input(args.json_file)
    except CommandError as exc:
        print(exc, file=sys.stderr)
        return exc.code
    ctx = open_ctx()
    try:
        clerk = current_clerk(args, ctx)
        flow, errors = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock(),
                                      ctx.settings.centre.mail_max_age_days)
        if flow is not None:
            try:
                result = submit(ctx, flow, clerk)
            except IntakeRejected as exc:
                errors = exc.errors
        if errors:
            for e in errors:
                print(f"{args.json_file}: {e}", file=sys.stderr)
            print(f"{len(errors)} 处问题，未保存任何内容", file=sys.stderr)
            return 2
        print_json(result.to_json())
        return 0
    finally:
        end_clerk_session(args, ctx)
        ctx.close()
