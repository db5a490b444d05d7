"""``clerk sync --once | --status | --issues | --resend ID | --set-aside ID --reason …``."""

from __future__ import annotations

import getpass

from clerk_app.commands.common import CommandError, open_ctx, print_json


def register(sub) -> None:
    p = sub.add_parser("sync", help="与中心服务器同步：执行一轮、查看状态、查看同步问题")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--once", action="store_true", help="立即同步一轮并打印做了什么")
    g.add_argument("--status", action="store_true", help="打印同步状态（与状态栏相同）")
    g.add_argument("--issues", action="store_true", help="列出中心拒收的变更和未能应用的下载")
    g.add_argument("--resend", metavar="ID", help="修复后重新发送一项被拒收的变更（ID 见 --issues，可用前 8 位）")
    g.add_argument("--set-aside", metavar="ID", help="搁置一项同步问题（须用 --reason 写明理由；记入审计日志）")
    p.add_argument("--reason", default="", help="搁置的理由")
    p.add_argument("--all", action="store_true", help="与 --issues 同用：也列出已处理的问题")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args) -> int:
    ctx = open_ctx()
    try:
        if args.once:
            from clerk_app.sync.engine import run_round

            report = run_round(ctx)
            if args.json:
                print_json(report.to_json())
            else:
                print("\n".join(report.lines()))
            return 0 if report.ok else 1
        if args.status:
            from clerk_app.sync.status import read_status

            st = read_status(ctx)
            if args.json:
                print_json(st.to_json())
            else:
                print(st.summary())
                if st.last_success:
                    print(f"上次成功同步：{st.last_success:%Y-%m-%d %H:%M:%S}")
                if st.clock_skew_seconds is not None:
                    print(f"与中心时钟相差：{st.clock_skew_seconds:+.0f} 秒")
                for n in st.notices:
                    print(f"提示：{n}")
                for m in st.tally_mismatch:
                    print(f"核对不一致：{m}")
            return 0
        from clerk_app.services import sync_issues

        if args.resend or args.set_aside:
            try:
                if args.resend:
                    done = sync_issues.resend(ctx, args.resend, _admin())
                else:
                    done = sync_issues.set_aside(ctx, args.set_aside, args.reason, _admin())
            except sync_issues.IssueError as exc:
                raise CommandError(str(exc)) from None
            if args.json:
                print_json(done)
            else:
                label = sync_issues.RESOLUTION_LABELS[done["resolution"]]
                print(f"同步问题 {done['id'][:8]}（{done['subject']}）{label}：{done['resolution_note']}")
            return 0
        data = sync_issues.list_issues(ctx, include_resolved=args.all)
        if args.json:
            print_json(data)
        else:
            if not data:
                print("没有待处理的同步问题")
            for d in data:
                way = "上传" if d["direction"] == "push" else "下载"
                done = f" —— {sync_issues.RESOLUTION_LABELS.get(d['resolution'] or '', '')}：{d['resolution_note']}" \
                    if d["resolved_at"] else ""
                print(f"{d['id'][:8]} [{way} {d['kind']} #{d['ref']} {d['subject']}] {d['status_label']}：{d['reason']}{done}")
        return 0
    except CommandError:
        raise
    finally:
        ctx.close()


def _admin() -> str:
    try:
        return f"管理员（{getpass.getuser()}）"
    except Exception:  # no user name in this environment
        return "管理员"
