"""One bad entry never blocks a window (issue 12): the centre refuses it alone, the window sets it
aside as a sync issue, says so, goes on with the rest; an admin resends or sets it aside."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from clerk_app.domain.people import Clerk
from clerk_app.services import sync_issues
from clerk_app.store.audit import verify
from clerk_app.store.models import AuditEntry
from clerk_app.sync.engine import run_round
from clerk_app.sync.status import read_status

from .conftest import make_case

LONG_NAMED = Clerk(id="x", name="张" * 201, badge="999")


def _submit(ctx, clerk) -> str:
    from clerk_app.intake.request import flow_from_json
    from clerk_app.services.intake import submit

    from .conftest import README_REQUEST

    flow, errors = flow_from_json(README_REQUEST, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errors
    return submit(ctx, flow, clerk).number


def test_a_staff_name_over_200_characters_does_not_block_the_window(window, central):
    bad = _submit(window, LONG_NAMED)
    good = make_case(window)

    report = run_round(window)

    assert report.ok, report.lines()
    assert report.refused == 1
    st = read_status(window)
    assert st.waiting == 0 and st.issues == 1
    assert "已另存待管理员处理" in st.summary()
    [issue] = sync_issues.list_issues(window)
    assert issue["kind"] == "case" and issue["subject"] == bad and "actor" in issue["reason"]
    assert central.scalar("SELECT count(*) FROM cases WHERE case_no = :n", n=good) == 1
    assert central.scalar("SELECT count(*) FROM cases WHERE case_no = :n", n=bad) == 0
    # the audit log (which names the long-named clerk) reached the centre whole
    with window.store.read() as s:
        local_audit = s.execute(select(AuditEntry)).scalars().all()
    assert central.scalar("SELECT count(*) FROM audit_entries") == len(local_audit)

    done = sync_issues.set_aside(window, issue["id"], "工作人员姓名录入错误，已线下报送", "管理员")
    assert done["resolution"] == "set_aside"
    assert read_status(window).issues == 0
    with window.store.read() as s:
        assert verify(s)[1] == []
        last = s.execute(select(AuditEntry).order_by(AuditEntry.seq.desc())).scalars().first()
    assert last.action == "sync.issue_set_aside" and last.detail["reason"].startswith("工作人员姓名")


def test_a_refused_case_is_resent_after_the_fix(window, central, monkeypatch):
    from sqlalchemy.exc import DataError

    from clerk_app.server import push

    real = push._HANDLERS["case"]
    broken = {"on": True}

    def refusing(conn, window_id, items, now):  # e.g. a centre bug, fixed later
        if broken["on"]:
            raise DataError("INSERT", {}, ValueError("boom"))
        return real(conn, window_id, items, now)

    monkeypatch.setitem(push._HANDLERS, "case", refusing)
    no = make_case(window)
    run_round(window)
    [issue] = sync_issues.list_issues(window)
    assert "数据库" in issue["reason"]
    assert central.scalar("SELECT count(*) FROM cases") == 0

    broken["on"] = False
    sync_issues.resend(window, issue["id"][:8], "管理员")
    report = run_round(window)

    assert report.ok and read_status(window).issues == 0 and read_status(window).waiting == 0
    assert central.scalar("SELECT count(*) FROM cases WHERE case_no = :n", n=no) == 1
    with pytest.raises(sync_issues.IssueError):
        sync_issues.resend(window, issue["id"], "管理员")  # already handled


def test_set_aside_needs_a_reason(window, central):
    _submit(window, LONG_NAMED)
    run_round(window)
    [issue] = sync_issues.list_issues(window)
    with pytest.raises(sync_issues.IssueError, match="理由"):
        sync_issues.set_aside(window, issue["id"], " ", "管理员")


def test_clerk_sync_issues_lists_resends_and_sets_aside(window, central, capsys):
    from clerk_app.cli import main

    bad = _submit(window, LONG_NAMED)
    run_round(window)
    window.close()  # the command opens its own context on the same folder

    assert main(["sync", "--issues"]) == 0
    out = capsys.readouterr().out
    assert bad in out and "中心拒收" in out and "actor" in out
    issue_id = out.split()[0]

    assert main(["sync", "--set-aside", issue_id]) == 1
    assert "理由" in capsys.readouterr().err
    assert main(["sync", "--set-aside", issue_id, "--reason", "姓名录入错误，线下处理"]) == 0
    assert "已搁置" in capsys.readouterr().out
    assert main(["sync", "--issues"]) == 0
    assert "没有待处理的同步问题" in capsys.readouterr().out
    assert main(["sync", "--issues", "--all", "--json"]) == 0
    [row] = __import__("json").loads(capsys.readouterr().out)
    assert row["resolution"] == "set_aside" and row["resolution_note"] == "姓名录入错误，线下处理"
    assert main(["sync", "--resend", issue_id]) == 1  # already handled


def test_a_centre_that_fails_with_500_on_one_entry_does_not_block_the_rest(window, central, monkeypatch):
    """An older (or buggy) centre answering 500 to any batch with a poisoned entry: the window
    narrows down, sets that entry aside after repeated failures, and the others arrive."""
    from clerk_app.server import push as server_push

    real = server_push.apply_push
    poisoned: set[str] = set()

    def choking(conn, caller, req):
        if any(c.entity_id in poisoned for c in req.changes):
            raise RuntimeError("unexpected")
        return real(conn, caller, req)

    monkeypatch.setattr(server_push, "apply_push", choking)
    from clerk_app.server import api  # the endpoint calls push.apply_push through the module

    assert api.push is server_push
    bad = make_case(window)
    with window.store.read() as s:
        from clerk_app.store.models import Case

        poisoned.add(s.execute(select(Case.id).where(Case.case_no == bad)).scalar_one())
    good = make_case(window)

    for _ in range(3):
        run_round(window)

    assert central.scalar("SELECT count(*) FROM cases WHERE case_no = :n", n=good) == 1
    [issue] = sync_issues.list_issues(window)
    assert issue["subject"] == bad and "多次出错" in issue["reason"]
    assert read_status(window).waiting == 0


def test_a_batch_is_cut_to_fit_the_centre_s_body_limit(window, central):
    from clerk_app.sync import push

    for _ in range(3):
        make_case(window)
    rows = push.read_batch(window, 500)
    now = datetime.now(UTC)
    whole = len(push.encode("12345678901", rows, now))
    assert len(rows) == 3 and len(push.read_batch(window, 500, max_bytes=4 * whole)) == 3
    limit = len(push.encode("12345678901", rows[:2], now)) + 10
    cut = push.read_batch(window, 500, max_bytes=limit)
    assert 1 <= len(cut) < 3 and len(push.encode("12345678901", cut, now)) <= limit
    assert len(push.read_batch(window, 500, max_bytes=10)) == 1  # always at least one


def test_a_centre_failing_every_push_sets_nothing_aside(window, central, monkeypatch):
    """A 500 for everything is the centre's fault, not an entry's: nothing leaves the outbox."""
    from clerk_app.server import push as server_push

    def broken(conn, caller, req):
        raise RuntimeError("misconfigured")

    monkeypatch.setattr(server_push, "apply_push", broken)
    for _ in range(3):
        make_case(window)
    for _ in range(5):
        assert not run_round(window).ok
    st = read_status(window)
    assert st.issues == 0 and st.waiting == 3


def test_an_unreachable_database_is_a_503_to_retry_not_a_500(server_engine, monkeypatch):
    from sqlalchemy.exc import OperationalError
    from starlette.testclient import TestClient

    from clerk_app.server.api import create_app
    from clerk_app.server.guard import BodyGuard

    def down(self, authorization):
        raise OperationalError("SELECT", {}, ConnectionRefusedError("db down"))

    monkeypatch.setattr(BodyGuard, "_check_token", down)
    with TestClient(create_app(server_engine), raise_server_exceptions=False) as c:
        resp = c.post("/v1/push", content=b"{}", headers={"Authorization": "Bearer x"})
    assert resp.status_code == 503 and resp.json()["code"] == "unavailable"
