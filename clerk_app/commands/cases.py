"""``clerk case show|list`` (the actions: ``commands/case_do.py``) and ``clerk audit verify``."""

from __future__ import annotations

import sys

from clerk_app.commands.common import CommandError, open_ctx, print_json

PROVISIONAL_MARK = "（暂定：该年法定节假日安排尚未录入，按周末推算）"
PROVISIONAL_NOTE = "* 暂定期限：该年法定节假日安排尚未录入，按周末推算，安排公布后自动重算"


def register(sub) -> None:
    p = sub.add_parser("case", help="查看与办理办件（补交、出件、邮寄、当场决定、备注……）")
    s = p.add_subparsers(dest="case_cmd", required=True)
    sh = s.add_parser("show", help="显示一个办件或告知书")
    sh.add_argument("number")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(func=show)
    ls = s.add_parser("list", help="列出办件")
    ls.add_argument("--json", action="store_true")
    ls.add_argument("--status", help="按状态筛选，如 accepted")
    ls.add_argument("--notices", action="store_true", help="列出一次性告知书")
    ls.set_defaults(func=list_)
    from clerk_app.commands import case_do

    case_do.register(s)  # case do ACTION …, case actions NO, and an alias per action
    from clerk_app.commands import rating  # 好差评: clerk case rate|followups|close-followup

    rating.register_case(s)

    a = sub.add_parser("audit", help="审计日志")
    sa = a.add_subparsers(dest="audit_cmd", required=True)
    v = sa.add_parser("verify", help="校验审计日志哈希链，发现被修改或删除的记录")
    v.set_defaults(func=verify)


def show(args) -> int:
    from clerk_app.protocol.records import CaseRecord
    from clerk_app.services import cases

    ctx = open_ctx()
    try:
        record = cases.get_any(ctx, args.number)
        if record is None:
            raise CommandError(f"没有编号为 {args.number} 的办件或告知书")
        data = record.to_json()
        if args.json:
            print_json(data)
        else:
            labels = {"case_no": "办件编号", "notice_no": "告知书编号", "status_label": "状态",
                      "outcome_label": "收件结果", "received_at": "收件时间",
                      "due_date": "办结期限", "supplement_due": "容缺补齐期限",
                      "courier": "快递公司", "tracking_no": "快递单号"}  # the last two: a mailed result
            if "case_no" not in data:
                labels["created_at"] = "出具时间"
            for k, label in labels.items():
                if data.get(k):
                    mark = PROVISIONAL_MARK if k in ("due_date", "supplement_due") and data.get(
                        "deadline_provisional") else ""
                    print(f"{label}: {data[k]}{mark}")
            for it in data.get("items", []):
                print(f"事项: {it['name']}（{it.get('situation_name', '')}） {it['code']}")
            for line in _clock_lines(ctx, record):
                print(line)
            for m in record.materials:
                got = m.received_text()
                print(f"材料: {m.name} {m.status_label or m.status}{('：' + got) if got else ''}")
            for m in record.after_decision_commitments() if isinstance(record, CaseRecord) else []:
                print(f"承诺补交: {m.name} {m.after_decision_text()}")
        return 0
    finally:
        ctx.close()


def _clock_lines(ctx, record) -> list[str]:
    """The case's time as the case view shows it: suspended, days not counted, 容缺 materials late."""
    from clerk_app.protocol.records import CaseRecord
    from clerk_app.services import clock

    if not isinstance(record, CaseRecord):
        return []
    v = clock.view(ctx.calendar, record, ctx.clock().date())
    out = [f"办结期限: {v.due_text}"] if v.paused else []
    out += [f"不计入期限: {x}" for x in v.stops]
    out += [f"容缺材料逾期未补齐: {x}" for x in v.overdue]
    if v.overdue_outcome:
        out.append(f"逾期处理: {v.overdue_outcome}")
    return out


def list_(args) -> int:
    from clerk_app.services import cases

    ctx = open_ctx()
    try:
        try:
            records = cases.list_notices(ctx) if args.notices else cases.list_cases(ctx, status=args.status)
        except ValueError as exc:  # an unknown status
            raise CommandError(str(exc), 2) from None
        rows = [r.to_json() for r in records]
        if ctx.redated:  # a year's holiday calendar arrived: say which cases' dates moved
            print("节假日安排已更新，以下办件的期限已重新计算：", file=sys.stderr if args.json else sys.stdout)
            for ch in ctx.redated:
                print("  " + ch.describe(), file=sys.stderr if args.json else sys.stdout)
        if args.json:
            print_json(rows)
        else:
            for r in rows:
                due = (r.get("due_date") or "") + (" *" if r.get("deadline_provisional") and r.get("due_date") else "")
                if not r.get("due_date") and any(x.get("kind") == "correction" and not x.get("end")
                                                 for x in r.get("clock_stops") or []):
                    due = "补正中暂停计时"
                print(r.get("case_no") or r.get("notice_no"), r.get("status_label", ""), due,
                      r["items"][0]["name"] if r.get("items") else "")
            if any(r.get("deadline_provisional") for r in rows):
                print(PROVISIONAL_NOTE)
        return 0
    finally:
        ctx.close()


def verify(args) -> int:
    from clerk_app.services.audit_log import verify as verify_log

    ctx = open_ctx()
    try:
        n, problems = verify_log(ctx)
        if problems:
            for p in problems:
                print(p)
            print(f"审计日志校验失败：{len(problems)} 处问题（共 {n} 条）", file=sys.stderr)
            return 1
        print(f"审计日志完整：共 {n} 条，哈希链无断点")
        return 0
    finally:
        ctx.close()
