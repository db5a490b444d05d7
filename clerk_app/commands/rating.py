"""``clerk case rate|followups``: 好差评 from the command line (closing a follow-up is the
``close_followup`` case action: ``clerk case close-followup NO --action …``).

``clerk case rate`` records a rating entered by a script (an evaluator pad's integration, a test):
at the window the applicant rates on their own screen, and the clerk's side of the GUI can only
record "not rated". A 差评's follow-up is closed by a supervisor (``--as`` a staff member who is
one) through the ``close_followup`` case action's own rules.
"""

from __future__ import annotations

from clerk_app.commands.common import (
    CommandError,
    add_actor_args,
    current_clerk,
    end_clerk_session,
    open_ctx,
    parse_day,
    print_json,
)

LEVELS = ("very_satisfied", "satisfied", "basic", "dissatisfied", "very_dissatisfied", "not_rated")


def register_case(s) -> None:
    """Add the rating subcommands to ``clerk case`` (``s``: its subparsers)."""
    r = s.add_parser("rate", help="登记申请人对一次服务的评价（好差评，一次一评）")
    r.add_argument("number", help="办件编号")
    r.add_argument("--service", required=True, choices=("intake", "hand_out"), help="评价的服务：收件或出件")
    r.add_argument("--level", required=True, choices=LEVELS,
                   help="非常满意 very_satisfied、满意 satisfied、基本满意 basic、不满意 dissatisfied、"
                        "非常不满意 very_dissatisfied、未评价 not_rated")
    r.add_argument("--problem", action="append", default=[], metavar="TAG",
                   help="存在的问题（可多次）：等候时间长、服务态度、业务不熟、一次性告知不到位、材料要求不清、其他")
    r.add_argument("--comment", default="", help="申请人的意见")
    r.add_argument("--json", action="store_true")
    add_actor_args(r)
    r.set_defaults(func=rate)

    f = s.add_parser("followups", help="列出待整改的差评（逾期的标出）")
    f.add_argument("--date", help="按该日判断逾期（YYYY-MM-DD，默认今天）")
    f.add_argument("--json", action="store_true")
    f.set_defaults(func=followups)


def rate(args) -> int:
    from clerk_app.domain.ratings import LEVEL_LABELS, SERVICE_LABELS, RatingLevel, Service
    from clerk_app.services import case_actions, cases, ratings

    ctx = open_ctx()
    try:
        clerk = current_clerk(args, ctx)
        try:
            note = ratings.rate(ctx, args.number, clerk, args.service, args.level, args.problem, args.comment)
        except cases.CaseNotFound:
            raise CommandError(f"没有编号为 {args.number} 的办件", code=2) from None
        except case_actions.ActionRefused as exc:
            raise CommandError(str(exc), code=2) from None
        if args.json:
            print_json(note)
        else:
            due = note.detail.get("followup_due")
            print(f"已登记 {note.case_no} 的{SERVICE_LABELS[Service(args.service)]}服务评价："
                  f"{LEVEL_LABELS[RatingLevel(args.level)]}" + (f"；差评整改期限 {due}" if due else ""))
        end_clerk_session(args, ctx)
        return 0
    finally:
        ctx.close()


def followups(args) -> int:

    from clerk_app.domain.ratings import SERVICE_LABELS
    from clerk_app.services import ratings
    from clerk_app.services.report import day_problem

    try:
        today = parse_day(args.date) if args.date else None
    except ValueError as exc:
        raise CommandError(f"--date：{exc}", code=2) from None
    ctx = open_ctx()
    try:
        why = day_problem(today, ctx.clock().date()) if today else None
        if why:
            raise CommandError(f"--date：{why}", code=2)
        found = ratings.open_followups(ctx, today or ctx.clock().date())
        if args.json:
            print_json([{"case_no": f.case_no, "rating_id": f.rating_id, "level": f.level.value,
                         "service": f.service.value, "served_by": f.served_by, "served_for": f.served_for,
                         "due": f.due.isoformat(), "overdue": f.overdue} for f in found])
        else:
            for f in found:
                print(f.case_no, f.rating_id, SERVICE_LABELS[f.service], f.level_label, f.served_by,
                      f.due.isoformat(), "已逾期" if f.overdue else "")
            if not found:
                print("没有待整改的差评")
        return 0
    finally:
        ctx.close()
