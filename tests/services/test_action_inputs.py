"""Case actions declare typed inputs; the declaration is checked, and the values against it."""

from __future__ import annotations

from datetime import date

import pytest
from store.samples import sign_accepted, submit_request

from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.services import case_actions, cases
from clerk_app.services.case_actions import ActionInput, CaseAction


def _run(ctx, case_no, clerk, when: date, flag: bool = False):
    return when, flag


def test_a_declaration_that_does_not_match_run_is_refused_at_import():
    with pytest.raises(TypeError, match="undeclared \\['when'\\]"):
        CaseAction("x", "某操作", frozenset(), (ActionInput("flag", "标记", "bool"),), _run)
    with pytest.raises(TypeError, match="unknown \\['other'\\]"):
        CaseAction("x", "某操作", frozenset(), (ActionInput("when", "日期", "date"),
                                               ActionInput("other", "其他")), _run)
    with pytest.raises(TypeError, match="kind 'number'"):
        ActionInput("n", "数量", "number")  # type: ignore[arg-type]  # the wrong kind is the point
    with pytest.raises(TypeError, match="needs choices"):
        ActionInput("c", "选项", "choice")
    ok = CaseAction("x", "某操作", frozenset(), (ActionInput("when", "日期", "date", required=True),), _run)
    assert [i.name for i in ok.inputs] == ["when"]


def test_each_kind_of_input_says_what_is_wrong_in_chinese():
    text = ActionInput("t", "意见", "long_text", required=True, max_length=3)
    assert text.problem("  ") == "请填写“意见”"
    assert text.problem("一二三四") == "“意见”不能超过3字（现为4字）"
    assert text.problem(" 一二三 ") is None
    assert ActionInput("t", "意见").problem("") is None  # optional and empty: fine
    pick = ActionInput("c", "等级", "choice", required=True, choices=(("a", "甲"), ("b", "乙")))
    assert pick.problem(None, pick.options(None, None)) == "请选择“等级”"
    assert pick.problem("z", pick.options(None, None)) == "“等级”的选项无效"
    assert pick.problem("b", pick.options(None, None)) is None
    many = ActionInput("m", "材料", "multi_choice", required=True, choices=lambda ctx, case: [("k", "某材料")])
    assert many.problem([], many.options(None, None)) == "请选择“材料”"
    assert many.problem(["k", "x"], many.options(None, None)) == "“材料”的选项无效"
    assert ActionInput("d", "日期", "date", required=True).problem("2026-01-01") == "“日期”应为日期"
    assert ActionInput("d", "日期", "date", required=True).problem(date(2026, 1, 1)) is None
    assert ActionInput("b", "已核对", "bool", required=True).problem(False) == "请勾选“已核对”"


def test_every_existing_action_declares_typed_inputs_matching_run(ctx):
    actions = case_actions.case_actions()
    assert {"supplement", "hand_out", "mail", "decide_on_spot", "note"} <= set(actions)
    case = cases.get_case(ctx, submit_request(ctx, sign_accepted()).number)
    for a in actions.values():
        assert a.inputs and all(isinstance(i, ActionInput) and i.label for i in a.inputs), a.name
        for i in a.inputs:
            i.initial(ctx, case)  # defaults that read the case work on a real one
    assert actions["mail"].inputs[1].initial(ctx, case) == "ems"


def test_perform_refuses_an_action_that_does_not_apply_and_runs_one_that_does(ctx):
    no = submit_request(ctx, sign_accepted()).number
    with pytest.raises(case_actions.ActionRefused, match="不能出件"):
        case_actions.perform(ctx, "hand_out", no, LOCAL_CLERK, {"recipient_name": "张三"})
    with pytest.raises(case_actions.ActionRefused, match="请填写“备注内容”"):
        case_actions.perform(ctx, "note", no, LOCAL_CLERK, {"text": " "})
    with pytest.raises(cases.CaseNotFound):
        case_actions.perform(ctx, "note", "S000000000000000000000", LOCAL_CLERK, {"text": "x"})
    rec = case_actions.perform(ctx, "note", no, LOCAL_CLERK, {"text": "申请人来电询问进度", "ignored": 1})
    assert (rec.kind, rec.text) == ("note", "申请人来电询问进度")
