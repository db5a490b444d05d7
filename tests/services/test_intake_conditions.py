"""受理条件: the engine refuses to open a case until the clerk confirmed each condition of the
chosen situations; the confirmations are kept in the draft (recording them on the case comes later)."""

from __future__ import annotations

from store.samples import sole_proprietor_tolerated

from clerk_app.domain.decision import Outcome
from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.intake.draft import IntakeDraft
from clerk_app.intake.flow import Step
from clerk_app.intake.request import flow_from_json
from clerk_app.services import drafts

CODE = "000117001000"


def _request(conditions=None, **materials):
    req = sole_proprietor_tolerated()
    if conditions is None:
        req["items"][0].pop("conditions", None)
    else:
        req["items"][0]["conditions"] = conditions
    req["materials"].update(materials)
    return req


def test_the_situations_conditions_with_their_standards(ctx):
    flow, errs = flow_from_json(_request(["capable_person", "name_reserved"]), ctx.catalogue, ctx.calendar,
                                ctx.clock())
    assert errs == []
    got = [(it.code, c.id, c.standard[:4]) for it, c in flow.conditions()]
    assert got == [(CODE, "capable_person", "年满18"), (CODE, "name_reserved", "名称含行")]


def test_a_case_is_not_opened_until_each_condition_is_confirmed(ctx):
    flow, errs = flow_from_json(_request(), ctx.catalogue, ctx.calendar, ctx.clock())
    assert flow is None
    assert [(e.field, e.message) for e in errs] == [
        (f"conditions.{CODE}.capable_person", "请确认事项“个体工商户登记”的受理条件：经营者为有经营能力的自然人"),
        (f"conditions.{CODE}.name_reserved", "请确认事项“个体工商户登记”的受理条件：个体工商户名称已通过自主申报（或不使用名称）")]
    _, errs = flow_from_json(_request(["capable_person"]), ctx.catalogue, ctx.calendar, ctx.clock())
    assert [e.field for e in errs] == [f"conditions.{CODE}.name_reserved"]


def test_the_engine_keeps_the_clerk_on_the_decision_step(ctx):
    flow, _ = flow_from_json(_request(["capable_person", "name_reserved"]), ctx.catalogue, ctx.calendar,
                             ctx.clock())
    flow.confirm_condition(CODE, "name_reserved", False)
    flow.jump(Step.DECISION)
    errs = flow.go_next(ctx.clock())
    assert [e.field for e in errs] == [f"conditions.{CODE}.name_reserved"] and flow.step is Step.DECISION
    flow.confirm_condition(CODE, "name_reserved")
    assert flow.step_errors(ctx.clock()) == []


def test_a_notice_or_a_refusal_needs_no_confirmation(ctx):
    _, errs = flow_from_json(_request(sole_proprietor_application="missing"), ctx.catalogue, ctx.calendar,
                             ctx.clock())
    assert errs == []  # 一次性告知: no case is opened
    req = _request()
    req["override"] = {"outcome": Outcome.NOT_ACCEPTED.value, "reason": "经营者为在职公务员，不符合受理条件",
                       "ground": "other"}
    _, errs = flow_from_json(req, ctx.catalogue, ctx.calendar, ctx.clock())
    assert errs == []


def test_an_unknown_condition_is_named(ctx):
    _, errs = flow_from_json(_request(["capable_person", "name_reserved", "no_pending_matters"]),
                             ctx.catalogue, ctx.calendar, ctx.clock())
    assert [(e.field, e.message) for e in errs] == [
        ("items[0].conditions", "事项“个体工商户登记”的本情形没有受理条件 no_pending_matters")]


def test_confirmations_are_kept_in_the_draft_and_dropped_with_their_item(ctx):
    flow, _ = flow_from_json(_request(["capable_person", "name_reserved"]), ctx.catalogue, ctx.calendar,
                             ctx.clock())
    did = drafts.save(ctx, LOCAL_CLERK, flow.draft)
    back = drafts.load(ctx, did)
    assert back.conditions == {CODE: ["capable_person", "name_reserved"]}
    old = back.to_dict()
    del old["conditions"]  # a draft saved before this field: none confirmed
    assert IntakeDraft.from_dict(old).conditions == {}
    flow.remove_item(CODE)
    assert flow.draft.conditions == {}


def test_the_case_keeps_its_handling_code_and_the_conditions_the_clerk_confirmed(ctx):
    """Each case records the 办理项编码 it was taken under and the 受理条件 confirmed for it."""
    from store.samples import sole_proprietor_tolerated, submit_request

    from clerk_app.services import cases

    r = submit_request(ctx, sole_proprietor_tolerated())
    item = cases.get_case(ctx, r.number).items[0]
    expected = ctx.catalogue.items["000117001000"].handling_code_for(item.situation)
    assert expected and item.handling_code == expected  # 个体工商户登记 has three 办理项: the situation's one
    assert item.conditions_confirmed == ["capable_person", "name_reserved"]
