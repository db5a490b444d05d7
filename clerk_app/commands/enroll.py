"""``clerk enroll --server URL --code CODE``: register this window with the centre."""

from __future__ import annotations

from clerk_app.commands.common import CommandError, open_ctx


def register(sub) -> None:
    p = sub.add_parser("enroll", help="用管理员给的一次性登记码把本窗口登记到中心服务器")
    p.add_argument("--server", required=True, metavar="URL", help="中心服务器地址，如 https://zx.example.gov.cn:8765")
    p.add_argument("--code", required=True, help="一次性登记码（clerk server window add 打印）")
    p.add_argument("--ca-file", default=None, help="中心使用自签名证书时，其 CA 证书文件")
    p.set_defaults(func=run)


def run(args) -> int:
    from clerk_app.sync.enroll import EnrollError, enroll
    from clerk_app.sync.errors import SyncError

    ctx = open_ctx()
    try:
        try:
            res = enroll(ctx, args.server, args.code, ca_file=args.ca_file)
        except (EnrollError, SyncError) as exc:
            raise CommandError(getattr(exc, "message", None) or str(exc)) from exc
        where = "系统密钥环" if res.token_store == "keyring" else "数据文件夹中仅本用户可读的文件"
        print(f"已登记：窗口 {res.window_id}（{res.window_name}），中心 {res.server_url}；令牌保存在{where}")
        if res.settings_changed:
            print(f"本机窗口编号已改为中心登记的 {res.window_id}")
        return 0
    finally:
        ctx.close()
