"""A whole day at the counter, headless, through ``clerk …`` commands only (run in-process).

Morning: 张三 takes in four cases and 王五 (首席事务代表) one; the 容缺 materials arrive; 王五
decides his case on the spot; the back office's decisions on two others reach the window, and a
补正 on a third, whose materials 张三 takes in; the results are handed out and mailed;
applicants rate the services (one 差评, whose follow-up 王五 as supervisor closes); 赵六 records
an enquiry; a note is left. Evening: ``clerk case list`` / ``show`` give each case the state the
day left it in, ``clerk supervise`` and ``clerk report`` (its XLSX read back) count the day, and
the audit log is whole.

The day is data: ``INTAKES`` names the cases, ``DAY`` is the list of what happens, in order,
and ``EVENING`` what each case shows at the end. An action added as a module is added to the
day with a line in ``DAY`` (its ``clerk case`` command and options, who does it) and, if it
moves a status, one in ``EVENING``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from store.samples import PERSON, food_tolerated, sign_accepted

STAFF = {"1001": "zs123456", "1002": "ls123456", "1003": "ww123456", "1004": "zl123456"}

EMPLOYMENT = {"items": [{"code": "000134011000"}],
              "applicant": {"kind": "person", "name": "赵七", "id_number": "11010519491231002X",
                            "phone": "13800138000"},
              "materials": {"employment_registration_form": "original", "applicant_id": "original",
                            "photo_2inch": "original"}}

# name → (intake request, who takes it in)
INTAKES: dict[str, tuple[dict[str, Any], str]] = {
    "food": (food_tolerated(), "1001"),  # 容缺受理: two materials to bring later
    "sign": (sign_accepted(), "1001"),  # 受理, decided by the back office, collected in person
    "sign_mail": (sign_accepted(applicant={**PERSON, "name": "钱八"}), "1001"),  # decided, then mailed
    "job": (EMPLOYMENT, "1003"),  # decided on the spot by the chief representative
    "permit": (sign_accepted(applicant={**PERSON, "name": "周十"}), "1001"),  # 补正 asked, then brought
}


@dataclass
class Step:
    """One thing that happens: a ``clerk`` command (``{case}`` stands for the case's number) or a
    back-office decision arriving; ``who`` logs in for it (None: 本机窗口人员)."""

    case: str
    argv: list[str] = field(default_factory=list)
    who: str | None = None
    back_office: tuple[str, str] | None = None  # (to status, note): a decision pulled from the centre
    missing: tuple[str, ...] = ()  # what a 补正 decision asks for
    check: Callable[[dict[str, Any]], bool] | None = None  # on the command's --json output


DAY: list[Step] = [
    Step("food", ["case", "supplement", "{case}", "--material-keys", "food_safety_manager,health_certificates",
                  "--note", "两项容缺材料按期补齐"], who="1001",
         check=lambda r: r["status"] == "accepted"),
    Step("job", ["case", "decide", "{case}", "--approve", "--result", "准予，就业创业证 3101070012345"], who="1003",
         check=lambda r: r["status"] == "result_ready" and "3101070012345" in r["result_note"]),
    Step("sign", back_office=("approved", "准予设置，许可证号 沪招 2026-0001")),
    Step("sign", back_office=("result_ready", "")),
    Step("sign_mail", back_office=("approved", "准予设置，许可证号 沪招 2026-0002")),
    Step("sign_mail", back_office=("result_ready", "")),
    Step("job", ["case", "hand-out", "{case}"], who="1001",  # the applicant in person: the form's default
         check=lambda r: r["status"] == "handed_out"),
    Step("sign", ["case", "do", "hand_out", "{case}", "--collector", "agent", "--authorisation-kept",
                  "--recipient-name", "孙九", "--recipient-id",
                  "11010519491231002X", "--recipient-phone", "13900001111", "--note", "受申请人委托领取"],
         who="1002", check=lambda r: r["status"] == "handed_out"),
    Step("sign_mail", ["case", "mail", "{case}", "--courier", "ems", "--tracking-no", "1234567890123",
                       "--address", "上海市徐汇区示例路 100 号"], who="1001",
         check=lambda r: r["status"] == "mailed"),
    Step("food", ["case", "note", "{case}", "--text", "申请人来电询问审批进度，已告知"], who="1001",
         check=lambda r: r["kind"] == "note"),
    Step("permit", back_office=("supplement_requested", "请补正"), missing=("设置方案效果图（彩色）",)),
    Step("permit", ["case", "supplement", "{case}", "--material-keys", "missing:0"], who="1001",
         check=lambda r: r["status"] == "in_review"),
    Step("food", ["case", "rate", "{case}", "--service", "intake", "--level", "very_satisfied"], who="1001",
         check=lambda r: r["kind"] == "rating" and r["detail"]["level"] == "very_satisfied"),
    Step("sign", ["case", "rate", "{case}", "--service", "hand_out", "--level", "dissatisfied",
                  "--problem", "等候时间长", "--comment", "排队一小时"], who="1002",
         check=lambda r: r["detail"]["followup_due"] is not None),
    Step("sign", ["case", "close-followup", "{case}", "--action", "已电话回访致歉，调整取号"], who="1003",
         check=lambda r: r["kind"] == "rating_followup_closed"),
    Step("", ["enquiry", "add", "--item", "000134011000", "--question", "失业登记要带什么",
              "--answer", "身份证、失业登记表、近期照片"], who="1004",
         check=lambda r: r["item_code"] == "000134011000"),
]

# What each case shows in the evening.
EVENING = {"food": "accepted", "sign": "handed_out", "sign_mail": "mailed", "job": "handed_out",
           "permit": "in_review"}


def arrive_from_back_office(ctx, case_no: str, to: str, note: str, at: datetime, missing=()) -> None:
    """A back-office decision pulled from the centre, applied as the decision stream applies it."""
    from clerk_app.sync.streams.decisions import apply_decision

    with ctx.store.transaction() as s:
        why = apply_decision(s, {"case_no": case_no, "to": to, "note": note, "actor": "区城管执法局",
                                 "at": at.isoformat(), "missing": list(missing)}, ctx.calendar, ctx.catalogue)
    assert why is None, why


def test_a_counter_day_runs_headless_through_the_command_line(clerk, write_json, ctx, clock, tmp_path):
    numbers: dict[str, str] = {}
    for name, (request, who) in INTAKES.items():
        r = clerk("intake", "--json", write_json(request, f"{name}.json"), "--as", who, "--password-stdin",
                  stdin=STAFF[who] + "\n")
        assert r.code == 0, (name, r.err)
        numbers[name] = r.json["case_no"]
    assert clerk("case", "show", numbers["food"], "--json").json["status"] == "accepted_tolerated"

    for i, step in enumerate(DAY):
        clock.now = clock.now.replace(minute=5 + i)  # the day goes on: each step a minute later
        no = numbers.get(step.case, "")
        if step.back_office:
            arrive_from_back_office(ctx, no, *step.back_office, at=clock.now, missing=step.missing)
            continue
        argv = [a.replace("{case}", no) for a in step.argv] + ["--json"]
        stdin = None
        if step.who:
            argv += ["--as", step.who, "--password-stdin"]
            stdin = STAFF[step.who] + "\n"
        r = clerk(*argv, stdin=stdin)
        assert r.code == 0, (step.argv, r.err)
        if step.check:
            assert step.check(r.json), (step.argv, r.json)

    listed = {c["case_no"]: c["status"] for c in clerk("case", "list", "--json").json}
    assert {name: listed[no] for name, no in numbers.items()} == EVENING
    for no in numbers.values():
        shown = clerk("case", "show", no)
        assert shown.code == 0 and f"办件编号: {no}" in shown.out
    job = clerk("case", "show", numbers["job"], "--json").json
    actors = [e["actor"] for e in job["events"]]
    assert "王五" in actors and "张三" in actors  # decided by the chief rep, handed out by 张三
    text = clerk("case", "list").out
    assert all(no in text for no in numbers.values()) and "已出件（邮寄）" in text
    offered = {a["name"] for a in clerk("case", "actions", numbers["sign"], "--json").json}
    assert "note" in offered and not offered & {"hand_out", "mail", "supplement", "decide_on_spot"}
    assert clerk("audit", "verify").code == 0
    from clerk_app.services.case_actions.handouts import get_handout

    mailed = get_handout(ctx, clerk("case", "show", numbers["sign_mail"], "--json").json["id"])
    assert mailed is not None and (mailed.courier_code, mailed.tracking_no) == ("ems", "1234567890123")
    collected = get_handout(ctx, clerk("case", "show", numbers["sign"], "--json").json["id"])
    assert collected is not None and collected.receiver.name == "孙九"
    assert collected.clerk.name == "李四"
    assert json.dumps(job, ensure_ascii=False).count("当场准予") == 1

    # the day counted: supervision has nothing overdue and the closed 差评 gone; the report adds up
    watch = clerk("supervise", "--json").json
    assert watch["followups"] == [] and watch["corrections"] == []
    assert {c["case_no"] for c in watch["cases"]} == {numbers["food"], numbers["permit"]}
    day = clock.now.date().isoformat()
    out = tmp_path / "day.xlsx"
    report = clerk("report", "--from", day, "--to", day, "--xlsx", str(out), "--json").json
    header = report["header"]
    total = report["rows"][-1]
    col = {name: header.index(name) for name in ("收件", "容缺受理", "窗口出件", "邮寄出件", "咨询登记", "非常满意",
                                                 "不满意", "好评率(%)")}
    assert [total[col[n]] for n in col] == [5, 1, 2, 1, 1, 1, 1, 50.0]
    from openpyxl import load_workbook

    book = load_workbook(out)
    checked = set()
    for sheet in book.worksheets[:2]:  # 办件情况, 评价情况: each sheet's window-total row is the report's
        rows = [[c.value for c in r] for r in sheet.iter_rows()]
        at = next(i for i, r in enumerate(rows) if r and r[0] == header[0])
        names = [n for n in rows[at] if n in header]
        last = [r for r in rows[at + 1:] if r and r[0]][-1]
        assert {n: last[rows[at].index(n)] for n in names} == {n: total[header.index(n)] for n in names}, sheet.title
        checked |= set(names)
    assert set(col) <= checked
