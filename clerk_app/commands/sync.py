"""``clerk sync --once | --status | --issues``: replication from the command line."""

from __future__ import annotations

from clerk_app.commands.common import CommandError, open_ctx, print_json


def register(sub) -> None:
    p = sub.add_parser("sync", help="与中心服务器同步：执行一轮、查看状态、查看同步问题")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--once", action="store_true", help="立即同步一轮并打印做了什么")
    g.add_argument("--status", action="store_true", help="打印同步状态（与状态栏相同）")
    g.add_argument("--issues", action="store_true", help="列出中心拒收的变更和未能应用的下载")
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
        from clerk_app.sync import state

        with ctx.store.read() as s:
            rows = state.open_issues(s, limit=1000)
            data = [{"id": r.id, "direction": r.direction, "status": r.status, "kind": r.kind, "ref": r.ref,
                     "entity_id": r.entity_id, "reason": r.reason, "created_at": r.created_at.isoformat()}
                    for r in rows]
        if args.json:
            print_json(data)
        else:
            if not data:
                print("没有待处理的同步问题")
            for d in data:
                way = "上传" if d["direction"] == "push" else "下载"
                print(f"[{way} {d['kind']} #{d['ref']}] {d['reason']}")
        return 0
    except CommandError:
        raise
    finally:
        ctx.close()
