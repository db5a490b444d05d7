"""One sync round end to end: a case saved at the window arrives at the centre exactly once."""

from __future__ import annotations

from sqlalchemy import func, select

from clerk_app.store.models import OutboxEntry
from clerk_app.sync.engine import run_round
from clerk_app.sync.status import read_status

from .conftest import make_case


def test_case_arrives_once_and_outbox_empties(window, central):
    no = make_case(window)
    before = read_status(window)
    assert before.waiting == 1 and before.waiting_cases == 1 and before.waiting_since is not None

    report = run_round(window)

    assert report.ok, report.lines()
    assert report.pushed == 1 and report.refused == 0
    assert central.scalar("SELECT count(*) FROM cases WHERE case_no = :no", no=no) == 1
    assert central.scalar("SELECT status FROM cases WHERE case_no = :no", no=no) == "accepted_tolerated"
    with window.store.read() as s:
        assert s.execute(select(func.count()).select_from(OutboxEntry)).scalar() == 0
    after = read_status(window)
    assert after.state == "online" and after.waiting == 0 and after.last_error is None
    assert after.last_success is not None


def test_second_round_sends_nothing_again(window, central):
    make_case(window)
    run_round(window)
    report = run_round(window)
    assert report.ok and report.pushed == 0 and report.duplicates == 0
    assert central.scalar("SELECT count(*) FROM changes") == 1


def test_audit_log_replicates_with_its_chain(window, central):
    make_case(window)
    make_case(window)
    report = run_round(window)
    from clerk_app.store.models import AuditEntry

    with window.store.read() as s:
        local = s.execute(select(func.count()).select_from(AuditEntry)).scalar()
    assert report.audit_sent == local
    assert central.scalar("SELECT count(*) FROM audit_entries WHERE window_id = :w", w=window.window_id) == local
