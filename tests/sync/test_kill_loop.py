"""SIGKILL the window process at random points of intake, push and pull, many times; restart
and converge: every case the clerk saw as saved is at the centre exactly once, and the local
and central counts (cases, decisions, audit rows) match."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import keyring
import pytest
import server_harness as testing
from keyring.backends import fail
from sqlalchemy import func, select

from clerk_app.services.context import open_context
from clerk_app.store import audit, counters, outbox
from clerk_app.store.models import AuditEntry, Case
from clerk_app.store.sync_models import SyncIssue
from clerk_app.sync.engine import run_round

from .conftest import README_REQUEST, attach

HERE = Path(__file__).parent
KILLS = int(os.environ.get("CLERK_KILL_LOOPS", "50"))


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_sigkill_loop_converges_exactly_once(clerk_home, one_server_url, tmp_path):
    server_url = one_server_url
    server_engine = testing.make_engine(testing.normalise_url(server_url))
    # The window processes have no keyring: the token goes to the private file fallback.
    keyring.set_keyring(fail.Keyring())
    ctx = open_context()
    slow = {"PYTHONPATH": str(HERE), "CLERK_FAULT": "slow", "CLERK_FAULT_DELAY": "0.04"}
    server = testing.ProcessServer(server_url, factory="fault_app:create", env=slow,
                                   log=tmp_path / "server.log").start()
    central = _Central(server_engine, server.url)
    attach(ctx, server.url, central.token(ctx.window_id))
    window_id = ctx.window_id
    ctx.close()

    journal = tmp_path / "journal.txt"
    env = {**os.environ, "KILL_REQUEST": json.dumps(README_REQUEST), "KILL_JOURNAL": str(journal),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    zygote = subprocess.Popen([sys.executable, str(HERE / "kill_child.py")], env=env, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, start_new_session=True)
    rng = random.Random(20261123)
    decided: set[str] = set()
    try:
        assert zygote.stdout.readline().strip() == "ready"
        for i in range(KILLS):
            zygote.stdin.write(f"go {i}\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            time.sleep(rng.uniform(0.05, 0.6))  # the random kill point (fault injection, not synchronisation)
            os.kill(pid, signal.SIGKILL)
            if i % 4 == 0:
                decided |= central.decide_some(window_id, rng)
        zygote.stdin.write("quit\n")
        zygote.stdin.flush()
        zygote.wait(10)

        ctx = open_context()  # restart, then converge
        try:
            report = _converge(ctx)
            if not decided:
                # On a loaded machine the children may have pushed nothing before the decision
                # points; decide after the first convergence so the decision stream is still proved.
                decided |= central.decide_some(window_id, rng)
                report = _converge(ctx)
            assert report.ok, report.lines()
            _assert_converged(ctx, server_engine, window_id, journal, decided)
        finally:
            ctx.close()
    finally:
        if zygote.poll() is None:
            os.killpg(zygote.pid, signal.SIGKILL)
        server.stop()
        server_engine.dispose()


def _converge(ctx):
    for _ in range(10):
        report = run_round(ctx)
        with ctx.store.read() as s:
            waiting = outbox.stats(s)[0]
        if report.ok and waiting == 0 and report.pushed == 0 and not report.pulled:
            break
    return report


def _assert_converged(ctx, engine, window_id: str, journal: Path, decided: set[str]) -> None:
    seen = [ln for ln in journal.read_text().split("\n")[:-1] if ln]  # complete lines only
    with engine.connect() as conn:
        central = list(conn.exec_driver_sql(f"SELECT case_no FROM cases WHERE window_id = '{window_id}'").scalars())
        approved = set(conn.exec_driver_sql("SELECT case_no FROM cases WHERE status = 'approved'").scalars())
        seqs = sorted(conn.exec_driver_sql("SELECT seq FROM changes").scalars())
        audit_rows = conn.exec_driver_sql("SELECT count(*) FROM audit_entries").scalar()
    with ctx.store.read() as s:
        local = set(s.execute(select(Case.case_no)).scalars())
        local_approved = set(s.execute(select(Case.case_no).where(Case.status == "approved")).scalars())
        issued = counters.peek(s, outbox.OUTBOX_COUNTER)
        local_audit = s.execute(select(func.count()).select_from(AuditEntry)).scalar()
        issues = s.execute(select(func.count()).select_from(SyncIssue)).scalar()
        n, problems = audit.verify(s)
    assert len(seen) >= KILLS // 4, "the loop should have saved a fair number of cases"
    assert set(seen) <= set(central), "a case the clerk saw as saved is missing at the centre"
    assert len(central) == len(set(central)), "a case arrived twice"
    assert set(central) == local and len(local) >= len(seen)
    assert seqs == list(range(1, issued + 1)), "every change arrived once, none lost"
    assert decided and local_approved == approved == decided
    assert audit_rows == local_audit == n and not problems
    assert issues == 0


class _Central:
    """Admin and back-office actions on the server under test (the server runs in a subprocess)."""

    def __init__(self, engine, url: str):
        self.engine, self.url = engine, url
        self._bo: str | None = None

    def token(self, window_id: str) -> str:
        from clerk_app.server import windows

        with self.engine.begin() as conn:
            code = windows.add_window(conn, window_id)
        with self.engine.begin() as conn:
            return windows.enroll(conn, code)[2]

    def decide_some(self, window_id: str, rng: random.Random) -> set[str]:
        """Approve one or two cases that reached the centre, through the back-office API."""
        import httpx

        from clerk_app.server import windows

        if self._bo is None:
            with self.engine.begin() as conn:
                self._bo = windows.add_back_office(conn, "测试审批部门")
        with self.engine.connect() as conn:
            open_ = list(conn.exec_driver_sql(
                f"SELECT case_no FROM cases WHERE window_id = '{window_id}' AND status = 'accepted_tolerated' "
                "ORDER BY case_no").scalars())
        done = set()
        with httpx.Client(base_url=self.url, headers={"Authorization": f"Bearer {self._bo}"}) as c:
            for no in rng.sample(open_, min(2, len(open_))):
                r = c.post("/v1/backoffice/decisions", json={"decision_id": f"kill-{no}", "case_no": no,
                                                             "action": "approve"})
                assert r.status_code == 200, r.text
                done.add(no)
        return done
