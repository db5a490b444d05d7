"""``clerk case do ACTION NO --input value …``, its aliases (``clerk case hand-out NO …``) and
``clerk case actions NO``: every after-intake action, generated from ``services.case_actions``.

Each declared :class:`~clerk_app.services.case_actions.ActionInput` becomes an option named
after it (``recipient_name`` → ``--recipient-name``): text → a string; choice → one of its
values (checked against the case's own options when they depend on the case); multi_choice →
repeatable (or comma-separated); date → an ISO date; bool → ``--flag`` / ``--no-flag``. An
option not given takes the value the case view's form starts with (the input's default), so
``clerk case hand-out NO`` is the applicant collecting in person. The action then goes through
``case_actions.perform``, as the form's 确定 does: the same rules, the same Chinese messages.

Who acts: ``--as STAFF_NO`` (password from the terminal or ``--password-stdin``, with
``--on-behalf-of`` for a substitute), as for ``clerk intake``; without it 本机窗口人员.
A refusal (the case's state, the clerk, the inputs) exits 2 with the message on stderr;
``--json`` prints the resulting record.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from clerk_app.commands.common import (
    CommandError,
    add_actor_args,
    current_clerk,
    end_clerk_session,
    open_ctx,
    parse_day,
    print_json,
)
from clerk_app.services.case_actions import RESERVED_COMMANDS, ActionInput, CaseAction, case_actions

# Options every action command has; an input of that name becomes ``--input-<name>`` instead.
COMMON_OPTIONS = frozenset({"--json", "--as", "--on-behalf-of", "--password-stdin", "--help"})


def option(spec: ActionInput) -> str:
    """The command-line option of an input: ``recipient_name`` → ``--recipient-name``."""
    opt = "--" + spec.name.replace("_", "-")
    return opt if opt not in COMMON_OPTIONS else "--input-" + opt[2:]


def _iso_date(text: str) -> date:
    """A date input: ``YYYY-MM-DD`` that exists (the action's own rules judge whether it is plausible)."""
    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _help(spec: ActionInput) -> str:
    text = spec.label + ("（必填）" if spec.required else "")
    if spec.hint:
        text += f"；{spec.hint}"
    if spec.kind in ("choice", "multi_choice") and not callable(spec.choices):
        text += "；可选：" + "，".join(f"{v}={label}" for v, label in spec.choices)
    elif spec.kind in ("choice", "multi_choice"):
        text += "；可选值因办件而异，见 clerk case actions 办件编号 --json"
    if spec.kind == "multi_choice":
        text += "；可重复，或以逗号分隔"
    return text


def add_action_parser(sub, command: str, action: CaseAction, aliases_of: str = "") -> argparse.ArgumentParser:
    """One subcommand for ``action`` (under ``case do`` by its name, or directly under ``case``)."""
    key = f"（窗口快捷键 {action.shortcut}）" if action.shortcut else ""
    p = sub.add_parser(command, help=f"{action.title}{key}" + (f"（同 case do {aliases_of}）" if aliases_of else ""),
                       description=f"{action.title}：对一个办件执行此操作{key}。")
    p.add_argument("number", metavar="CASE_NO", help="办件编号")
    for spec in action.inputs:
        opt = option(spec)
        if spec.kind == "bool":
            p.add_argument(opt, dest=f"in_{spec.name}", action=argparse.BooleanOptionalAction, default=None,
                           help=_help(spec))
        elif spec.kind == "multi_choice":
            p.add_argument(opt, dest=f"in_{spec.name}", action="append", default=None, metavar="VALUE",
                           help=_help(spec))
        elif spec.kind == "choice" and not callable(spec.choices):
            p.add_argument(opt, dest=f"in_{spec.name}", choices=[v for v, _ in spec.choices], help=_help(spec))
        elif spec.kind == "date":
            p.add_argument(opt, dest=f"in_{spec.name}", type=_iso_date, metavar="YYYY-MM-DD", help=_help(spec))
        else:
            p.add_argument(opt, dest=f"in_{spec.name}", metavar="TEXT" if spec.kind != "choice" else "VALUE",
                           help=_help(spec))
    p.add_argument("--json", action="store_true", help="以 JSON 输出办理后的记录")
    add_actor_args(p)
    p.set_defaults(func=run, action_name=action.name)
    return p


def register(case_sub) -> None:
    """``case do ACTION …``, ``case actions NO`` and one alias per action with a command name."""
    actions = case_actions()
    do = case_sub.add_parser("do", help="对办件执行一项收件后的操作（补交、出件、邮寄、当场决定、备注……）",
                             description="对办件执行一项操作；clerk case actions 办件编号 列出当前可执行的操作。")
    do_sub = do.add_subparsers(dest="action_cmd", required=True, metavar="ACTION")
    for name, action in actions.items():
        add_action_parser(do_sub, name, action)
    for name, action in actions.items():
        if action.command and action.command not in RESERVED_COMMANDS:
            add_action_parser(case_sub, action.command, action, aliases_of=name)
    ls = case_sub.add_parser("actions", help="列出办件当前可执行的操作（及其输入、快捷键、命令）")
    ls.add_argument("number", metavar="CASE_NO")
    ls.add_argument("--all", action="store_true", help="也列出当前不可执行的操作及原因")
    ls.add_argument("--json", action="store_true")
    add_actor_args(ls)
    ls.set_defaults(func=list_actions)


def _values(args, action: CaseAction, ctx, case) -> dict[str, Any]:
    """The inputs given on the command line; the form's starting value for those not given."""
    values: dict[str, Any] = {}
    for spec in action.inputs:
        given = getattr(args, f"in_{spec.name}")
        if spec.kind == "multi_choice" and given is not None:
            given = [v.strip() for item in given for v in item.split(",") if v.strip()]
        if spec.kind == "choice" and given is not None and callable(spec.choices):
            allowed = spec.options(ctx, case)
            if given not in {v for v, _ in allowed}:
                listed = "、".join(f"{v}（{label}）" for v, label in allowed) or "（本办件无可选项）"
                raise CommandError(f"{option(spec)}：“{spec.label}”应为以下之一：{listed}", code=2)
        value = given if given is not None else spec.initial(ctx, case)
        if value is not None:
            values[spec.name] = value
    return values


def _load_case(ctx, number: str):
    from clerk_app.protocol.records import CaseRecord
    from clerk_app.services import cases

    case = cases.get_case(ctx, number)
    if not isinstance(case, CaseRecord):
        raise CommandError(f"没有编号为 {number} 的办件")
    return case


def run(args) -> int:
    from clerk_app.domain.case import IllegalTransition
    from clerk_app.protocol.records import CaseRecord
    from clerk_app.services.case_actions import ActionRefused, perform
    from clerk_app.services.cases import CaseNotFound

    action = case_actions()[args.action_name]
    ctx = open_ctx()
    try:
        case = _load_case(ctx, args.number)
        clerk = current_clerk(args, ctx)
        values = _values(args, action, ctx, case)
        try:
            result = perform(ctx, action.name, case.case_no, clerk, values)
        except (ActionRefused, IllegalTransition) as exc:
            raise CommandError(str(exc), code=2) from exc
        except CaseNotFound as exc:
            raise CommandError(f"没有编号为 {args.number} 的办件") from exc
        if args.json:
            print_json(result)
        elif isinstance(result, CaseRecord):
            print(f"{result.case_no}：{action.title}已办理，状态：{result.status_label}")
        else:
            print(f"{case.case_no}：{action.title}已登记")
        return 0
    finally:
        end_clerk_session(args, ctx)
        ctx.close()


def list_actions(args) -> int:
    ctx = open_ctx()
    try:
        case = _load_case(ctx, args.number)
        clerk = current_clerk(args, ctx)
        rows = []
        for name, a in case_actions().items():
            why = a.refusal(ctx, case, clerk)
            if why is not None and not args.all:
                continue
            rows.append({
                "name": name, "title": a.title, "offered": why is None, "refusal": why, "shortcut": a.shortcut,
                "command": f"clerk case {a.command}" if a.command else f"clerk case do {name}",
                "inputs": [{"option": option(i), "name": i.name, "label": i.label, "kind": i.kind,
                            "required": i.required,
                            "choices": [{"value": v, "label": lab} for v, lab in i.options(ctx, case)]
                            if "choice" in i.kind else None,
                            "default": _plain(i.initial(ctx, case))} for i in a.inputs]})
        if args.json:
            print_json(rows)
        else:
            print(f"{case.case_no}（{case.status_label}）可执行的操作：" if rows else
                  f"{case.case_no}（{case.status_label}）当前没有可执行的操作")
            for r in rows:
                opts = " ".join(i["option"] + ("＊" if i["required"] else "") for i in r["inputs"])
                mark = "" if r["offered"] else f"  ✗ {r['refusal']}"
                print(f"  {r['title']}（{r['shortcut']}）  {r['command']} {case.case_no} {opts}{mark}")
        return 0
    finally:
        end_clerk_session(args, ctx)
        ctx.close()


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
