"""AB-role substitution (代岗): allowed for the designated B only, audited either way."""

from __future__ import annotations

import pytest
from records_json import as_json

from clerk_app.intake.request import flow_from_json
from clerk_app.services import cases, staff
from clerk_app.services.intake import IntakeRejected, submit
from clerk_app.services.staff_login import LoginRefused, login, open_sessions, substitutable_for

from .helpers import EMPLOYMENT, FOOD, add, audit_rows, intake_request, take

PW = "secret-pass-1"


@pytest.fixture
def ab(ctx):
    """A = 张三丰 (人社 items, chief rep), B = 李四海 (民政 items, also chief rep), C = 王五岳 (nobody's B)."""
    add(ctx, "2002", "李四海", grants=["民政"], chief_rep=True)
    add(ctx, "2003", "王五岳", grants=["*"])
    add(ctx, "2001", "张三丰", grants=["人社"], substitutes=["2002"], chief_rep=True)


def test_b_stands_in_for_a_with_as_authorisations_and_both_names_recorded(ctx, ab):
    r = login(ctx, "2002", PW, on_behalf_of="2001")
    c = r.clerk
    assert (c.id, c.on_behalf_of_id, c.display) == ("2002", "2001", "李四海（代张三丰）")
    assert c.may_take(EMPLOYMENT) and not c.may_take("000131001000")  # A's 人社, not B's own 民政
    assert c.chief_rep  # both hold it
    entry = audit_rows(ctx)[-1]
    assert (entry.action, entry.actor, entry.detail["on_behalf_of"]) == ("staff.login", "李四海（代张三丰）", "2001")
    [sess] = open_sessions(ctx)
    assert (sess.staff_no, sess.on_behalf_of_no, sess.display) == ("2002", "2001", "李四海（代张三丰）")

    case = as_json(cases.get_case(ctx, take(ctx, c).number))
    assert case["clerk"] == {"id": "2002", "name": "李四海", "badge": "B-2002",
                             "on_behalf_of_id": "2001", "on_behalf_of_name": "张三丰"}
    assert case["events"][0]["actor"] == "李四海（代张三丰）"


def test_someone_who_is_not_the_designated_b_is_refused_and_audited(ctx, ab):
    with pytest.raises(LoginRefused) as exc:
        login(ctx, "2003", PW, on_behalf_of="2001")
    assert exc.value.reason == "not_substitute"
    assert "不是张三丰（工号2001）指定的 B 角" in str(exc.value)
    entry = audit_rows(ctx)[-1]
    assert (entry.action, entry.actor, entry.subject) == ("staff.substitute_refused", "王五岳（工号2003）", "2001")
    assert entry.detail["reason"] == "not_designated"
    assert open_sessions(ctx) == []


def test_a_wrong_password_while_substituting_is_a_failed_login(ctx, ab):
    with pytest.raises(LoginRefused) as exc:
        login(ctx, "2002", "wrong-password", on_behalf_of="2001")
    assert exc.value.reason == "bad_credentials"
    entry = audit_rows(ctx)[-1]
    assert (entry.action, entry.subject, entry.detail["on_behalf_of"]) == ("staff.login_failed", "2002", "2001")


def test_no_substitution_for_a_disabled_holder_oneself_or_away_from_as_window(ctx, ab):
    with pytest.raises(LoginRefused, match="不能为自己代岗"):
        login(ctx, "2001", PW, on_behalf_of="2001")
    add(ctx, "2004", "赵六", grants=["*"], substitutes=["2002"], windows=["005"])
    with pytest.raises(LoginRefused) as away:
        login(ctx, "2002", PW, on_behalf_of="2004")
    assert away.value.reason == "wrong_window"
    staff.set_enabled(ctx, "2001", False)
    with pytest.raises(LoginRefused, match="已停用"):
        login(ctx, "2002", PW, on_behalf_of="2001")
    reasons = [a.detail["reason"] for a in audit_rows(ctx) if a.action == "staff.substitute_refused"]
    assert reasons == ["self", "wrong_window", "no_such_holder"]


def test_b_may_stand_in_at_as_window_even_when_not_posted_there(ctx):
    add(ctx, "2002", "李四海", grants=["民政"], windows=["004"])
    add(ctx, "2001", "张三丰", grants=["人社"], substitutes=["2002"])
    with pytest.raises(LoginRefused):
        login(ctx, "2002", PW)  # not B's own window
    assert login(ctx, "2002", PW, on_behalf_of="2001").clerk.on_behalf_of_id == "2001"


def test_the_substitute_choice_lists_only_those_who_designated_this_b_here(ctx, ab):
    add(ctx, "2005", "孙八", grants=["*"], substitutes=["2003", "2002"])
    add(ctx, "2006", "周九", grants=["*"], substitutes=["2002"], windows=["009"])  # another window
    assert substitutable_for(ctx, "2002") == [("2001", "张三丰（工号2001）"), ("2005", "孙八（工号2005）")]
    assert substitutable_for(ctx, "2003") == [("2005", "孙八（工号2005）")]
    assert substitutable_for(ctx, "2001") == []
    assert substitutable_for(ctx, "no such; drop table") == []


def test_chief_rep_powers_need_both_a_and_b_to_hold_them(ctx):
    add(ctx, "2002", "李四海", grants=["*"])  # not a chief rep
    add(ctx, "2001", "张三丰", grants=["*"], substitutes=["2002"], chief_rep=True)
    assert login(ctx, "2001", PW).clerk.chief_rep
    assert not login(ctx, "2002", PW, on_behalf_of="2001").clerk.chief_rep


def test_intake_as_substitute_is_limited_to_as_items(ctx, ab):
    c = login(ctx, "2002", PW, on_behalf_of="2001").clerk
    flow, _ = flow_from_json(intake_request(code=FOOD), ctx.catalogue, ctx.calendar, ctx.clock())
    with pytest.raises(IntakeRejected) as exc:
        submit(ctx, flow, c)
    assert [e.field for e in exc.value.errors if "未获授权" in e.message] == ["items[0]"]
    assert as_json(cases.list_cases(ctx)) == [] and as_json(cases.list_notices(ctx)) == []
