"""An override (the clerk differing from the rules) applies to the cases the clerk names, recorded per case
(issue 10): in a 一件事 application the other cases keep their own rules' outcome."""

from __future__ import annotations

from sqlalchemy import select
from store.samples import convenience_store, sign_accepted, submit_request

from clerk_app.intake.request import flow_from_json
from clerk_app.services import cases
from clerk_app.store.models import AuditEntry

SOLE, FOOD, TOBACCO = "000117001000", "000117007000", "000156001000"
WHY = "烟草专卖局授权窗口收件即受理"


def _by_item(ctx, application_no):
    return {c.items[0].code: c for c in cases.application_cases(ctx, application_no)}


def test_an_override_for_one_case_changes_that_case_alone_and_is_recorded_on_it(ctx):
    r = submit_request(ctx, convenience_store(override={"outcome": "accepted", "reason": WHY, "items": [TOBACCO]}))
    got = _by_item(ctx, r.application_no)
    assert {c: (x.outcome.value, x.rules_outcome.value, x.override_reason) for c, x in got.items()} == {
        SOLE: ("accepted", "accepted", None), FOOD: ("accepted", "accepted", None),
        TOBACCO: ("accepted", "received", WHY)}
    assert got[TOBACCO].events[0].note == WHY and got[SOLE].events[0].note == ""
    with ctx.store.read() as s:
        audited = s.scalars(select(AuditEntry.subject).where(AuditEntry.action == "intake.override")).all()
    assert audited == [got[TOBACCO].case_no]


def test_a_refusal_for_one_case_leaves_the_others_accepted(ctx):
    why = "不属于本机关职权范围，请向区烟草专卖局申请"
    r = submit_request(ctx, convenience_store(override={"outcome": "not_accepted", "reason": why,
                                                         "items": [TOBACCO], "ground": "outside_power",
                                                         "refer_to": "区烟草专卖局"}))
    got = _by_item(ctx, r.application_no)
    assert got[TOBACCO].outcome.value == "not_accepted" and got[TOBACCO].not_accepted_reason == why
    assert got[SOLE].outcome.value == "accepted" and got[SOLE].not_accepted_reason is None
    assert got[FOOD].override_reason is None


def test_without_items_the_override_applies_to_every_case_as_before(ctx):
    r = submit_request(ctx, convenience_store(override={"outcome": "accepted", "reason": WHY}))
    assert {x.override_reason for x in _by_item(ctx, r.application_no).values()} == {WHY}


def _errors(ctx, data):
    flow, errors = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    return [(e.field, e.message) for e in errors]


def test_an_override_naming_a_case_it_cannot_apply_to_is_refused_with_the_reason(ctx):
    assert _errors(ctx, sign_accepted(override={"outcome": "received", "reason": WHY, "items": [TOBACCO]})) == [
        ("override.items", f"改变结果所适用的事项不在本次办理的事项中：{TOBACCO}")]
    notice = convenience_store(override={"outcome": "notice", "reason": WHY, "items": [TOBACCO]})
    assert ("override.items", "一次性告知针对整次申请，不能只用于部分办件") in _errors(ctx, notice)
    short = convenience_store(override={"outcome": "accepted", "reason": WHY, "items": [TOBACCO]})
    short["materials"]["food_license_application"] = "missing"  # the food case would open incomplete
    assert ("override.items", "事项“食品经营许可”材料不齐，须一并改变结果或出具一次性告知书") in _errors(ctx, short)
