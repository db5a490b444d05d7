"""Every free text of every after-intake action is held to the intake's text rules, in the service.

A control character (an ESC sequence that clears the clerk's terminal, a bell, DEL, NEL), a line
separator, a right-to-left override, an undecodable byte or an invisible character in a note, a
decision, a collector's name, a mailing address, a supplement note, a follow-up or a rating comment
is refused with a Chinese message naming the field, and nothing is written: no note, event, hand-out,
audit or outbox entry, no status move. Called through ``perform`` (the form, the CLI) or ``run``
directly (another service, a script), the same. Also: a 授权委托书 dated implausibly early is refused.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK, Clerk
from clerk_app.intake.request import flow_from_json
from clerk_app.services import case_actions, cases, ratings
from clerk_app.services.case_actions import (
    ActionRefused,
    close_followup,
    decide_on_spot,
    hand_out,
    mail,
    note,
)
from clerk_app.services.case_actions import supplement as supplement_action
from clerk_app.services.case_actions.handouts import get_handout, result_default
from clerk_app.services.intake import submit
from clerk_app.store.models import AuditEntry, CaseEvent, CaseNote, OutboxEntry
from clerk_app.store.window_models import Handout
from clerk_app.sync.streams.decisions import apply_decision

CHIEF = Clerk(id="1003", name="王五", badge="PT-0101", chief_rep=True, supervisor=True)
APPLICANT_ID = "11010519491231002X"
AGENT_ID = "310115198001011238"
EMPLOYMENT = {"items": [{"code": "000134011000"}],
              "applicant": {"kind": "person", "name": "赵七", "id_number": APPLICANT_ID, "phone": "13800138000"},
              "materials": {"employment_registration_form": "original", "applicant_id": "original",
                            "photo_2inch": "original"}}
# What the probe typed, each with the code point the message must name.
BAD = [("准予\x1b[2J反转", "U+001B"), ("王大爷\x07", "U+0007"), ("甲\x01乙", "U+0001"), ("甲\x7f乙", "U+007F"),
       ("甲\x85乙", "U+0085"), ("甲\u2028乙", "U+2028"), ("准予\u202e反转", "U+202E"), ("甲\U000e0041乙", "U+E0041")]


def _case(ctx, data=EMPLOYMENT) -> str:
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    return submit(ctx, flow, LOCAL_CLERK).number


def _ready(ctx, note: str = "") -> str:
    """A case whose result is ready; ``note``: the back office's decision note (its 审批结果)."""
    no = _case(ctx)
    if note:
        with ctx.store.transaction() as s:
            assert apply_decision(s, {"case_no": no, "to": "approved", "note": note, "actor": "区人社局",
                                      "event_id": "bo-approve"}) is None
    else:
        cases.transition(ctx, no, CaseStatus.APPROVED, LOCAL_CLERK)
    cases.transition(ctx, no, CaseStatus.RESULT_READY, LOCAL_CLERK)
    return no


def _written(ctx) -> tuple[int, ...]:
    """How many rows of each thing an action may write: notes, events, hand-outs, audit, outbox."""
    with ctx.store.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) or 0
                     for m in (CaseNote, CaseEvent, Handout, AuditEntry, OutboxEntry))


def _refused(ctx, call, *needles: str) -> str:
    """``call()`` is refused with a message holding every needle, and nothing is written."""
    before = _written(ctx)
    with pytest.raises(ActionRefused) as exc:
        call()
    message = str(exc.value)
    for n in needles:
        assert n in message, (n, message)
    assert _written(ctx) == before, message
    return message


def test_every_text_input_of_every_action_refuses_what_intake_text_refuses_naming_the_field():
    inputs = [(a.name, i) for a in case_actions.case_actions().values() for i in a.inputs
              if i.kind in ("text", "long_text")]
    assert {n for n, _ in inputs} >= {"note", "decide_on_spot", "hand_out", "mail", "supplement", "close_followup"}
    for name, spec in inputs:
        for value, code in BAD:
            why = spec.problem(value)
            assert why is not None and spec.label in why and code in why, (name, spec.name, value, why)
        why = spec.problem("a\udcffb")  # the byte 0xFF of a command line, as Python hands it over
        assert why is not None and spec.label in why and "0xFF" in why, (name, spec.name, why)
        assert spec.problem("正常的文字") is None, (name, spec.name)


@pytest.mark.parametrize(("value", "code"), BAD)
def test_a_note_with_a_control_or_invisible_character_is_refused_by_the_service_itself(ctx, value, code):
    no = _case(ctx)
    _refused(ctx, lambda: note.add_note(ctx, no, LOCAL_CLERK, value), "备注内容", code, "请重新输入")
    _refused(ctx, lambda: case_actions.perform(ctx, "note", no, LOCAL_CLERK, {"text": value}), "备注内容", code)


def test_an_undecodable_byte_is_refused_naming_the_field_and_the_byte(ctx):
    no = _case(ctx)
    message = _refused(ctx, lambda: note.add_note(ctx, no, LOCAL_CLERK, "a\udcffb"), "备注内容", "0xFF")
    assert "\udcff" not in message  # the message itself can be printed and stored


def test_a_zero_width_space_never_reaches_the_note(ctx):
    no = _case(ctx)
    try:
        rec = note.add_note(ctx, no, LOCAL_CLERK, "已电话\u200b通知")
    except ActionRefused as exc:  # refused is as good as removed
        assert "备注内容" in str(exc)
        return
    assert "\u200b" not in rec.text
    with ctx.store.read() as s:
        assert all("\u200b" not in n.text for n in s.scalars(select(CaseNote)))


def test_a_note_keeps_its_line_breaks(ctx):
    rec = note.add_note(ctx, _case(ctx), LOCAL_CLERK, "  第一行\n第二行  ")
    assert rec.text == "第一行\n第二行"


def test_an_on_the_spot_decision_with_an_escape_sequence_is_refused_and_the_case_stays_accepted(ctx):
    no = _case(ctx)
    _refused(ctx, lambda: decide_on_spot.decide_on_spot(ctx, no, CHIEF, True, "准予\x1b[2J\u202e反转"),
             "决定内容", "U+001B")
    _refused(ctx, lambda: decide_on_spot.decide_on_spot(ctx, no, CHIEF, True, "准予许可", note="\u202e备注"),
             "备注", "U+202E")
    assert cases.get_case(ctx, no).status is CaseStatus.ACCEPTED
    done = decide_on_spot.decide_on_spot(ctx, no, CHIEF, True, " 准予许可 ")
    assert done.result_note == "准予许可"


def test_a_collectors_name_with_a_bell_is_refused_as_such_not_as_someone_else(ctx):
    no = _ready(ctx)
    message = _refused(ctx, lambda: hand_out.hand_out(ctx, no, LOCAL_CLERK, "赵七\x07"), "领取人姓名", "U+0007")
    assert "不是申请人" not in message
    message = _refused(ctx, lambda: case_actions.perform(ctx, "hand_out", no, LOCAL_CLERK,
                                                         {"collector": "applicant", "recipient_name": "赵七\x07"}),
                       "领取人姓名", "U+0007")
    assert "不是申请人" not in message
    assert cases.get_case(ctx, no).status is CaseStatus.RESULT_READY


def test_every_free_text_of_a_hand_out_is_checked_and_all_problems_are_told_at_once(ctx):
    no = _ready(ctx)
    message = _refused(ctx, lambda: hand_out.hand_out(
        ctx, no, LOCAL_CLERK, "李四", recipient_id=AGENT_ID + "\x00", collector="agent", authorisation_kept=True,
        authorisation_scope="代为领取\u202e结果", result="就业创业证\x1b", note="\u2029", recipient_phone="138\x7f"),
        "领取人证件号码", "委托事项", "审批结果", "备注", "领取人电话")
    assert message.count("；") == 4
    rec = hand_out.hand_out(ctx, no, LOCAL_CLERK, " 李四 ", recipient_id=AGENT_ID, collector="agent",
                            authorisation_kept=True, authorisation_scope=" 代为领取结果 ", note=" 已核对 ")
    h = get_handout(ctx, rec.id)
    assert h is not None and (h.authorisation_scope, h.note) == ("代为领取结果", "已核对")


def test_every_free_text_of_a_mailing_is_checked(ctx):
    no = _ready(ctx)
    _refused(ctx, lambda: mail.mail_result(ctx, no, LOCAL_CLERK, "ems", "EA473124829CN\x1b",
                                           address="上海市普陀区长寿路1号\u202e", recipient_name="赵七\x07",
                                           note="\x01"),
             "快递单号", "邮寄地址", "收件人", "备注")
    _refused(ctx, lambda: mail.mail_result(ctx, no, LOCAL_CLERK, "other", "12345678", courier_name="某快递\x1b"),
             "其他快递公司名称", "U+001B")
    _refused(ctx, lambda: mail.mail_result(ctx, no, LOCAL_CLERK, "某快递\x1b[2J", "12345678"), "快递公司", "U+001B")
    assert cases.get_case(ctx, no).status is CaseStatus.RESULT_READY


def test_a_supplement_note_and_forms_are_checked(ctx):
    from store.samples import food_tolerated

    no = _case(ctx, food_tolerated())
    _refused(ctx, lambda: supplement_action.record_supplement(ctx, no, LOCAL_CLERK, ["food_safety_manager"],
                                                              note="已补交\x1b[2J"), "备注", "U+001B")
    _refused(ctx, lambda: supplement_action.record_supplement(ctx, no, LOCAL_CLERK, ["food_safety_manager"],
                                                              forms="food_safety_manager=原件:1\u202e"),
             "形式与份数", "U+202E")
    message = _refused(ctx, lambda: supplement_action.record_supplement(ctx, no, LOCAL_CLERK, ["x\x1b[2J"]),
                       "补交的材料", "U+001B")
    assert "\x1b" not in message
    assert cases.get_case(ctx, no).status is CaseStatus.ACCEPTED_TOLERATED


def test_a_rating_comment_and_a_followup_closure_are_checked(ctx):
    no = _case(ctx)
    _refused(ctx, lambda: ratings.rate(ctx, no, LOCAL_CLERK, "intake", "dissatisfied", comment="太慢\x1b[2J"),
             "评价意见", "U+001B")
    message = _refused(ctx, lambda: ratings.rate(ctx, no, LOCAL_CLERK, "intake", "dissatisfied",
                                                 problems=["服务态度\x1b[31m"]), "存在的问题", "U+001B")
    assert "\x1b" not in message
    bad = ratings.rate(ctx, no, LOCAL_CLERK, "intake", "dissatisfied", ["服务态度"], " 太慢 ")
    assert bad.detail["comment"] == "太慢"
    _refused(ctx, lambda: close_followup.close_followup(ctx, no, CHIEF, bad.id, "已回访\u2028并致歉"),
             "整改情况", "U+2028")
    _refused(ctx, lambda: case_actions.perform(ctx, "close_followup", no, CHIEF,
                                               {"rating_id": bad.id, "action": "已回访\x1b并致歉"}),
             "整改情况", "U+001B")
    assert ratings.open_followups(ctx, date(2026, 12, 31))


def test_the_result_a_hand_out_starts_with_is_the_back_offices_note_on_one_line(ctx):
    no = _ready(ctx, note="准予许可\n就业创业证 3101070012345")
    case = cases.get_case(ctx, no)
    assert result_default(ctx, case) == "准予许可 就业创业证 3101070012345"
    values = {i.name: i.initial(ctx, case) for i in case_actions.case_actions()["hand_out"].inputs}
    out = case_actions.perform(ctx, "hand_out", no, LOCAL_CLERK, {k: v for k, v in values.items() if v is not None})
    assert out.status is CaseStatus.HANDED_OUT


# -- the 授权委托书's date -----------------------------------------------------------------------------


def _agent(ctx, no: str, signed: date):
    return hand_out.hand_out(ctx, no, LOCAL_CLERK, "李四", recipient_id=AGENT_ID, collector="agent",
                             authorisation_kept=True, authorisation_date=signed)


def test_an_authorisation_signed_more_than_a_year_before_the_application_is_refused(ctx):
    no = _ready(ctx)
    received = cases.get_case(ctx, no).received_at.date()
    assert received == date(2026, 11, 23)
    message = _refused(ctx, lambda: _agent(ctx, no, date(1, 1, 1)), "授权委托书的签署日期 0001-01-01",
                       "一年以上", "2025-11-23")
    assert "晚于今天" in message  # the whole rule is told
    _refused(ctx, lambda: _agent(ctx, no, date(2025, 11, 22)), "一年以上")
    _refused(ctx, lambda: case_actions.perform(ctx, "hand_out", no, LOCAL_CLERK, {
        "collector": "agent", "recipient_name": "李四", "recipient_id": AGENT_ID, "authorisation_kept": True,
        "authorisation_date": date(1, 1, 1)}), "一年以上")
    assert cases.get_case(ctx, no).status is CaseStatus.RESULT_READY
    _agent(ctx, no, date(2025, 11, 23))  # a year before, to the day: still good
    h = get_handout(ctx, cases.get_case(ctx, no).id)
    assert h is not None and h.authorisation_date == date(2025, 11, 23)


def test_the_earliest_signing_date_of_a_leap_day_application():
    assert hand_out.earliest_authorisation(date(2028, 2, 29)) == date(2027, 2, 28)
    assert hand_out.authorisation_date_problem(date(2027, 2, 28), date(2028, 2, 29)) is None
    assert hand_out.authorisation_date_problem(date(2027, 2, 27), date(2028, 2, 29))
