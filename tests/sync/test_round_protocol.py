"""The window's round in requests: one when nothing is queued (protocol 2), and both directions
of an upgrade — a new window against an old centre, an old window against a new one."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
import pytest
import server_harness as testing
from records_json import as_json

from clerk_app.services import cases as case_service
from clerk_app.store import sync_state as state
from clerk_app.sync.engine import run_round

from .conftest import attach, make_case


class Counting(httpx.HTTPTransport):
    """The real transport, remembering the path of every request."""

    def __init__(self):
        super().__init__()
        self.paths: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        return super().handle_request(request)


def counted_round(ctx):
    """The report and the paths requested; the tally comparison (after a push, and every ten
    minutes: tests/sync/test_refusals.py) is shown as "tally"."""
    t = Counting()
    report = run_round(ctx, transport=t)
    return report, ["tally" if p.endswith("/tally") else p for p in t.paths]


def status_of(ctx, no: str) -> str:
    return as_json(case_service.get_case(ctx, no))["status"]


def test_an_idle_round_is_one_request(window, central):
    no = make_case(window)
    report, paths = counted_round(window)
    assert report.ok and report.protocol == 2 and paths == ["/v1/round", "/v1/push", "/v1/audit", "tally"]
    report, paths = counted_round(window)
    assert report.ok and paths == ["/v1/round"]
    assert central.scalar("SELECT count(*) FROM cases WHERE case_no = :n", n=no) == 1


def test_a_decision_arrives_in_that_one_request(window, central):
    no = make_case(window)
    run_round(window)
    assert central.decide(no, "review").status_code == 200

    report, paths = counted_round(window)

    assert report.ok and paths == ["/v1/round"] and report.pulled == {"decisions": 1}
    assert status_of(window, no) == "in_review"
    report, paths = counted_round(window)  # seen once: not again (applying it was audited: sent now)
    assert paths == ["/v1/round", "/v1/audit"] and report.pulled == {}
    assert counted_round(window)[1] == ["/v1/round"]


def test_a_long_stream_is_pulled_on_past_the_first_page(window, central, monkeypatch):
    from clerk_app.sync import engine

    monkeypatch.setattr(engine, "PAGE", 1)
    numbers = [make_case(window) for _ in range(3)]
    run_round(window)
    for no in numbers:
        assert central.decide(no, "review").status_code == 200

    report, paths = counted_round(window)

    assert report.pulled == {"decisions": 3} and paths[0] == "/v1/round" and "/v1/pull" in paths
    assert [status_of(window, no) for no in numbers] == ["in_review"] * 3


@pytest.fixture
def old_central(server_engine, monkeypatch):
    """A centre of protocol 1: no /v1/round, and a hello that refuses windows speaking 2."""
    from clerk_app.server import hello
    from clerk_app.server.api import create_app

    monkeypatch.setattr(hello, "PROTOCOL_VERSION", 1)
    app = create_app(server_engine)
    app.router.routes = [r for r in app.router.routes if getattr(r, "path", "") != "/v1/round"]
    c = testing.Central.__new__(testing.Central)
    c.engine, c._back_office = server_engine, None
    c.server = testing.ThreadServer(app).start()
    c.url = c.server.url
    yield c
    c.stop()


def test_a_new_window_falls_back_to_hello_and_pull_with_an_old_centre(ctx, old_central):
    attach(ctx, old_central.url, old_central.token_for(ctx.window_id))
    no = make_case(ctx)

    report, paths = counted_round(ctx)

    assert report.ok, report.lines()
    assert report.protocol == 1 and paths == ["/v1/round", "/v1/hello", "/v1/push", "/v1/audit", "/v1/pull", "tally"]
    assert old_central.scalar("SELECT count(*) FROM cases WHERE case_no = :n", n=no) == 1
    assert old_central.decide(no, "review").status_code == 200
    report, paths = counted_round(ctx)  # it remembers: no second 404
    assert report.ok and paths == ["/v1/hello", "/v1/pull"] and report.pulled == {"decisions": 1}
    assert status_of(ctx, no) == "in_review"
    assert counted_round(ctx)[1] == ["/v1/hello", "/v1/audit", "/v1/pull"]


def test_a_window_asks_again_later_and_finds_the_upgraded_centre(window, central):
    with window.store.transaction() as s:  # it found this centre without /v1/round eleven minutes ago
        state.put(s, state.SERVER_PROTOCOL, {"url": central.url, "version": 1,
                                             "at": (datetime.now() - timedelta(minutes=11)).isoformat()})
    report, paths = counted_round(window)
    assert report.ok and report.protocol == 2 and paths[0] == "/v1/round" and "/v1/hello" not in paths
    with window.store.read() as s:
        assert state.get(s, state.SERVER_PROTOCOL) is None


def test_an_old_window_keeps_syncing_with_the_new_centre(window, central):
    # Today's client: hello (protocol 1) + push + pull, exactly what a window speaking 1 sends.
    with window.store.transaction() as s:
        state.put(s, state.SERVER_PROTOCOL, {"url": central.url, "version": 1, "at": datetime.now().isoformat()})
    no = make_case(window)

    report, paths = counted_round(window)

    assert report.ok and report.protocol == 1 and paths == ["/v1/hello", "/v1/push", "/v1/audit", "/v1/pull", "tally"]
    assert central.scalar("SELECT count(*) FROM cases WHERE case_no = :n", n=no) == 1
    assert central.scalar("SELECT last_hello FROM windows WHERE window_id = :w", w=window.window_id) is not None
    assert central.decide(no, "review").status_code == 200
    report, paths = counted_round(window)
    assert report.ok and paths == ["/v1/hello", "/v1/pull"] and report.pulled == {"decisions": 1}
    assert status_of(window, no) == "in_review"
    assert counted_round(window)[1] == ["/v1/hello", "/v1/audit", "/v1/pull"]
