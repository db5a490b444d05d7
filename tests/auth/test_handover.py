"""When A returns, A sees what B did in A's place, once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.services import cases
from clerk_app.services.case_actions import hand_out
from clerk_app.services.staff_login import acknowledge_handover, login, logout

from .helpers import actions, add, take

PW = "secret-pass-1"


@pytest.fixture
def ab(ctx):
    add(ctx, "2002", "李四海", grants=["*"])
    add(ctx, "2001", "张三丰", grants=["人社"], substitutes=["2002"])


def _ready_for_pickup(ctx, clerk) -> str:
    """A case taken earlier by A, decided by the back office, now waiting at the window."""
    no = take(ctx, clerk).number
    cases.transition(ctx, no, CaseStatus.APPROVED, LOCAL_CLERK)
    cases.transition(ctx, no, CaseStatus.RESULT_READY, LOCAL_CLERK)
    return no


def test_a_sees_cases_notices_and_handouts_b_did_in_as_place(ctx, ab, clock):
    a = login(ctx, "2001", PW).clerk
    earlier = _ready_for_pickup(ctx, a)
    logout(ctx, a)

    clock.now += timedelta(hours=1)
    b = login(ctx, "2002", PW, on_behalf_of="2001").clerk
    case_no = take(ctx, b).number
    notice_no = take(ctx, b, kind="notice").number
    clock.now += timedelta(minutes=5)
    hand_out.hand_out(ctx, earlier, b, "王小明")
    logout(ctx, b)
    b_own = login(ctx, "2002", PW).clerk  # B back at B's own post: not A's business
    take(ctx, b_own)
    logout(ctx, b_own)

    clock.now += timedelta(hours=1)
    r = login(ctx, "2001", PW)
    h = r.handover
    assert h is not None and h.holder_no == "2001"
    assert [(x.staff_no, x.name) for x in h.shifts] == [("2002", "李四海")]
    assert [c["case_no"] for c in h.cases] == [case_no]
    assert h.cases[0]["by"] == "李四海" and h.cases[0]["applicant"] == "王小明"
    assert [n["notice_no"] for n in h.notices] == [notice_no] and h.notices[0]["missing"] == 1
    assert [(x["case_no"], x["status"]) for x in h.handouts] == [(earlier, "handed_out")]
    assert "领取人：王小明" in h.handouts[0]["note"]
    assert h.other_actions == []
    assert h.headline() == "您不在岗期间，李四海 代您顶岗：收件 1 件，一次性告知 1 份，出件 1 件，其他办理 0 项。"
    text = "\n".join(h.lines())
    assert case_no in text and notice_no in text and earlier in text

    acknowledge_handover(ctx, r.clerk, h)
    assert "staff.handover" in actions(ctx)
    logout(ctx, r.clerk)
    assert login(ctx, "2001", PW).handover is None  # seen once, not again


def test_no_summary_when_nobody_stood_in(ctx, ab):
    assert login(ctx, "2001", PW).handover is None


def test_the_substitute_does_not_get_the_summary(ctx, ab):
    b = login(ctx, "2002", PW, on_behalf_of="2001").clerk
    take(ctx, b)
    assert login(ctx, "2002", PW, on_behalf_of="2001").handover is None
    assert login(ctx, "2002", PW).handover is None


def test_work_after_the_acknowledged_summary_shows_next_time(ctx, ab, clock):
    b = login(ctx, "2002", PW, on_behalf_of="2001").clerk
    first = take(ctx, b).number
    clock.now += timedelta(minutes=10)
    r = login(ctx, "2001", PW)
    acknowledge_handover(ctx, r.clerk, r.handover)
    clock.now += timedelta(minutes=10)
    b = login(ctx, "2002", PW, on_behalf_of="2001").clerk
    second = take(ctx, b).number
    clock.now += timedelta(minutes=10)
    h = login(ctx, "2001", PW).handover
    assert [c["case_no"] for c in h.cases] == [second] and first != second
