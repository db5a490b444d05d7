"""``clerk server``: run the central server, and its admin tasks (windows, publishing, decisions).

``clerk server [--db URL] [--host H] [--port P] [--workers N] [--pool N] [--ssl-keyfile K --ssl-certfile C]``
serves the API; the sub-commands work on the same database directly.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from clerk_app.commands.common import CommandError, print_json

ACTIONS = ("approve", "refuse", "supplement", "ready", "accept", "review", "withdraw", "special_procedure")


def _db_option(p: argparse.ArgumentParser, top: bool) -> None:
    p.add_argument("--db", default=None if top else argparse.SUPPRESS, metavar="URL",
                   help="数据库地址：postgresql://用户@主机/库（正式），默认为数据文件夹中的 SQLite 文件")


def register(sub) -> None:
    p = sub.add_parser("server", help="中心服务器：运行服务、登记窗口、发布目录/名册/日历、录入审批结果")
    _db_option(p, True)
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1；对外服务用 0.0.0.0）")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--workers", type=int, default=1, help="进程数（多个进程共用一个数据库）")
    p.add_argument("--ssl-keyfile", help="TLS 私钥文件")
    p.add_argument("--ssl-certfile", help="TLS 证书文件")
    p.add_argument("--log-level", default="warning")
    p.add_argument("--insecure", action="store_true",
                   help="允许在非本机地址上以明文 HTTP 服务（不建议：令牌和办件数据将明文传输）")
    p.add_argument("--token-days", type=float, default=None,
                   help="窗口令牌有效天数（默认 90；窗口同步时自动续期）")
    p.add_argument("--max-push-mb", type=float, default=None, help="单次上传请求的最大体积（MB，默认 32）")
    p.add_argument("--pool", type=int, default=None,
                   help="每个进程的数据库连接数 = 同时处理的请求数（默认 20；进程数 × 此数须小于数据库的 max_connections）")
    p.set_defaults(func=run)
    s = p.add_subparsers(dest="server_cmd", metavar="TASK")

    def task(name: str, help_: str, func) -> argparse.ArgumentParser:
        t = s.add_parser(name, help=help_)
        _db_option(t, False)
        t.set_defaults(func=func)
        return t

    task("migrate", "只升级数据库结构，不启动服务", migrate)

    w = s.add_parser("window", help="窗口登记")
    ws = w.add_subparsers(dest="window_cmd", required=True)
    add = ws.add_parser("add", help="登记窗口（或重发登记码），打印一次性登记码")
    _db_option(add, False)
    add.add_argument("window_id", help="11位窗口编号：区划6位+中心2位+窗口3位，如 31010701003")
    add.add_argument("--name", default="")
    add.add_argument("--hours", type=float, default=72.0, help="登记码有效小时数")
    add.set_defaults(func=window_add)
    ls = ws.add_parser("list", help="列出已登记窗口")
    _db_option(ls, False)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=window_list)
    dis = ws.add_parser("disable", help="停用窗口（其令牌立即失效）")
    _db_option(dis, False)
    dis.add_argument("window_id")
    dis.set_defaults(func=window_disable)
    en = ws.add_parser("enable", help="重新启用已停用的窗口")
    _db_option(en, False)
    en.add_argument("window_id")
    en.set_defaults(func=window_enable)
    rot = ws.add_parser("rotate", help="作废窗口令牌（立即生效）并打印新的一次性登记码，窗口须重新登记")
    _db_option(rot, False)
    rot.add_argument("window_id")
    rot.add_argument("--hours", type=float, default=72.0, help="登记码有效小时数")
    rot.set_defaults(func=window_rotate)

    b = s.add_parser("backoffice", help="后台审批部门的接口令牌：登记、列出、撤销")
    bs = b.add_subparsers(dest="backoffice_cmd", required=True)
    bo = bs.add_parser("add", help="登记后台部门，打印其接口令牌（只显示一次），限定其可处理的事项")
    _db_option(bo, False)
    bo.add_argument("name", help="部门名称")
    bo.add_argument("--department", action="append", default=[],
                    help="可处理该主管部门的事项（与事项目录的 department 相同，如 区市场监管局），可多次给出")
    bo.add_argument("--items", action="append", default=[], help="可处理的事项编码，逗号分隔，可多次给出")
    bo.add_argument("--all", action="store_true", help="可处理全部事项（仅限中心自己的审批台）")
    bo.set_defaults(func=backoffice_add)
    bl = bs.add_parser("list", help="列出后台部门令牌（不显示令牌本身）")
    _db_option(bl, False)
    bl.add_argument("--json", action="store_true")
    bl.set_defaults(func=backoffice_list)
    br = bs.add_parser("revoke", help="撤销后台部门令牌（按编号或名称，立即生效）")
    _db_option(br, False)
    br.add_argument("ident", help="令牌编号（list 中所示，可用前 8 位）或部门名称")
    br.set_defaults(func=backoffice_revoke)

    d = task("decide", "录入后台审批结果（与部门接口相同的校验）", decide)
    d.add_argument("case_no")
    d.add_argument("action", choices=ACTIONS)
    d.add_argument("--note", default="")
    d.add_argument("--missing", action="append", default=[], help="补正时缺少的材料，可多次给出")
    d.add_argument("--actor", default="后台审批（命令行）")
    d.add_argument("--procedure", help="special_procedure：hearing 听证、inspection 检验、testing 检测、"
                   "appraisal 鉴定、expert_review 专家评审、tender 招标、auction 拍卖、quarantine 检疫")
    d.add_argument("--start", help="special_procedure：开始日期 YYYY-MM-DD")
    d.add_argument("--end", help="special_procedure：结束日期 YYYY-MM-DD（与 --days 二选一）")
    d.add_argument("--days", type=int, help="special_procedure：所需工作日（与 --end 二选一）")

    cat = task("catalog", "发布事项目录版本（校验通过才发布）", catalog_publish)
    cat.add_argument("verb", choices=("publish",))
    cat.add_argument("dir")
    cat.add_argument("--scope", default="*", help="* 全部；或 8 位中心编号；或 11 位窗口编号")
    cat.add_argument("--note", default="")

    cal = task("calendar", "发布某年节假日安排（calendar/<年>.toml 格式）", calendar_publish)
    cal.add_argument("verb", choices=("publish",))
    cal.add_argument("file")
    cal.add_argument("--scope", default="*")

    ro = task("roster", "发布人员名册（JSON 列表，口令只能是 argon2id 校验值）", roster_publish)
    ro.add_argument("verb", choices=("publish",))
    ro.add_argument("file")
    ro.add_argument("--version", required=True)
    ro.add_argument("--scope", default="*")


def _engine(args):
    from clerk_app.server.config import resolve_db_url
    from clerk_app.server.db import make_engine
    from clerk_app.server.migrate import upgrade

    url = resolve_db_url(getattr(args, "db", None))
    engine = make_engine(url)
    try:
        upgrade(engine)
    except Exception as exc:
        raise CommandError(f"无法打开或升级中心数据库（{_safe_url(url)}）：{exc.__class__.__name__}: {exc}") from exc
    return engine, url


def _safe_url(url: str) -> str:
    """The URL without a password, for messages and logs."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(数据库地址)"


def _api(call):
    from clerk_app.server.errors import ApiError

    try:
        return call()
    except ApiError as exc:
        raise CommandError(exc.message) from exc


def run(args) -> int:
    import os

    import uvicorn

    from clerk_app.server.config import DB_ENV

    if args.server_cmd:
        return 2
    if not args.ssl_certfile and not _loopback(args.host) and not args.insecure:
        raise CommandError(f"拒绝在非本机地址 {args.host} 上以明文 HTTP 服务：令牌和办件数据会明文经过网络。"
                           "请给出 --ssl-keyfile/--ssl-certfile（或置于终止 TLS 的反向代理之后并只监听 127.0.0.1），"
                           "确需明文时加 --insecure")
    if args.ssl_certfile and not args.ssl_keyfile:
        raise CommandError("给出 --ssl-certfile 时也须给出 --ssl-keyfile")
    from clerk_app.server.config import resolve_db_url
    from clerk_app.server.db import database_tls_problem

    db_problem = database_tls_problem(resolve_db_url(getattr(args, "db", None)))
    if db_problem and not args.insecure:
        raise CommandError(db_problem)
    engine, url = _engine(args)
    engine.dispose()
    os.environ[DB_ENV] = url
    from clerk_app.server.config import MAX_PUSH_MB_ENV, POOL_ENV, TOKEN_DAYS_ENV

    if args.token_days is not None:
        if args.token_days <= 0:
            raise CommandError("--token-days 须为正数")
        os.environ[TOKEN_DAYS_ENV] = str(args.token_days)
    if args.max_push_mb is not None:
        os.environ[MAX_PUSH_MB_ENV] = str(args.max_push_mb)
    if args.pool is not None:
        if not 1 <= args.pool <= 500:
            raise CommandError("--pool 须为 1 到 500 之间的整数")
        os.environ[POOL_ENV] = str(args.pool)
    if args.insecure and not args.ssl_certfile and not _loopback(args.host):
        print(f"警告：在 {args.host} 上以明文 HTTP 服务（--insecure）", file=sys.stderr, flush=True)
    scheme = "https" if args.ssl_certfile else "http"
    print(f"中心服务：{scheme}://{args.host}:{args.port}  数据库：{_safe_url(url)}  接口说明：/docs", flush=True)
    uvicorn.run("clerk_app.server.asgi:create_app_from_env", factory=True, host=args.host, port=args.port,
                workers=args.workers, ssl_keyfile=args.ssl_keyfile, ssl_certfile=args.ssl_certfile,
                log_level=args.log_level)
    return 0


def _loopback(host: str) -> bool:
    import ipaddress

    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def migrate(args) -> int:
    from clerk_app.server.migrate import current

    engine, url = _engine(args)
    print(f"中心数据库 {_safe_url(url)} 已是最新结构（{current(engine)}）")
    return 0


def window_add(args) -> int:
    from clerk_app.server import windows

    engine, _ = _engine(args)
    with engine.begin() as conn:
        code = _api(lambda: windows.add_window(conn, args.window_id, args.name, args.hours))
    print(f"窗口 {args.window_id} 的一次性登记码（{args.hours:g} 小时内有效，只显示这一次）：")
    print(code)
    print("在该窗口电脑上运行：clerk enroll --server <中心地址>，再输入此登记码")
    return 0


def window_list(args) -> int:
    from clerk_app.server import windows

    engine, _ = _engine(args)
    with engine.connect() as conn:
        rows = windows.list_windows(conn)
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            state = "已停用" if r["disabled"] else ("已登记" if r["enrolled"] else "待登记")
            print(r["window_id"], r["name"], state, r["last_seen_at"] or "从未连接")
    return 0


def window_enable(args) -> int:
    from clerk_app.server import windows

    engine, _ = _engine(args)
    with engine.begin() as conn:
        ok = _api(lambda: windows.enable_window(conn, args.window_id))
    if not ok:
        raise CommandError(f"没有登记窗口 {args.window_id}")
    print(f"窗口 {args.window_id} 已重新启用")
    return 0


def window_rotate(args) -> int:
    from clerk_app.server import windows

    engine, _ = _engine(args)
    with engine.begin() as conn:
        code = _api(lambda: windows.rotate_window(conn, args.window_id, args.hours))
    print(f"窗口 {args.window_id} 的令牌已作废。新的一次性登记码（{args.hours:g} 小时内有效，只显示这一次）：")
    print(code)
    print("在该窗口电脑上运行：clerk enroll --server <中心地址>，再输入此登记码")
    return 0


def window_disable(args) -> int:
    from clerk_app.server import windows

    engine, _ = _engine(args)
    with engine.begin() as conn:
        ok = _api(lambda: windows.disable_window(conn, args.window_id))
    if not ok:
        raise CommandError(f"没有登记窗口 {args.window_id}")
    print(f"窗口 {args.window_id} 已停用")
    return 0


def backoffice_add(args) -> int:
    from clerk_app.server import windows

    items = [c for chunk in args.items for c in chunk.split(",")]
    engine, _ = _engine(args)
    with engine.begin() as conn:
        token = _api(lambda: windows.add_back_office(conn, args.name, args.department, items, args.all))
    print(f"后台部门“{args.name}”的接口令牌（只显示这一次，请妥善转交）：")
    print(token)
    return 0


def _scope_text(scope: dict | None) -> str:
    if not scope:
        return "（无）"
    if scope.get("all"):
        return "全部事项"
    parts = [f"部门：{'、'.join(scope.get('departments') or [])}" if scope.get("departments") else "",
             f"事项：{'、'.join(scope.get('items') or [])}" if scope.get("items") else ""]
    return "；".join(p for p in parts if p)


def backoffice_list(args) -> int:
    from clerk_app.server import windows

    engine, _ = _engine(args)
    with engine.connect() as conn:
        rows = windows.list_back_office(conn)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("没有后台部门令牌")
    for r in rows:
        state = f"已撤销（{r['revoked_at']:%Y-%m-%d %H:%M}）" if r["revoked"] and r["revoked_at"] else \
            ("已撤销" if r["revoked"] else "有效")
        used = f"最近使用 {r['last_used_at']:%Y-%m-%d %H:%M}" if r["last_used_at"] else "从未使用"
        print(f"{r['id'][:8]}  {r['name']}  {state}  {_scope_text(r['scope'])}  {used}")
    return 0


def backoffice_revoke(args) -> int:
    from clerk_app.server import windows

    engine, _ = _engine(args)
    with engine.begin() as conn:
        n = _api(lambda: windows.revoke_back_office(conn, args.ident))
    if not n:
        raise CommandError(f"没有有效的后台部门令牌“{args.ident}”")
    print(f"已撤销 {n} 个后台部门令牌（立即失效）")
    return 0


def decide(args) -> int:
    import uuid

    from pydantic import ValidationError

    from clerk_app.protocol.messages import DecisionRequest
    from clerk_app.server import decisions

    engine, _ = _engine(args)
    try:
        req = DecisionRequest(decision_id=str(uuid.uuid4()), case_no=args.case_no, action=args.action,
                              note=args.note, missing=args.missing, actor=args.actor, procedure=args.procedure,
                              start=args.start, end=args.end, days=args.days)
    except ValidationError as exc:
        raise CommandError("；".join(f"{'.'.join(str(p) for p in e['loc'])}：{e['msg']}"
                                     for e in exc.errors())) from exc
    with engine.begin() as conn:
        res = _api(lambda: decisions.decide(conn, req))
    if args.action == decisions.SPECIAL:
        print(f"办件 {res.case_no}：已记录特别程序（不计入办理期限；将在窗口下次同步时送达）")
    else:
        print(f"办件 {res.case_no}：{res.from_status} → {res.to_status}（将在窗口下次同步时送达）")
    return 0


def catalog_publish(args) -> int:
    from clerk_app.server import publish
    from clerk_app.services.catalogue import CatalogInvalid, load_catalogue

    folder = Path(args.dir)
    try:
        cat = load_catalogue(folder)
    except CatalogInvalid as exc:
        for e in exc.errors:
            print(e)
        raise CommandError(f"{len(exc.errors)} 处错误，未发布 ({folder})") from exc
    files = {}
    for path in sorted(folder.rglob("*.toml")):
        rel = path.relative_to(folder).as_posix()
        files[rel] = path.read_bytes().decode("utf-8")
    engine, _ = _engine(args)
    with engine.begin() as conn:
        cursor = _api(lambda: publish.publish_catalogue(conn, cat.version, files, args.scope, args.note))
    print(f"已发布事项目录版本 {cat.version}（{len(cat.items)} 个事项，范围 {args.scope}，序号 {cursor}）")
    return 0


def calendar_publish(args) -> int:
    from clerk_app.server import publish
    from clerk_app.services.calendar_source import CalendarFileError, parse_file

    try:
        year, holidays, workdays = parse_file(Path(args.file))
    except CalendarFileError as exc:
        raise CommandError(str(exc)) from exc
    engine, _ = _engine(args)
    with engine.begin() as conn:
        _api(lambda: publish.publish_calendar(conn, year, sorted(holidays), sorted(workdays), args.scope))
    print(f"已发布 {year} 年节假日安排：假日 {len(holidays)} 天，调休上班 {len(workdays)} 天（范围 {args.scope}）")
    return 0


def roster_publish(args) -> int:
    from clerk_app.server import publish

    try:
        roster = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"{args.file}: 无法读取: {exc}") from exc
    if not isinstance(roster, list) or not all(isinstance(e, dict) and e.get("staff_no") for e in roster):
        raise CommandError(f"{args.file}: 名册须为 JSON 列表，每项含 staff_no")
    for i, e in enumerate(roster):
        if "password" in e:
            raise CommandError(f"{args.file}: [{i}].password: 名册不得含明文密码（只能给 password_hash）")
    engine, _ = _engine(args)
    with engine.begin() as conn:
        _api(lambda: publish.publish_roster(conn, args.version, roster, args.scope))
    print(f"已发布人员名册 {args.version}：{len(roster)} 人（范围 {args.scope}）", file=sys.stdout)
    return 0
