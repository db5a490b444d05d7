"""授权: grants resolve to the items a clerk sees and may take; intake refuses the others."""

from __future__ import annotations

import pytest
from records_json import as_json

from clerk_app.auth.authorisation import (
    may_decide_on_spot,
    resolve_grants,
    unknown_grants,
    visible_items,
    visible_themes,
    window_allowed,
)
from clerk_app.domain.people import Clerk
from clerk_app.intake.request import flow_from_json
from clerk_app.services import cases, staff
from clerk_app.services.intake import IntakeRejected, submit

from .helpers import EMPLOYMENT, FOOD, add, intake_request, take


def _codes(ctx, **where):
    return {c for c, it in ctx.catalogue.items.items() if all(getattr(it, k) == v for k, v in where.items())}


def test_grants_resolve_by_code_group_prefix_group_and_department(ctx):
    cat = ctx.catalogue
    assert resolve_grants(["*"], cat) is None
    assert resolve_grants([EMPLOYMENT], cat) == {EMPLOYMENT}
    assert resolve_grants(["市场监管/食品"], cat) == _codes(ctx, group="市场监管/食品")
    market = resolve_grants(["市场监管"], cat)
    assert market == _codes(ctx, department="区市场监管局") and len(market) == 4
    assert resolve_grants(["区民政局"], cat) == _codes(ctx, department="区民政局")
    assert resolve_grants(["市场"], cat) == frozenset()  # a prefix must end at a "/" boundary
    assert resolve_grants([], cat) == frozenset()


def test_unknown_grants_are_reported_and_refused_by_the_admin_service(ctx):
    assert unknown_grants(["人社", "市场监官", "*", "999999999999"], ctx.catalogue) == ["市场监官", "999999999999"]
    add(ctx, "2001", "张三丰", grants=["人社"])
    with pytest.raises(staff.StaffError, match="市场监官"):
        staff.authorise(ctx, "2001", ["市场监官"])
    assert staff.get_staff(ctx, "2001").grants == ["人社"]


def test_a_clerk_sees_only_authorised_items_and_complete_themes(ctx):
    clerk = Clerk("x", "x", authorised_items=resolve_grants(["公安", "医保", "人社/社保卡"], ctx.catalogue))
    items = visible_items(ctx.catalogue, clerk)
    assert {it.group.split("/")[0] for it in items} == {"公安", "医保", "人社"}
    assert [t.id for t in visible_themes(ctx.catalogue, clerk)] == ["newborn"]
    assert len(visible_items(ctx.catalogue, Clerk("y", "y"))) == len(ctx.catalogue.items)  # None = all


def test_only_a_chief_rep_decides_marked_items_on_the_spot(ctx):
    marked = ctx.catalogue.items["000134012000"]
    unmarked = ctx.catalogue.items["000109006000"]  # 教师资格认定
    assert marked.chief_rep_decides and not unmarked.chief_rep_decides
    rep = Clerk("r", "r", chief_rep=True)
    assert may_decide_on_spot(rep, marked) and not may_decide_on_spot(rep, unmarked)
    assert not may_decide_on_spot(Clerk("c", "c"), marked)
    assert not may_decide_on_spot(Clerk("r", "r", chief_rep=True, authorised_items=frozenset()), marked)


def test_intake_refuses_an_unauthorised_item_and_saves_nothing(ctx):
    clerk = Clerk("2001", "张三丰", authorised_items=frozenset({EMPLOYMENT}))
    flow, errs = flow_from_json(intake_request(code=FOOD), ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs
    with pytest.raises(IntakeRejected) as exc:
        submit(ctx, flow, clerk)
    [err] = exc.value.errors
    assert err.field == "items[0]" and "食品小作坊登记" in err.message and "未获授权" in err.message
    assert as_json(cases.list_cases(ctx)) == [] and as_json(cases.list_notices(ctx)) == []
    assert take(ctx, clerk).number.startswith("S")  # the authorised item goes through


@pytest.mark.parametrize(("windows", "ok"), [
    (["31010701003"], True), (["31010701004"], False), (["*"], True), (["31010701*"], True),
    (["31010702*"], False), ([], False),
])
def test_window_patterns(windows, ok):
    assert window_allowed(windows, "31010701003") is ok
