"""``clerk staff ...``: staff accounts, authorisations, AB substitutes, post coverage.

Passwords are never taken as command-line arguments (they would show in the process list
and the shell history): they are asked twice on a terminal, or read from the first line
of standard input with ``--password-stdin``.
"""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

from clerk_app.commands.common import CommandError, open_ctx, print_json


def register(sub) -> None:
    p = sub.add_parser("staff", help="窗口人员账号、授权、AB角与在岗情况")
    s = p.add_subparsers(dest="staff_cmd", required=True)

    a = s.add_parser("add", help="新增人员（密码在终端输入两次，或用 --password-stdin）")
    a.add_argument("staff_no", help="工号")
    a.add_argument("--name", required=True, help="姓名")
    a.add_argument("--badge", default="", help="挂牌上岗工牌号")
    a.add_argument("--window", action="append", default=[], metavar="W",
                   help="上岗窗口：3 位窗口号（本中心）、11 位窗口编码或以 * 结尾的范围；可重复")
    a.add_argument("--grant", action="append", default=[], metavar="G",
                   help="授权：* 全部、事项编码、事项分组（如 市场监管/食品 或 市场监管）或实施部门；可重复")
    a.add_argument("--chief-rep", action="store_true", help="首席事务代表（可当场决定标注的事项）")
    a.add_argument("--supervisor", action="store_true", help="督查人员（可办结差评整改）")
    a.add_argument("--substitute", action="append", default=[], metavar="B", help="B 角工号（可为其代岗）；可重复")
    a.add_argument("--password-stdin", action="store_true", help="从标准输入第一行读取密码")
    a.set_defaults(func=add)

    ls = s.add_parser("list", help="列出人员（含授权、AB角、锁定状态）")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=list_)

    for name, helptext, fn in (("disable", "停用账号（结束其在线会话）", disable), ("enable", "重新启用账号", enable),
                               ("unlock", "解除密码错误锁定", unlock)):
        x = s.add_parser(name, help=helptext)
        x.add_argument("staff_no")
        x.set_defaults(func=fn)

    pw = s.add_parser("passwd", help="重设密码")
    pw.add_argument("staff_no")
    pw.add_argument("--password-stdin", action="store_true")
    pw.set_defaults(func=passwd)

    au = s.add_parser("authorise", aliases=["authorize"], help="设置可受理的事项（替换原授权）")
    au.add_argument("staff_no")
    au.add_argument("grants", nargs="+", metavar="GRANT", help="* 全部、事项编码、事项分组或实施部门")
    cr = au.add_mutually_exclusive_group()
    cr.add_argument("--chief-rep", dest="chief_rep", action="store_true", default=None, help="设为首席事务代表")
    cr.add_argument("--no-chief-rep", dest="chief_rep", action="store_false", help="取消首席事务代表")
    sv = au.add_mutually_exclusive_group()
    sv.add_argument("--supervisor", dest="supervisor", action="store_true", default=None,
                    help="设为督查人员（可办结差评整改）")
    sv.add_argument("--no-supervisor", dest="supervisor", action="store_false", help="取消督查人员")
    au.set_defaults(func=authorise)

    ss = s.add_parser("set-substitute", help="指定 B 角（可代其上岗的人员，替换原名单）")
    ss.add_argument("staff_no", help="A 角工号")
    ss.add_argument("substitutes", nargs="*", metavar="B", help="B 角工号；不填则清空")
    ss.set_defaults(func=set_substitute)

    w = s.add_parser("windows", help="设置上岗窗口（替换原窗口）")
    w.add_argument("staff_no")
    w.add_argument("windows", nargs="+", metavar="W")
    w.set_defaults(func=windows)

    po = s.add_parser("posts", help="各岗位在岗情况（标出 A、B 角均不在岗的空岗）")
    po.add_argument("--json", action="store_true")
    po.set_defaults(func=posts)

    h = s.add_parser("handover", help="预览某人返岗时将看到的交接摘要（不标记为已阅）")
    h.add_argument("staff_no")
    h.add_argument("--json", action="store_true")
    h.set_defaults(func=handover)

    ex = s.add_parser("export", help="导出人员名册 JSON（中心名册格式，含口令校验值）")
    ex.add_argument("--out", metavar="FILE", help="写入文件（默认标准输出）")
    ex.set_defaults(func=export)

    im = s.add_parser("import", help="导入中心名册 JSON（名册中没有的人员将被停用）")
    im.add_argument("file", help="名册 JSON 文件（- 为标准输入）")
    im.add_argument("--version", required=True, help="名册版本")
    im.set_defaults(func=import_)


def _admin() -> str:
    try:
        return f"管理员（{getpass.getuser()}）"
    except Exception:  # no user name in this environment
        return "管理员"


def _read_password(args) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise CommandError("标准输入中没有密码")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CommandError("没有终端可输入密码：请用 --password-stdin 从标准输入提供密码")
    first = getpass.getpass("密码：")
    if getpass.getpass("再次输入密码：") != first:
        raise CommandError("两次输入的密码不一致")
    return first


def _run(fn, *a, **kw):
    """Call a staff service with an open context, turning its errors into command errors."""
    from clerk_app.services.staff import StaffError

    ctx = open_ctx()
    try:
        return fn(ctx, *a, **kw)
    except StaffError as exc:
        raise CommandError(str(exc)) from None
    finally:
        ctx.close()


def add(args) -> int:
    from clerk_app.services import staff

    password = _read_password(args)
    info = _run(staff.add_staff, args.staff_no, args.name, password, args.window, badge=args.badge,
                grants=args.grant, chief_rep=args.chief_rep, substitutes=args.substitute, actor=_admin(),
                supervisor=args.supervisor)
    print(f"已新增 {info.name}（工号 {info.staff_no}），窗口 {'、'.join(info.windows)}")
    if not info.grants:
        print("提示：尚未授权任何事项，请用 clerk staff authorise 授权", file=sys.stderr)
    return 0


def list_(args) -> int:
    from clerk_app.services import staff
    from clerk_app.services.staff import describe_grants
    from clerk_app.services.staff_login import backend_status

    ctx = open_ctx()
    try:
        rows = staff.list_staff(ctx)
        now = ctx.clock()
    finally:
        ctx.close()
    status = backend_status()
    if args.json:
        print_json({"staff": [r.to_json() for r in rows],
                    "secrets": {"backend": status.backend, "detail": status.detail, "message": status.message}})
        return 0
    for r in rows:
        flags = []
        if not r.enabled:
            flags.append("已停用")
        if r.locked_until and r.locked_until > now:
            flags.append(f"锁定至 {r.locked_until:%H:%M}")
        if r.chief_rep:
            flags.append("首席事务代表")
        if r.supervisor:
            flags.append("督查人员")
        if r.source == "demo":
            flags.append("演示账号")
        if not r.has_password:
            flags.append("无登录凭据")
        print(f"{r.staff_no}  {r.name}  工牌 {r.badge or '-'}  窗口 {'、'.join(r.windows) or '-'}"
              + (f"  [{'，'.join(flags)}]" if flags else ""))
        print(f"      授权：{describe_grants(r.grants)}")
        print(f"      B角：{'、'.join(r.substitutes) or '（未指定）'}    可代岗：{'、'.join(r.substitute_for) or '-'}")
    print(f"共 {len(rows)} 人")
    print(f"密钥保存：{status.message}", file=sys.stderr if status.fallback else sys.stdout)
    return 0


def disable(args) -> int:
    from clerk_app.services import staff

    _run(staff.set_enabled, args.staff_no, False, actor=_admin())
    print(f"已停用工号 {args.staff_no}")
    return 0


def enable(args) -> int:
    from clerk_app.services import staff

    _run(staff.set_enabled, args.staff_no, True, actor=_admin())
    print(f"已启用工号 {args.staff_no}")
    return 0


def unlock(args) -> int:
    from clerk_app.services import staff

    if _run(staff.unlock_account, args.staff_no, actor=_admin()):
        print(f"已解除工号 {args.staff_no} 的锁定")
    else:
        print(f"工号 {args.staff_no} 未被锁定（输错密码的次数已清零）")
    return 0


def passwd(args) -> int:
    from clerk_app.services import staff

    _run(staff.set_password, args.staff_no, _read_password(args), actor=_admin())
    print(f"已重设工号 {args.staff_no} 的密码")
    return 0


def authorise(args) -> int:
    from clerk_app.services import staff
    from clerk_app.services.staff import describe_grants

    info = _run(staff.authorise, args.staff_no, args.grants, chief_rep=args.chief_rep, actor=_admin(),
                supervisor=args.supervisor)
    print(f"{info.name}（{info.staff_no}）授权：{describe_grants(info.grants)}"
          + ("；首席事务代表" if info.chief_rep else "") + ("；督查人员" if info.supervisor else ""))
    return 0


def set_substitute(args) -> int:
    from clerk_app.services import staff

    info = _run(staff.set_substitutes, args.staff_no, args.substitutes, actor=_admin())
    print(f"{info.name}（{info.staff_no}）的 B 角：{'、'.join(info.substitutes) or '（未指定）'}")
    return 0


def windows(args) -> int:
    from clerk_app.services import staff

    info = _run(staff.set_windows, args.staff_no, args.windows, actor=_admin())
    print(f"{info.name}（{info.staff_no}）上岗窗口：{'、'.join(info.windows)}")
    return 0


def posts(args) -> int:
    from clerk_app.services.staff_posts import post_status

    rows = _run(post_status)
    if args.json:
        print_json([r.to_json() for r in rows])
        return 0
    alerts = 0
    for r in rows:
        mark = "⚠ " if r.alert else "  "
        alerts += r.alert
        subs = "、".join(r.substitutes) or "未指定B角"
        print(f"{mark}{r.staff_no} {r.name}  {r.label}  {r.present}  B角：{subs}")
    print(f"共 {len(rows)} 个岗位，{alerts} 个需要处理（空岗或未指定 B 角）")
    return 0


def handover(args) -> int:
    from clerk_app.services.staff_handover import summary_for

    def _summary(ctx, no):
        found = summary_for(ctx, no)
        if found is None:
            raise CommandError(f"没有工号为 {no} 的人员")
        return found

    summary = _run(_summary, args.staff_no)
    if args.json:
        from dataclasses import asdict

        print_json(asdict(summary))
    else:
        print("\n".join(summary.lines()) if not summary.is_empty else "没有待交接的代岗记录")
    return 0


def export(args) -> int:
    from clerk_app.services.staff import export_roster

    def _export(ctx):
        with ctx.store.read() as s:
            return export_roster(s)

    roster = _run(_export)
    text = json.dumps(roster, ensure_ascii=False, indent=2)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(f"已导出 {len(roster)} 人到 {args.out}")
    else:
        print(text)
    return 0


def import_(args) -> int:
    from clerk_app.services.staff import RosterInvalid, apply_roster

    try:
        raw = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
        roster = json.loads(raw)
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{args.file}: 无法读取: {exc}", 2) from None
    except json.JSONDecodeError as exc:
        raise CommandError(f"{args.file}: JSON 格式错误: 第 {exc.lineno} 行第 {exc.colno} 列: {exc.msg}", 2) from None

    def _apply(ctx):
        with ctx.store.transaction() as s:
            apply_roster(s, roster, args.version, now=ctx.clock())

    try:
        _run(_apply)
    except RosterInvalid as exc:
        for e in exc.errors:
            print(f"{args.file}: {e}", file=sys.stderr)
        raise CommandError(f"名册有 {len(exc.errors)} 处问题，未做任何修改", 2) from None
    print(f"已导入名册版本 {args.version}（{len(roster)} 人）")
    return 0
