"""A substitute (B for A) sees A's open cases and A's results waiting to be handed out."""

from __future__ import annotations

from datetime import datetime

from store.samples import sign_accepted, submit_request

from clerk_app.domain.case import CaseStatus
from clerk_app.services import cases, staff_login, worklist
from clerk_app.services.case_actions import hand_out
from clerk_app.services.worklist import Filter


def _day_before_with_cases(ctx, clock, a):
    """Yesterday A took in three cases: one still with the back office, one ready, one collected."""
    clock.now = datetime(2026, 11, 20, 10, 0)
    open_no = submit_request(ctx, sign_accepted(), a).number
    ready_no = submit_request(ctx, sign_accepted(), a).number
    done_no = submit_request(ctx, sign_accepted(), a).number
    for no in (ready_no, done_no):
        cases.transition(ctx, no, CaseStatus.APPROVED, a, "准予")
        cases.transition(ctx, no, CaseStatus.RESULT_READY, a)
    hand_out.hand_out(ctx, done_no, a, "张三")
    clock.now = datetime(2026, 11, 23, 9, 0)
    return open_no, ready_no, done_no


def test_b_standing_in_for_a_sees_as_open_cases_and_results_to_hand_out(ctx, clock):
    a = staff_login.login(ctx, "1001", "zs123456").clerk
    open_no, ready_no, done_no = _day_before_with_cases(ctx, clock, a)
    staff_login.logout(ctx, a, "test")
    b_alone = staff_login.login(ctx, "1002", "ls123456").clerk
    assert [r.case_no for r in worklist.my_cases(ctx, b_alone.id, also_for=b_alone.on_behalf_of_id)] == []
    staff_login.logout(ctx, b_alone, "test")

    b = staff_login.login(ctx, "1002", "ls123456", on_behalf_of="1001").clerk
    assert b.on_behalf_of_id == "1001"
    rows = worklist.my_cases(ctx, b.id, also_for=b.on_behalf_of_id)
    assert {r.case_no for r in rows} == {open_no, ready_no}  # not the one already collected
    assert [r.case_no for r in worklist.filter_rows(rows, Filter.READY)] == [ready_no]
    assert [r.case_no for r in worklist.filter_rows(rows, Filter.OPEN)] == [open_no]
    b_own = submit_request(ctx, sign_accepted(), b).number  # what B takes in today for A shows too
    assert {r.case_no for r in worklist.my_cases(ctx, b.id, also_for=b.on_behalf_of_id)} == {
        open_no, ready_no, b_own}


def test_the_work_list_of_a_substitute_shows_as_cases(ctx, clock, qtbot):
    from clerk_app.ui.worklist_view import TodayView

    a = staff_login.login(ctx, "1001", "zs123456").clerk
    open_no, ready_no, _ = _day_before_with_cases(ctx, clock, a)
    b = staff_login.login(ctx, "1002", "ls123456", on_behalf_of="1001").clerk
    view = TodayView(ctx, b)
    qtbot.addWidget(view)
    view.refresh()
    shown = {view.cases.item(i, 0).text() for i in range(view.cases.rowCount())}
    assert shown == {open_no, ready_no}
    view.filter.setCurrentIndex(view.filter.findData(Filter.READY.value))
    assert [view.cases.item(i, 0).text() for i in range(view.cases.rowCount())] == [ready_no]
