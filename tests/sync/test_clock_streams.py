"""补正 and special procedures reach the window by the decisions stream and move its clock."""

from __future__ import annotations

import json
from datetime import timedelta

from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.services import cases as case_service
from clerk_app.services import clock as clock_service
from clerk_app.services.case_actions.supplement import record_supplement
from clerk_app.sync.engine import run_round

from .conftest import make_case


def _special(central, case_no, **fields):
    with central.back_office() as bo:
        return bo.post("/v1/backoffice/decisions", json={
            "decision_id": "dept-sp-" + case_no[-6:] + fields.get("procedure", ""), "case_no": case_no,
            "action": "special_procedure", **fields})


def test_a_correction_suspends_the_clock_until_the_supplement_and_the_centre_sees_the_new_date(
        window, central, clock):
    no = make_case(window)
    before = case_service.get_case(window, no)
    assert run_round(window).ok
    # the food licence case is 容缺受理; the back office first takes the tolerated materials as given
    assert central.decide(no, "supplement", missing=["食品安全管理制度（修订版）", "从业人员健康证明"]).status_code == 200
    assert run_round(window).ok
    case = case_service.get_case(window, no)
    asked = case.open_correction()
    assert asked is not None and asked.missing == ["食品安全管理制度（修订版）", "从业人员健康证明"]
    assert case.due_date is None  # suspended: no date while the applicant is to bring the supplement
    shown = clock_service.view(window.calendar, case, clock.now.date())
    assert shown.paused and "暂停计时" in shown.due_text and shown.days_left is not None

    clock.now = max(clock.now, case.events[-1].at) + timedelta(days=2)
    after = record_supplement(window, no, LOCAL_CLERK, ["missing:0", "missing:1"], forms="missing:1=copy:3")
    got = clock.now.date()
    assert after.status.value == "in_review" and after.open_correction() is None
    assert after.due_date == window.calendar.add_working_days(got, shown.days_left).due
    assert before.due_date is not None and after.due_date >= before.due_date
    stop = after.clock_stops[0]
    assert (stop.end, [(p.form, p.count) for p in stop.received]) == (got, [("original", 1), ("copy", 3)])

    assert run_round(window).ok
    data = central.scalar("SELECT c.payload FROM changes c JOIN cases k ON k.data_change_id = c.change_id "
                          "WHERE k.case_no = :n", n=no)
    data = data if isinstance(data, dict) else json.loads(data)
    assert data["due_date"] == after.due_date.isoformat()


def test_special_procedure_days_are_added_to_the_due_date_at_the_window(window, central):
    no = make_case(window)
    assert run_round(window).ok
    case = case_service.get_case(window, no)
    start = case.received_at.date() + timedelta(days=1)
    assert _special(central, no, procedure="expert_review", start=start.isoformat(), days=4,
                    note="组织专家评审").status_code == 200
    assert run_round(window).ok
    after = case_service.get_case(window, no)
    assert after.due_date == window.calendar.add_working_days(case.due_date, 4).due
    assert after.status == case.status  # no status move
    assert any("专家评审" in t for t in clock_service.view(window.calendar, after, start).stops)
    # the same decision pulled again changes nothing
    assert run_round(window).ok and case_service.get_case(window, no).due_date == after.due_date


def test_clerk_server_decide_records_a_special_procedure_and_refuses_a_bad_one(window, central, server_url,
                                                                               capsys):
    from clerk_app.cli import main

    no = make_case(window)
    assert run_round(window).ok
    start = case_service.get_case(window, no).received_at.date() + timedelta(days=1)
    code = main(["server", "decide", "--db", server_url, no, "special_procedure", "--procedure", "testing",
                 "--start", start.isoformat(), "--end", (start - timedelta(days=1)).isoformat()])
    _out, err = capsys.readouterr()
    assert code == 1 and "end：结束日期" in err and "早于开始日期" in err
    code = main(["server", "decide", "--db", server_url, no, "special_procedure", "--procedure", "testing",
                 "--start", "2026-13-01", "--days", "2"])
    _out, err = capsys.readouterr()
    assert code == 1 and "start" in err
    code = main(["server", "decide", "--db", server_url, no, "special_procedure", "--procedure", "testing",
                 "--start", start.isoformat(), "--days", "2"])
    out, err = capsys.readouterr()
    assert code == 0 and "已记录特别程序" in out, err
    assert central.scalar("SELECT count(*) FROM stream_items WHERE stream = 'decisions'") == 1
