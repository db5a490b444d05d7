"""``clerk case do ACTION NO …``, the aliases and ``clerk case actions``: generated from the registry.

Every existing action is run through its command; refusals exit 2 with the Chinese message on
stderr and record nothing; each kind of declared input becomes the right kind of option.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from store.samples import food_tolerated, sign_accepted

from clerk_app.commands import case_do
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.services import case_actions, cases
from clerk_app.services.case_actions import ActionInput, CaseAction
from clerk_app.store.models import CaseEvent, CaseNote

EMPLOYMENT = {"items": [{"code": "000134011000"}],
              "applicant": {"kind": "person", "name": "赵七", "id_number": "11010519491231002X",
                            "phone": "13800138000"},
              "materials": {"employment_registration_form": "original", "applicant_id": "original",
                            "photo_2inch": "original"}}


@pytest.fixture
def clerk(clerk_exits):
    """The in-process ``clerk``, with argparse's own exits as exit codes (conftest)."""
    return clerk_exits


def _intake(clerk, write_json, request) -> str:
    r = clerk("intake", "--json", write_json(request))
    assert r.code == 0, r.err
    return r.json["case_no"]


def _ready(ctx, no: str) -> None:
    cases.transition(ctx, no, CaseStatus.APPROVED, LOCAL_CLERK, "准予许可")
    cases.transition(ctx, no, CaseStatus.RESULT_READY, LOCAL_CLERK)


def _events(ctx) -> int:
    with ctx.store.read() as s:
        return len(s.scalars(select(CaseEvent)).all())


def test_every_registered_action_has_a_do_command_and_its_alias(clerk):
    for name, action in case_actions.case_actions().items():
        r = clerk("case", "do", name, "--help")
        assert r.code == 0 and action.title in r.out, name
        for spec in action.inputs:
            assert case_do.option(spec) in r.out, (name, spec.name)
        if action.command:
            r = clerk("case", action.command, "--help")
            assert r.code == 0 and action.title in r.out, name
    assert {"supplement", "hand-out", "mail", "decide", "note"} <= {
        a.command for a in case_actions.case_actions().values()}


def test_supplement_of_the_tolerated_materials_then_refused_when_nothing_is_pending(clerk, write_json, ctx):
    no = _intake(clerk, write_json, food_tolerated())
    r = clerk("case", "supplement", no, "--material-keys", "no_such_material")
    assert r.code == 2 and "“补交的材料”的选项无效" in r.err and r.out == ""
    r = clerk("case", "supplement", no, "--material-keys", "food_safety_manager", "--json")
    assert r.code == 0, r.err
    assert r.json["status"] == "accepted_tolerated"  # one of two: still waiting for the other
    r = clerk("case", "do", "supplement", no, "--material-keys", "health_certificates")
    assert r.code == 0 and "已受理" in r.out
    before = _events(ctx)
    r = clerk("case", "supplement", no, "--material-keys", "health_certificates")
    assert r.code == 2 and "不能登记补交材料" in r.err
    assert _events(ctx) == before


def test_decide_on_the_spot_only_for_a_chief_representative(clerk, write_json, ctx):
    no = _intake(clerk, write_json, EMPLOYMENT)
    r = clerk("case", "decide", no, "--result", "准予", "--as", "1001", "--password-stdin", stdin="zs123456\n")
    assert r.code == 2 and "只有首席事务代表可以当场作出决定" in r.err
    r = clerk("case", "decide", no, "--as", "1003", "--password-stdin", stdin="ww123456\n")
    assert r.code == 2 and "请填写“决定内容”" in r.err
    r = clerk("case", "decide", no, "--result", "准予", "--as", "1003", "--password-stdin", stdin="wrong\n")
    assert r.code == 2 and "密码" in r.err
    assert cases.get_case(ctx, no).status is CaseStatus.ACCEPTED
    r = clerk("case", "decide", no, "--no-approve", "--result", "不符合申领条件", "--json", "--as", "1003",
              "--password-stdin", stdin="ww123456\n")
    assert r.code == 0, r.err
    assert r.json["status"] == "result_ready" and any("当场不予" in e["note"] for e in r.json["events"])


def test_hand_out_by_default_to_the_applicant_and_refused_before_the_result(clerk, write_json, ctx):
    no = _intake(clerk, write_json, sign_accepted())
    r = clerk("case", "hand-out", no)
    assert r.code == 2 and "不能出件" in r.err
    _ready(ctx, no)
    r = clerk("case", "hand-out", no, "--recipient-id", "110105194912310021")
    assert r.code == 2 and "领取人" in r.err  # a wrong check digit
    assert cases.get_case(ctx, no).status is CaseStatus.RESULT_READY
    r = clerk("case", "hand-out", no, "--json")
    assert r.code == 0, r.err
    assert r.json["status"] == "handed_out" and "领取人：张三" in r.json["events"][-1]["note"]
    r = clerk("case", "hand-out", no)
    assert r.code == 2 and "不能出件" in r.err


def test_mail_checks_the_tracking_number(clerk, write_json, ctx):
    no = _intake(clerk, write_json, sign_accepted())
    _ready(ctx, no)
    r = clerk("case", "mail", no, "--tracking-no", "12-34", "--address", "上海市徐汇区示例路 100 号")
    assert r.code == 2 and "EMS（中国邮政速递）的快递单号应为2位字母+9位数字+2位字母" in r.err
    r = clerk("case", "mail", no, "--address", "上海市徐汇区示例路 100 号")
    assert r.code == 2 and "请填写“快递单号”" in r.err
    assert cases.get_case(ctx, no).status is CaseStatus.RESULT_READY
    r = clerk("case", "mail", no, "--courier", "sf", "--tracking-no", "SF1234567890123",
              "--address", "上海市徐汇区示例路 100 号", "--json")
    assert r.code == 0 and r.json["status"] == "mailed"


def test_note_needs_its_text_and_unknown_cases_are_said_so(clerk, write_json, ctx):
    no = _intake(clerk, write_json, sign_accepted())
    r = clerk("case", "note", no, "--text", "  ")
    assert r.code == 2 and "请填写“备注内容”" in r.err
    r = clerk("case", "note", no, "--text", "申请人来电询问进度", "--json")
    assert r.code == 0 and (r.json["kind"], r.json["text"]) == ("note", "申请人来电询问进度")
    with ctx.store.read() as s:
        assert len(s.scalars(select(CaseNote)).all()) == 1
    r = clerk("case", "note", "S310107010032611239999", "--text", "某事")
    assert r.code == 1 and "没有编号为" in r.err


def test_case_actions_lists_what_is_offered_with_inputs_shortcuts_and_commands(clerk, write_json):
    no = _intake(clerk, write_json, food_tolerated())
    rows = clerk("case", "actions", no, "--json").json
    assert [r["name"] for r in rows] == [n for n in case_actions.case_actions() if n in {r["name"] for r in rows}]
    by = {r["name"]: r for r in rows}
    assert "supplement" in by and "hand_out" not in by
    (keys,) = [i for i in by["supplement"]["inputs"] if i["name"] == "material_keys"]
    assert {c["value"] for c in keys["choices"][:2]} == {"food_safety_manager", "health_certificates"}  # 容缺 first
    assert by["supplement"]["shortcut"] == "Alt+B" and by["supplement"]["command"] == "clerk case supplement"
    everything = {r["name"]: r for r in clerk("case", "actions", no, "--all", "--json").json}
    assert not everything["hand_out"]["offered"] and "不能出件" in everything["hand_out"]["refusal"]
    text = clerk("case", "actions", no).out
    assert "clerk case supplement" in text and "--material-keys" in text


RECEIVED: list[dict] = []


def _every_kind(ctx, case_no, clerk, title, level, picks, when, urgent=False, body="", due=None):
    RECEIVED.append({"title": title, "level": level, "picks": picks, "when": when, "urgent": urgent, "body": body,
                     "due": due})
    return cases.get_case(ctx, case_no)


EVERY_KIND = CaseAction("every_kind", "各类输入", frozenset(), (
    ActionInput("title", "标题", required=True, max_length=10),
    ActionInput("body", "正文", "long_text"),
    ActionInput("level", "等级", "choice", choices=(("a", "甲"), ("b", "乙")), default="b"),
    ActionInput("picks", "材料", "multi_choice", choices=lambda ctx, case: [(m.key, m.name) for m in case.materials]),
    ActionInput("when", "日期", "date", required=True),
    ActionInput("urgent", "加急", "bool"),
    ActionInput("due", "期限", "date"),
), _every_kind)


@pytest.fixture
def every_kind(monkeypatch):
    from clerk_app.commands import case_do

    found = case_actions._resolve_keys({**case_actions.case_actions(), "every_kind": EVERY_KIND})
    monkeypatch.setattr(case_do, "case_actions", lambda: found)
    monkeypatch.setattr(case_actions, "case_actions", lambda: found)
    RECEIVED.clear()
    return found["every_kind"]


def test_each_kind_of_input_becomes_its_kind_of_option(clerk, write_json, every_kind):
    no = _intake(clerk, write_json, sign_accepted())
    r = clerk("case", "every-kind", no, "--title", "标题", "--when", "2026-12-01", "--picks", "sign_design",
              "--picks", "sign_application,business_license", "--urgent", "--body", "两行\n正文")
    assert r.code == 0, r.err
    assert every_kind.command == "every-kind" and every_kind.shortcut == "Alt+E"
    assert [{"title": "标题", "level": "b", "picks": ["sign_design", "sign_application", "business_license"],
                         "when": date(2026, 12, 1), "urgent": True, "body": "两行\n正文", "due": None}] == RECEIVED
    r = clerk("case", "do", "every_kind", no, "--title", "标题", "--when", "12/01/2026")
    assert r.code == 2 and "日期应为 YYYY-MM-DD" in r.err
    r = clerk("case", "every-kind", no, "--title", "标题", "--when", "2026-12-01", "--level", "z")
    assert r.code == 2 and "--level" in r.err
    r = clerk("case", "every-kind", no, "--title", "标题" * 6, "--picks", "nope")
    assert r.code == 2 and "“标题”不能超过10字" in r.err and "“材料”的选项无效" in r.err and "请选择“日期”" not in r.err
    assert len(RECEIVED) == 1  # nothing refused reached run


def test_an_input_named_like_a_common_option_gets_its_own():
    assert case_do.option(ActionInput("json", "数据")) == "--input-json"
    assert case_do.option(ActionInput("on_behalf_of", "代谁")) == "--input-on-behalf-of"
    assert case_do.option(ActionInput("recipient_name", "领取人")) == "--recipient-name"
