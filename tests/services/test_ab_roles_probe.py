"""AB roles (AB岗) under a supervisor's and an auditor's probing: who may act in A's name, and when that ends.

A substitute (B) acts with A's authorisations only while A is on the roster and still designates B;
a retired account (admin or roster) and anyone standing in for it stop at once; a disabled B is no
cover for a post; ``--on-behalf-of`` without ``--as`` is no substitution at all.
"""

from __future__ import annotations

from argparse import Namespace

import pytest
from records_json import as_json

from clerk_app.commands.common import CommandError, current_clerk
from clerk_app.intake.request import flow_from_json
from clerk_app.services import cases, staff
from clerk_app.services.case_actions import ActionRefused, perform
from clerk_app.services.intake import IntakeRejected, submit
from clerk_app.services.staff_login import LoginRefused, login, open_sessions, unlock
from clerk_app.services.staff_posts import post_status

PW = "secret-pass-1"
EMPLOYMENT = "000134011000"  # 就业创业证申领, group 人社/就业
FULL = {"employment_registration_form": "original", "applicant_id": "original", "photo_2inch": "original"}


@pytest.fixture(autouse=True)
def fast_hash(monkeypatch):
    monkeypatch.setenv("CLERK_FAST_HASH", "1")


def _add(ctx, no, name, grants=("*",), substitutes=()):
    return staff.add_staff(ctx, no, name, PW, [ctx.window_id], badge=f"B-{no}", grants=grants,
                           substitutes=substitutes)


def _employment_flow(ctx, name, phone):
    """A complete 就业创业证申领 intake for a citizen, ready to submit."""
    data = {"items": [{"code": EMPLOYMENT}],
            "applicant": {"kind": "person", "name": name, "id_number": "11010519491231002X", "phone": phone},
            "materials": FULL}
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    return flow


@pytest.fixture
def ab(ctx):
    """A = 张三丰 (人社 only) with B = 李四海 (民政 only); B logged in for A, with one case taken for A."""
    _add(ctx, "2002", "李四海", grants=["民政"])
    _add(ctx, "2001", "张三丰", grants=["人社"], substitutes=["2002"])
    b = login(ctx, "2002", PW, on_behalf_of="2001").clerk
    no = submit(ctx, _employment_flow(ctx, "王小明", "13800138000"), b).number
    assert as_json(cases.get_case(ctx, no))["events"][0]["actor"] == "李四海（代张三丰）"
    return b, no


def _events(ctx, no):
    return as_json(cases.get_case(ctx, no))["events"]


def _apply(ctx, roster, version="v2"):
    with ctx.store.transaction() as s:
        staff.apply_roster(s, roster, version, now=ctx.clock())


def _entry(ctx, no, name, grants, substitutes=(), enabled=True):
    return {"staff_no": no, "name": name, "windows": [ctx.window_id], "authorised": list(grants),
            "substitutes": list(substitutes), "enabled": enabled}


def test_disabling_a_ends_the_substitution_of_the_b_standing_in_for_a(ctx, ab):
    b, no = ab
    staff.set_enabled(ctx, "2001", False)
    assert open_sessions(ctx) == []
    with pytest.raises(ActionRefused, match="张三丰（工号2001）的账号已停用.*代岗已结束"):
        perform(ctx, "note", no, b, {"text": "代张三丰补记一条备注"})
    assert len(_events(ctx, no)) == 1


@pytest.mark.parametrize("roster_a", ["absent", "disabled"])
def test_a_roster_retiring_a_mid_session_stops_b_acting_in_as_name(ctx, ab, roster_a):
    b, no = ab
    roster = [_entry(ctx, "2002", "李四海", ["民政"])]
    if roster_a == "disabled":
        roster.append(_entry(ctx, "2001", "张三丰", ["人社"], ["2002"], enabled=False))
    _apply(ctx, roster)
    assert [(x.staff_no, x.on_behalf_of_no) for x in open_sessions(ctx)] == []
    with pytest.raises(ActionRefused, match="代岗已结束"):
        perform(ctx, "note", no, b, {"text": "名册更新后仍以张三丰名义办理"})
    assert len(_events(ctx, no)) == 1


def test_a_roster_retiring_b_ends_bs_own_session(ctx, ab):
    b, no = ab
    _apply(ctx, [_entry(ctx, "2001", "张三丰", ["人社"])])
    assert open_sessions(ctx) == []
    with pytest.raises(ActionRefused, match="您的账号已停用"):
        perform(ctx, "note", no, b, {"text": "账号停用后仍在办理"})


def test_a_b_no_longer_designated_stops_standing_in(ctx, ab):
    b, no = ab
    _add(ctx, "2003", "王五岳")
    staff.set_substitutes(ctx, "2001", ["2003"])
    assert open_sessions(ctx) == []
    with pytest.raises(ActionRefused, match="不再是张三丰（工号2001）指定的 B 角"):
        perform(ctx, "note", no, b, {"text": "已不是 B 角仍在代岗"})
    # the roster dropping the designation does the same
    b = login(ctx, "2003", PW, on_behalf_of="2001").clerk
    _apply(ctx, [_entry(ctx, "2001", "张三丰", ["人社"], ["2002"]), _entry(ctx, "2002", "李四海", ["民政"]),
                 _entry(ctx, "2003", "王五岳", ["*"])])
    assert open_sessions(ctx) == []
    with pytest.raises(ActionRefused, match="代岗已结束"):
        perform(ctx, "note", no, b, {"text": "名册已取消 B 角"})


def test_the_idle_unlock_does_not_resume_a_substitution_that_has_ended(ctx, ab):
    b, _ = ab
    unlock(ctx, b, PW)  # still B for A: fine
    _apply(ctx, [_entry(ctx, "2002", "李四海", ["民政"])])
    with pytest.raises(LoginRefused, match="代岗已结束") as exc:
        unlock(ctx, b, PW)
    assert exc.value.reason == "not_substitute"


def test_a_disabled_account_cannot_be_designated_b(ctx):
    _add(ctx, "2003", "王五岳")
    staff.set_enabled(ctx, "2003", False)
    with pytest.raises(staff.StaffError, match="2003 王五岳的账号已停用"):
        _add(ctx, "2001", "张三丰", substitutes=["2003"])
    _add(ctx, "2001", "张三丰")
    with pytest.raises(staff.StaffError, match="已停用"):
        staff.set_substitutes(ctx, "2001", ["2003"])


def test_a_disabled_b_is_no_cover_on_the_posts_view(ctx):
    _add(ctx, "2002", "李四海")
    _add(ctx, "2001", "张三丰", substitutes=["2002"])
    login(ctx, "2001", PW)
    staff.set_enabled(ctx, "2002", False)  # B retired after being designated
    post = next(p for p in post_status(ctx) if p.staff_no == "2001")
    assert post.substitutes == [] and post.alert


def test_on_behalf_of_without_as_is_refused_not_recorded_as_the_local_clerk(ctx):
    args = Namespace(as_staff=None, on_behalf_of="1001", password_stdin=True)
    with pytest.raises(CommandError, match="--as") as exc:
        current_clerk(args, ctx)
    assert exc.value.code == 2


def test_a_chief_rep_role_withdrawn_mid_session_decides_nothing(ctx, ab):
    from clerk_app.services.case_actions.decide_on_spot import decide_on_spot

    _, no = ab
    staff.authorise(ctx, "2001", ["人社"], chief_rep=True)
    staff.authorise(ctx, "2002", ["民政"], chief_rep=True)
    b = login(ctx, "2002", PW, on_behalf_of="2001").clerk
    assert b.chief_rep
    staff.authorise(ctx, "2001", ["人社"], chief_rep=False)  # the department withdraws A's appointment
    with pytest.raises(ActionRefused, match="首席事务代表资格已被取消"):
        decide_on_spot(ctx, no, b, True, "准予，就业创业证编号 3101070012345")
    assert as_json(cases.get_case(ctx, no))["status"] == "accepted"


def test_a_b_whose_substitution_ended_takes_no_new_intake_for_a(ctx, ab):
    """The same standing check as the case actions, at the intake itself: B, still holding the
    login, cannot open a new case in A's name once A is disabled."""
    b, _ = ab
    staff.set_enabled(ctx, "2001", False)
    flow = _employment_flow(ctx, "赵小红", "13800138001")
    with pytest.raises(IntakeRejected) as exc:
        submit(ctx, flow, b)
    assert [e.field for e in exc.value.errors] == ["clerk"]
    assert "张三丰" in exc.value.errors[0].message or "2001" in exc.value.errors[0].message
