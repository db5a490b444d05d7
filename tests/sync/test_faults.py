"""Network and server faults: the centre down, an answer lost after the commit, the server
killed mid-batch. In every case each case arrives exactly once and nothing stays behind."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import server_harness as testing
from records_json import as_json
from sqlalchemy import func, select

from clerk_app.store.models import Case, OutboxEntry
from clerk_app.sync import push
from clerk_app.sync.engine import run_round
from clerk_app.sync.status import read_status

from .conftest import attach, central_token, make_case

HERE = Path(__file__).parent


def _outbox(ctx) -> int:
    with ctx.store.read() as s:
        return s.execute(select(func.count()).select_from(OutboxEntry)).scalar()


def _local_cases(ctx) -> set[str]:
    with ctx.store.read() as s:
        return set(s.execute(select(Case.case_no)).scalars())


def _central_cases(central_or_engine, window_id: str) -> list[str]:
    engine = getattr(central_or_engine, "engine", central_or_engine)
    with engine.connect() as conn:
        return list(conn.exec_driver_sql(
            "SELECT case_no FROM cases WHERE window_id = '%s'" % window_id).scalars())  # noqa: UP031


def test_intake_while_server_down_then_it_comes_up(ctx, server_url, server_engine, tmp_path):
    token = central_token(server_engine, ctx.window_id)
    port = testing.free_port()
    attach(ctx, f"http://127.0.0.1:{port}", token)
    no = make_case(ctx)

    down = run_round(ctx)
    assert not down.ok and down.state == "offline"
    assert "无法连接中心服务器" in down.error
    st = read_status(ctx)
    assert st.state == "offline" and st.waiting == 1 and st.waiting_since is not None
    assert st.last_error and "无法连接" in st.last_error

    server = testing.ProcessServer(server_url, port=port, log=tmp_path / "server.log").start()
    try:
        up = run_round(ctx)
        again = run_round(ctx)
    finally:
        server.stop()
    assert up.ok and up.pushed == 1, up.lines()
    assert again.ok and again.pushed == 0
    assert _central_cases(server_engine, ctx.window_id) == [no]
    assert _outbox(ctx) == 0 and read_status(ctx).state == "online"


class DropAnswer(httpx.BaseTransport):
    """A proxy that lets the request through and loses the answer (after the server committed)."""

    def __init__(self, path: str, times: int = 1):
        self.inner = httpx.HTTPTransport()
        self.path, self.times, self.dropped = path, times, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        resp = self.inner.handle_request(request)
        if request.url.path == self.path and self.dropped < self.times:
            resp.read()
            resp.close()
            self.dropped += 1
            raise httpx.ReadError("connection reset after the server answered", request=request)
        return resp


def test_lost_push_answer_does_not_duplicate(window, central):
    numbers = [make_case(window) for _ in range(3)]
    lossy = DropAnswer("/v1/push")

    first = run_round(window, transport=lossy)

    assert lossy.dropped == 1 and not first.ok and first.state == "offline"
    assert _outbox(window) == 3, "nothing may leave the outbox without an answer"
    assert sorted(_central_cases(central, window.window_id)) == sorted(numbers)  # the centre did commit

    retry = run_round(window)
    assert retry.ok and retry.duplicates == 3 and retry.pushed == 0
    assert _outbox(window) == 0
    assert sorted(_central_cases(central, window.window_id)) == sorted(numbers)
    assert central.scalar("SELECT count(*) FROM changes") == 3
    assert central.scalar("SELECT count(*) FROM case_events") == 3


@pytest.mark.parametrize("path", ["/v1/round", "/v1/pull"])
def test_lost_pull_answer_applies_decision_once(window, central, path):
    if path == "/v1/pull":  # a window speaking protocol 1 (hello + pull) to this centre
        from datetime import datetime

        from clerk_app.store import sync_state

        with window.store.transaction() as s:
            sync_state.put(s, sync_state.SERVER_PROTOCOL, {"url": central.url, "version": 1,
                                                           "at": datetime.now().isoformat()})
    no = make_case(window)
    run_round(window)
    assert central.decide(no, "approve").status_code == 200

    lost = run_round(window, transport=DropAnswer(path))
    assert not lost.ok
    ok = run_round(window)
    assert ok.ok and ok.pulled.get("decisions") == 1
    from clerk_app.services.cases import get_case

    events = [e for e in as_json(get_case(window, no))["events"] if e["source"] == "back_office"]
    assert [e["to"] for e in events] == ["approved"]


@pytest.mark.parametrize("mode", ["before_commit", "after_commit"])
def test_server_killed_mid_batch_then_restarted(ctx, server_url, server_engine, tmp_path, monkeypatch, mode):
    monkeypatch.setattr(push, "BATCH", 4)
    token = central_token(server_engine, ctx.window_id)
    numbers = [make_case(ctx) for _ in range(10)]
    log = tmp_path / "server.log"
    env = {"PYTHONPATH": str(HERE), "CLERK_FAULT": mode, "CLERK_FAULT_AT": "2"}
    faulty = testing.ProcessServer(server_url, factory="fault_app:create", env=env, log=log).start()
    attach(ctx, faulty.url, token)
    try:
        cut = run_round(ctx)
        assert faulty.proc.wait(10) == -9, "the server should have killed itself"
    finally:
        faulty.kill()
    assert not cut.ok and cut.state == "offline"
    held = len(_central_cases(server_engine, ctx.window_id))
    assert held == (4 if mode == "before_commit" else 8)  # batch 2 rolled back, or committed unanswered

    healthy = testing.ProcessServer(server_url, port=faulty.port, log=log).start()
    try:
        done = run_round(ctx)
    finally:
        healthy.stop()
    assert done.ok, done.lines()
    assert sorted(_central_cases(server_engine, ctx.window_id)) == sorted(numbers)
    assert _outbox(ctx) == 0
    with server_engine.connect() as conn:
        seqs = sorted(conn.exec_driver_sql("SELECT seq FROM changes").scalars())
    assert seqs == list(range(1, 11))

