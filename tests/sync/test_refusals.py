"""What the centre refuses, or the window cannot apply, is kept and shown, never dropped."""

from __future__ import annotations

from records_json import as_json
from sqlalchemy import func, select

from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.services import cases as case_service
from clerk_app.store import outbox
from clerk_app.store import sync_state as state
from clerk_app.store.models import OutboxEntry
from clerk_app.sync import engine
from clerk_app.sync.engine import run_round
from clerk_app.sync.status import read_status

from .conftest import make_case


def _issues(ctx):
    with ctx.store.read() as s:
        return [(i.direction, i.status, i.kind, i.reason, i.payload) for i in state.open_issues(s)]


def test_withdrawal_racing_a_decision_is_reported_on_both_sides(window, central):
    no = make_case(window)
    run_round(window)
    central.decide(no, "approve")  # the back office decides...
    case_service.transition(window, no, "withdrawn", LOCAL_CLERK, "申请人撤回")  # ...while the applicant withdraws

    report = run_round(window)

    assert report.refused == 1 and report.not_applied == {"decisions": 1}
    issues = _issues(window)
    assert {(d, s, k) for d, s, k, _r, _p in issues} == {("push", "rejected", "case_event"),
                                                         ("pull", "not_applied", "decisions")}
    pushed = next(i for i in issues if i[0] == "push")
    assert pushed[4]["to"] == "withdrawn", "the refused change is kept with its content"
    assert "已办结（准予）" in pushed[3]
    st = read_status(window)
    assert st.issues == 2 and st.waiting == 0
    assert central.scalar("SELECT status FROM cases WHERE case_no = :n", n=no) == "approved"
    assert as_json(case_service.get_case(window, no))["status"] == "withdrawn"


def test_an_entry_the_centre_forbids_does_not_block_the_others(window, central):
    first = make_case(window)
    with window.store.transaction() as s:
        outbox.enqueue(s, "print", "p1", {"number": "S310107010992611230001"})  # another window's number
    second = make_case(window)

    report = run_round(window)

    assert report.ok and report.pushed == 2 and report.refused == 1
    assert central.scalar("SELECT count(*) FROM cases WHERE case_no IN (:a, :b)", a=first, b=second) == 2
    [(direction, status, kind, reason, payload)] = _issues(window)
    assert (direction, status, kind) == ("push", "rejected", "print") and "其他窗口" in reason
    assert payload == {"number": "S310107010992611230001"}
    with window.store.read() as s:
        assert s.execute(select(func.count()).select_from(OutboxEntry)).scalar() == 0


def test_an_outdated_window_is_told_to_upgrade_and_keeps_its_cases(window, central, monkeypatch):
    make_case(window)
    monkeypatch.setattr(engine, "PROTOCOL_VERSION", 0)

    report = run_round(window)

    assert not report.ok and "请安装新版本" in report.error
    st = read_status(window)
    assert st.waiting == 1 and "请安装新版本" in st.last_error
    assert central.scalar("SELECT count(*) FROM changes") == 0


def test_clock_skew_is_warned_and_shown(window, central, monkeypatch):
    real = engine._device_now
    monkeypatch.setattr(engine, "_device_now", lambda: real() + 600)  # ten minutes fast

    report = run_round(window)

    assert report.ok and 590 < report.clock_skew_seconds < 610
    st = read_status(window)
    assert 590 < st.clock_skew_seconds < 610
    assert any("时钟" in n and "10 分钟" in n for n in st.notices)


def test_a_count_mismatch_with_the_centre_is_shown(window, central):
    make_case(window)
    run_round(window)
    assert read_status(window).tally_mismatch == []
    with central.engine.begin() as conn:  # the centre lost a case (restored from an old dump, say)
        conn.exec_driver_sql("DELETE FROM case_events")
        conn.exec_driver_sql("DELETE FROM cases")
    with window.store.transaction() as s:
        state.put(s, state.TALLY_AT, None)

    run_round(window)

    [line] = read_status(window).tally_mismatch
    assert line.startswith("2026-11-23") and "本机办件 1 件" in line and "中心 0 件" in line
