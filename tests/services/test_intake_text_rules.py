"""The intake engine (and so the wizard) applies the domain's one text rule to every free-text field."""

from __future__ import annotations

from clerk_app.domain.decision import Outcome
from clerk_app.domain.people import Party
from clerk_app.intake.flow import IntakeFlow, Step

ID = "11010519491231002X"


def _flow(ctx, **party) -> IntakeFlow:
    flow = IntakeFlow(ctx.catalogue, ctx.calendar)
    flow.choose_items(["000162001000"])
    fields = {"kind": "person", "name": "张三", "id_number": ID, "phone": "13800138000", **party}
    flow.set_applicant(Party(**fields))
    return flow


def _messages(flow, step=Step.APPLICANT) -> dict[str, str]:
    return {e.field: e.message for e in flow.errors(step)}


def test_a_sound_applicant_passes(ctx):
    assert _messages(_flow(ctx, address="上海市普陀区大渡河路1668号")) == {}


def test_an_oversized_name_is_a_clear_error_not_a_case(ctx):
    errs = _messages(_flow(ctx, name="张" * 10_000_000))
    assert errs["applicant.name"].startswith("申请人姓名或名称过长（最多 100 个字符")


def test_control_characters_and_line_breaks_are_refused_with_the_field(ctx):
    errs = _messages(_flow(ctx, name="张\x00三", address="上海\u2028普陀"))
    assert "控制字符 U+0000" in errs["applicant.name"] and "U+2028" in errs["applicant.address"]
    flow = _flow(ctx)
    flow.set_agent(Party("person", "李\u202e四", ID, "13800138000"))
    assert "U+202E" in _messages(flow)["agent.name"]


def test_delivery_address_and_override_reason_follow_their_rules(ctx):
    flow = _flow(ctx)
    flow.set_delivery("mail", "上海市普陀区" + "路" * 300)
    assert "邮寄地址过长" in _messages(flow)["delivery.address"]
    flow.set_override(Outcome.NOTICE, "理由\x07充分的说明")
    assert "理由含有不允许的控制字符 U+0007" in _messages(flow, Step.DECISION)["override.reason"]
