"""``clerk enquiry add|list`` (咨询登记), ``clerk supervise`` (督办) and ``clerk report`` (the period report)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from clerk_app.commands.common import (
    CommandError,
    add_actor_args,
    current_clerk,
    end_clerk_session,
    open_ctx,
    parse_day,
    print_json,
)


def _day(text: str, option: str, ctx) -> date:
    """The date of ``option``: a real ISO date within the range a report or a supervision may ask for
    (``services.report.day_problem``), else exit 2 with the reason in Chinese."""
    from clerk_app.services.report import day_problem

    try:
        day = parse_day(text)
    except ValueError as exc:
        raise CommandError(f"{option}：{exc}", code=2) from None
    why = day_problem(day, ctx.clock().date())
    if why:
        raise CommandError(f"{option}：{why}", code=2)
    return day


def register(sub) -> None:
    e = sub.add_parser("enquiry", help="咨询登记（首问负责）")
    es = e.add_subparsers(dest="enquiry_cmd", required=True)
    add = es.add_parser("add", help="登记一次咨询（不开办件）")
    add.add_argument("--item", required=True, metavar="CODE", help="咨询的事项编码")
    add.add_argument("--answer", required=True, help="告知咨询人的内容")
    add.add_argument("--question", default="", help="咨询内容")
    add.add_argument("--name", default="", help="咨询人姓名（可不填）")
    add.add_argument("--phone", default="", help="咨询人电话（可不填）")
    add.add_argument("--id-number", default="", help="咨询人证件号码（可不填；只保存隐去中间部分的号码）")
    add.add_argument("--materials-pdf", metavar="F.pdf", help="同时输出该事项的办事材料清单")
    add.add_argument("--json", action="store_true")
    add_actor_args(add)
    add.set_defaults(func=enquiry_add)
    ls = es.add_parser("list", help="列出咨询登记")
    ls.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    ls.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=enquiry_list)

    s = sub.add_parser("supervise", help="督办：临近期限和已逾期的办件、容缺补齐、补正、未领取结果、差评整改")
    s.add_argument("--json", action="store_true")
    s.add_argument("--date", metavar="YYYY-MM-DD", help="按该日计算（默认今天）")
    s.set_defaults(func=supervise)

    r = sub.add_parser("report", help="窗口工作报表（某日或某期间，全窗口及各窗口人员）")
    r.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="开始日期（默认今天）")
    r.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="结束日期（默认与开始日期相同）")
    r.add_argument("--clerk", metavar="工号或姓名", help="只列该窗口人员")
    r.add_argument("--csv", metavar="F.csv")
    r.add_argument("--xlsx", metavar="F.xlsx")
    r.add_argument("--pdf", metavar="F.pdf")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=report)


def enquiry_add(args) -> int:
    from clerk_app.services import enquiries

    ctx = open_ctx()
    try:
        clerk = current_clerk(args, ctx)
        try:
            rec = enquiries.add_enquiry(ctx, clerk, args.item, args.answer, question=args.question, name=args.name,
                                        phone=args.phone, id_number=args.id_number,
                                        materials_printed=bool(args.materials_pdf))
            if args.materials_pdf:
                enquiries.material_list_pdf(ctx, rec.item_code, clerk, asker=rec.asker_name, answer=rec.answer,
                                            out=Path(args.materials_pdf))
        except enquiries.EnquiryRefused as exc:
            raise CommandError(f"{exc}（{exc.field}）" if exc.field else str(exc), code=2) from exc
        if args.json:
            print_json(rec)
        else:
            print(f"已登记咨询 {rec.id}：{rec.item_name}")
        return 0
    finally:
        end_clerk_session(args, ctx)
        ctx.close()


def enquiry_list(args) -> int:
    from clerk_app.services import enquiries

    ctx = open_ctx()
    try:
        rows = enquiries.list_enquiries(ctx, _day(args.start, "--from", ctx) if args.start else None,
                                        _day(args.end, "--to", ctx) if args.end else None)
        if args.json:
            print_json(rows)
        else:
            for e in rows:
                who = e.asker_name or "（未登记）"
                print(f"{e.at:%Y-%m-%d %H:%M} {e.clerk.name} {who} {e.item_name}：{e.answer}")
        return 0
    finally:
        ctx.close()


def supervise(args) -> int:
    from clerk_app.services.supervision import supervise as run

    ctx = open_ctx()
    try:
        sv = run(ctx, _day(args.date, "--date", ctx) if args.date else None)
        if args.json:
            print_json(sv.to_json())
            return 0
        mark = {"late": "【逾期】", "near": "【临近】", "ok": "", None: ""}
        print(f"督办（{sv.today}；临近：{sv.near_days} 个工作日内，未领取：超过 {sv.uncollected_days} 个工作日）")
        print(f"办理中的办件 {len(sv.cases)} 件，其中已逾期 {sv.late} 件、临近期限 {sv.near} 件")
        for c in sv.cases:
            print(f"  {mark[c.deadline.level]}{c.case_no} {c.status} {c.items} {c.applicant} {c.clerk} "
                  f"{c.deadline.due or ''} {c.deadline.text}")
        sections = (("容缺材料待补齐", [f"{mark[x.deadline.level]}{x.case_no} {x.materials} {x.deadline.due or ''} "
                                   f"{x.deadline.text}" for x in sv.supplements]),
                    ("补正未补齐", [f"{x.case_no} {x.items} 自 {x.since or ''} {x.note}" for x in sv.corrections]),
                    ("结果未领取", [f"{x.case_no} {x.items} {x.applicant} 自 {x.ready_since} 已 {x.waited_days} 个工作日"
                               for x in sv.uncollected]),
                    ("差评待整改", [f"{mark[x.deadline.level]}{x.case_no} {x.rating} {x.served_by} "
                               f"{x.deadline.due or ''} {x.deadline.text}" for x in sv.followups]))
        for title, lines in sections:
            print(f"{title} {len(lines)} 件")
            for line in lines:
                print("  " + line)
        return 0
    finally:
        ctx.close()


def report(args) -> int:
    from clerk_app.services import report as rep
    from clerk_app.services import report_export

    ctx = open_ctx()
    try:
        start = _day(args.start, "--from", ctx) if args.start else ctx.clock().date()
        end = _day(args.end, "--to", ctx) if args.end else start
        try:
            r = rep.period_report(ctx, start, end, args.clerk)
        except rep.ReportRefused as exc:
            raise CommandError(str(exc), code=2) from exc
        try:
            if args.csv:
                report_export.to_csv(r, Path(args.csv))
            if args.xlsx:
                report_export.to_xlsx(r, Path(args.xlsx))
            if args.pdf:
                report_export.to_pdf(r, ctx.settings, Path(args.pdf))
        except report_export.ExportFailed as exc:
            raise CommandError(str(exc)) from exc
        if args.json:
            print_json({"period": r.period, "header": rep.HEADER, "rows": r.rows(),
                        "late": rep.late_rows(r)})
        elif not (args.csv or args.xlsx or args.pdf):
            sys.stdout.buffer.write(report_export.csv_bytes(r)[3:])  # the table itself (no BOM on a terminal)
        return 0
    finally:
        ctx.close()
