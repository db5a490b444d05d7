"""The background worker: syncs on its own timer, backs off when the centre is away, and
retries by itself (no new local write needed), never blocking the caller."""

from __future__ import annotations

import queue

import pytest
import server_harness as testing

from clerk_app.server.api import create_app
from clerk_app.sync import worker as worker_mod
from clerk_app.sync.status import read_status
from clerk_app.sync.worker import SyncWorker, backoff_delay

from .conftest import attach, central_token, make_case


class Rounds:
    """Collects the worker's round callbacks so a test can wait for them (no sleeping)."""

    def __init__(self):
        self.q: queue.Queue = queue.Queue()

    def __call__(self, report, status):
        self.q.put((report, status))

    def next(self, timeout: float = 20.0):
        return self.q.get(timeout=timeout)

    def until(self, pred, timeout: float = 20.0):
        while True:
            item = self.next(timeout)
            if pred(*item):
                return item


def test_backoff_grows_and_is_capped():
    import random

    rng = random.Random(1)
    delays = [backoff_delay(n, rng) for n in range(1, 10)]
    assert 0.8 <= delays[0] <= 1.2 and 1.6 <= delays[1] <= 2.4
    assert all(d <= 60 * 1.2 for d in delays) and delays[-1] >= 48


def test_worker_pushes_after_a_trigger_and_reports_status(window, central):
    rounds = Rounds()
    w = SyncWorker(lambda: window, interval=3600, on_round=rounds, close_context=False)
    w.start()
    try:
        rounds.next()  # the first round runs at once
        no = make_case(window)
        w.trigger()
        report, status = rounds.next()
    finally:
        w.stop()
    assert not w.running
    assert report.ok and report.pushed == 1
    assert status.state == "online" and status.waiting == 0
    assert central.scalar("SELECT count(*) FROM cases WHERE case_no = :n", n=no) == 1
    assert w.status().summary().startswith("在线")


def test_worker_retries_on_its_own_once_the_centre_is_back(ctx, server_engine, monkeypatch):
    monkeypatch.setattr(worker_mod, "MIN_BACKOFF", 0.05)
    monkeypatch.setattr(worker_mod, "MAX_BACKOFF", 0.2)
    token = central_token(server_engine, ctx.window_id)
    port = testing.free_port()
    attach(ctx, f"http://127.0.0.1:{port}", token)
    no = make_case(ctx)
    rounds = Rounds()
    w = SyncWorker(lambda: ctx, interval=3600, on_round=rounds, close_context=False)
    w.start()
    server = None
    try:
        rounds.next()
        _report, status = rounds.next()  # a second, unprompted attempt: the retry timer works
        assert status.state == "offline" and status.waiting == 1 and "无法连接" in status.last_error
        assert w.failures >= 2
        server = testing.ThreadServer(create_app(server_engine), port=port).start()
        report, status = rounds.until(lambda r, s: r.ok)  # no trigger, no new intake
    finally:
        w.stop()
        if server:
            server.stop()
    assert report.pushed == 1 and status.state == "online" and status.waiting == 0
    with server_engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT case_no FROM cases").scalars().all() == [no]


def test_stop_does_not_wait_for_the_next_interval(window, central):
    rounds = Rounds()
    w = SyncWorker(lambda: window, interval=3600, on_round=rounds, close_context=False)
    w.start()
    rounds.next()
    w.stop(timeout=5)
    assert not w.running


def test_not_enrolled_is_a_state_not_an_error(ctx):
    st = read_status(ctx)
    assert st.state == "not_enrolled" and "尚未登记" in st.last_error
    assert st.summary().startswith("未登记中心")



pytestmark = pytest.mark.timeout(120)


# -- an interval the settings should never hold (a settings file edited by hand, a bug) ----------------

@pytest.mark.parametrize(("given", "used"), [
    (-1, 1.0), (0, 1.0), (0.001, 1.0), (float("nan"), 5.0), (float("inf"), 5.0), (float("-inf"), 5.0),
    (1e308, 3600.0), (True, 5.0), ("5", 5.0), (None, 5.0), (30, 30.0),
])
def test_the_interval_is_clamped_to_a_finite_sane_range(given, used):
    assert worker_mod.sane_interval(given) == used


@pytest.mark.parametrize("interval", [-1.0, 0.0, float("nan"), float("inf")])
def test_a_bad_interval_in_the_settings_neither_spins_nor_kills_the_worker(interval, monkeypatch):
    """-1, 0 and nan made Event.wait return at once (a round after round against the centre);
    inf raised OverflowError and ended the sync thread."""
    import time
    from types import SimpleNamespace

    from clerk_app.sync.engine import RoundReport

    monkeypatch.setattr(worker_mod, "run_round", lambda ctx, transport=None: RoundReport(state="online", ok=True))
    monkeypatch.setattr(worker_mod, "read_status", lambda ctx: None)
    ctx = SimpleNamespace(settings=SimpleNamespace(sync=SimpleNamespace(interval_seconds=interval)))
    w = SyncWorker(lambda: ctx, close_context=False)
    w.start()
    try:
        deadline = time.monotonic() + 5
        while w.rounds < 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.3)  # the clamped interval is at least 1 s: no second round yet
        assert w.running
        assert w.rounds == 1
    finally:
        w.stop(timeout=5)
    assert not w.running
