"""The window against a broken or hostile centre (or a proxy in between).

A fake centre (``httpx.MockTransport``) answers what a real one never would: one bad row in
a good page, cursors that run backwards or past any sane number, push answers that do not
match what was sent, error pages of proxies, endless or dripping bodies. Whatever it does,
the window neither crashes nor loses or doubles data, keeps its outbox and streams moving,
and tells the clerk in Chinese.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from clerk_app.services.cases import get_case
from clerk_app.store import sync_state
from clerk_app.store.models import AuditEntry, OutboxEntry
from clerk_app.store.sync_models import SyncIssue
from clerk_app.sync import client as client_mod
from clerk_app.sync.engine import run_round
from clerk_app.sync.status import read_status
from clerk_app.sync.token import load_token

from .conftest import attach, make_case

TOKEN = "window-token-" + "a" * 40
CJK = re.compile(r"[\u4e00-\u9fff]")


def _now() -> str:
    return datetime.now(UTC).isoformat()


class FakeCentre:
    """Answers like a centre of protocol 2 unless a test replaces one of its answers."""

    url = "http://centre.test"

    def __init__(self, window_id: str):
        self.window_id = window_id
        self.calls: list[str] = []
        self.streams: dict[str, Any] = {}  # the round's pages, as JSON-able objects
        self.round_extra: dict[str, Any] = {}
        self.pull_streams: dict[str, Any] = {}
        self.push_answer: Callable[[list[dict[str, Any]]], dict[str, Any]] | None = None
        self.override: dict[str, Callable[[httpx.Request], httpx.Response]] = {}
        self.pushed: list[dict[str, Any]] = []

    def hello(self) -> dict[str, Any]:
        return {"ok": True, "server_time": _now(), "protocol_version": 2, "min_protocol_version": 1,
                "window_id": self.window_id, "actions": [], "push_high_seq": 0, "audit_high_seq": 0,
                "catalogue_latest": None, "stream_heads": {}}

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.calls.append(path)
        if path in self.override:
            return self.override[path](request)
        if path == "/v1/round":
            return httpx.Response(200, json={**self.hello(), "streams": self.streams, **self.round_extra})
        if path == "/v1/push":
            changes = json.loads(request.content)["changes"]
            self.pushed += changes
            if self.push_answer is not None:
                return httpx.Response(200, json=self.push_answer(changes))
            return httpx.Response(200, json=applied(changes))
        if path == "/v1/audit":
            rows = json.loads(request.content)["rows"]
            return httpx.Response(200, json={"high_seq": rows[-1]["seq"] if rows else 0, "stored": len(rows),
                                             "duplicate": 0})
        if path == "/v1/pull":
            return httpx.Response(200, json={"streams": self.pull_streams, "server_time": _now()})
        if path.endswith("/tally"):
            return httpx.Response(200, json={"window_id": self.window_id, "days": []})
        return httpx.Response(404, json={"code": "not_found", "message": "无此接口"})

    def sync(self, ctx):
        return run_round(ctx, transport=httpx.MockTransport(self.handle))


def applied(changes: list[dict[str, Any]], **extra) -> dict[str, Any]:
    return {"results": [{"seq": c["seq"], "change_id": c["change_id"], "status": "applied"} for c in changes],
            "high_seq": max((c["seq"] for c in changes), default=0), "server_time": _now(), **extra}


@pytest.fixture
def centre(ctx) -> FakeCentre:
    attach(ctx, FakeCentre.url, TOKEN)
    return FakeCentre(ctx.window_id)


def decision(no: str, cursor: int, to: str = "approved", event_id: str | None = None, **data) -> dict[str, Any]:
    event_id = event_id or f"dec-{cursor:08d}"
    return {"cursor": cursor, "key": event_id, "data": {
        "event_id": event_id, "case_no": no, "action": "approve", "to": to, "actor": "审批科",
        "note": "准予许可", "missing": [], "at": _now(), **data}}


def page(*rows: dict[str, Any], next_cursor: int | None = None, more: bool = False) -> dict[str, Any]:
    last = max((r["cursor"] for r in rows if isinstance(r.get("cursor"), int)), default=0)
    return {"rows": list(rows), "next_cursor": last if next_cursor is None else next_cursor, "more": more}


def outbox_count(ctx) -> int:
    with ctx.store.read() as s:
        return s.execute(select(func.count()).select_from(OutboxEntry)).scalar()


def issues(ctx) -> list[SyncIssue]:
    with ctx.store.read() as s:
        return list(s.execute(select(SyncIssue).order_by(SyncIssue.ref)).scalars())


def cursor(ctx, stream: str) -> int:
    with ctx.store.read() as s:
        return sync_state.cursor(s, stream)


def status_of(ctx, no: str) -> str:
    return get_case(ctx, no).status


def assert_chinese(message: str | None) -> None:
    assert message and CJK.search(message), message
    for english in ("Traceback", "Error", "Bad Gateway", "<html", "Forbidden", "Not authenticated"):
        assert english not in message, message


# -- one bad row in a stream page ----------------------------------------------------------------

def test_one_bad_row_in_the_round_blocks_neither_the_outbox_nor_the_good_rows(ctx, centre):
    no = make_case(ctx)
    good = decision(no, 4)
    rows = [
        {"cursor": 1, "key": "a", "data": ["not", "an", "object"]},          # payload of the wrong type
        {"cursor": 2, "key": "b", "data": {"case_no": no, "note": "\ud800"}},  # a lone surrogate
        decision("31010701099-unknown", 3),                                    # a case this window lacks
        good,
        {"cursor": 5, "key": None, "data": {"case_no": no}},                  # a null where a text is
    ]
    body = json.dumps({**centre.hello(), "streams": {"decisions": page(*rows)}}).encode()
    assert b"\\ud800" in body
    centre.override["/v1/round"] = lambda request: httpx.Response(200, content=body)

    report = centre.sync(ctx)

    assert outbox_count(ctx) == 0 and report.pushed >= 1, report.lines()  # the outbox was not held up
    assert status_of(ctx, no) == "approved"                                # the good row applied
    assert [i.ref for i in issues(ctx)] == [1, 2, 3, 5]                    # each bad one set aside
    assert all(CJK.search(i.reason) for i in issues(ctx)), [i.reason for i in issues(ctx)]
    assert cursor(ctx, "decisions") == 5
    again = centre.sync(ctx)                                               # nothing is recorded twice
    assert again.ok and len(issues(ctx)) == 4


def test_a_stream_page_of_the_wrong_shape_holds_only_that_stream(ctx, centre):
    no = make_case(ctx)
    centre.streams = {"roster": {"rows": "everything", "next_cursor": 9, "more": False},
                      "decisions": page(decision(no, 1))}

    report = centre.sync(ctx)

    assert outbox_count(ctx) == 0 and status_of(ctx, no) == "approved"
    assert cursor(ctx, "roster") == 0                       # nothing skipped: asked again next time
    assert not report.ok and "人员名册" in report.error
    assert_chinese(report.error)


# -- cursors -------------------------------------------------------------------------------------

def _calendar_row(cursor: int, year: int = 2031) -> dict[str, Any]:
    return {"cursor": cursor, "key": str(year), "data": {"year": year, "holidays": [f"{year}-10-01"],
                                                        "workdays": []}}


def _installs(ctx) -> int:
    with ctx.store.read() as s:
        return s.execute(select(func.count()).select_from(AuditEntry)
                         .where(AuditEntry.action == "calendar.install")).scalar()


def test_a_cursor_running_backwards_or_repeated_applies_nothing_twice(ctx, centre):
    centre.streams = {"calendar": page(_calendar_row(7), _calendar_row(7, 2032))}  # a duplicate cursor
    assert centre.sync(ctx).ok
    assert _installs(ctx) == 1 and cursor(ctx, "calendar") == 7

    centre.streams = {"calendar": page(_calendar_row(3), _calendar_row(7), next_cursor=2)}  # backwards
    assert centre.sync(ctx).ok
    assert _installs(ctx) == 1 and cursor(ctx, "calendar") == 7


def test_more_without_progress_does_not_pull_the_same_page_again_and_again(ctx, centre):
    stuck = page(_calendar_row(1), next_cursor=1, more=True)
    centre.streams = {"calendar": stuck}
    centre.pull_streams = {"calendar": stuck}

    centre.sync(ctx)

    assert centre.calls.count("/v1/pull") <= 1, centre.calls
    assert _installs(ctx) == 1


@pytest.mark.parametrize("huge", [2**53, 2**63, 2**70])
def test_a_cursor_past_any_sane_number_does_not_break_later_rounds(ctx, centre, huge):
    no = make_case(ctx)
    centre.streams = {"decisions": page(decision(no, 1), next_cursor=huge)}

    first = centre.sync(ctx)
    centre.streams = {}
    second = centre.sync(ctx)

    assert outbox_count(ctx) == 0
    assert cursor(ctx, "decisions") < 2**53
    assert second.ok, second.lines()
    assert_chinese(first.error)


# -- rows whose payload has the right type at the top but not inside --------------------------------

def test_wrongly_typed_catalogue_and_calendar_rows_are_set_aside(ctx, centre):
    version = ctx.catalogue.version
    centre.streams = {
        "catalogue": page({"cursor": 1, "key": "v", "data": {"version": "abc", "files": {"items.toml": 5}}},
                          {"cursor": 2, "key": "w", "data": {"version": "abd", "files": 5}},
                          {"cursor": 3, "key": "x", "data": {"version": "abe", "files": {"a\0b": "x"}}}),
        "calendar": page({"cursor": 1, "key": "2031", "data": {"year": 2031, "holidays": [None, {}]}}),
    }

    report = centre.sync(ctx)

    assert report.not_applied == {"catalogue": 3, "calendar": 1}, report.lines()
    assert cursor(ctx, "catalogue") == 3 and cursor(ctx, "calendar") == 1
    assert ctx.catalogue.version == version
    assert all(CJK.search(i.reason) for i in issues(ctx))


def test_a_catalogue_version_that_names_another_folder_deletes_nothing(ctx, centre):
    precious = ctx.home / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("本机数据", encoding="utf-8")
    centre.streams = {"catalogue": page({"cursor": 1, "key": "v", "data": {"version": "../precious", "files": {}}})}

    report = centre.sync(ctx)

    assert (precious / "keep.txt").read_text(encoding="utf-8") == "本机数据"
    assert report.not_applied == {"catalogue": 1} and cursor(ctx, "catalogue") == 1
    [issue] = issues(ctx)
    assert "版本号无效" in issue.reason


# -- push answers that do not match what was sent ---------------------------------------------

def _outbox(ctx) -> dict[int, tuple[int, str | None]]:
    with ctx.store.read() as s:
        return {r.seq: (r.attempts, r.last_error) for r in s.execute(select(OutboxEntry)).scalars()}


def test_a_push_answer_that_does_not_match_deletes_only_what_it_acknowledged(ctx, centre):
    make_case(ctx)
    make_case(ctx)
    make_case(ctx)
    seqs = sorted(_outbox(ctx))

    def answer(changes):
        first, second, third = changes[:3]
        return {"results": [
            {"seq": first["seq"], "change_id": first["change_id"], "status": "applied"},
            {"seq": second["seq"], "change_id": second["change_id"], "status": "deferred"},     # unknown status
            {"seq": third["seq"], "change_id": "someone-else", "status": "applied"},          # unknown change id
            {"seq": 999_999, "change_id": "x", "status": "applied"},                          # never sent
            {"seq": first["seq"], "change_id": first["change_id"], "status": "conflict"},      # answered twice
            "applied",
        ], "high_seq": 999_999, "server_time": _now(), "extra": {"unknown": True}}

    centre.push_answer = answer
    report = centre.sync(ctx)

    left = _outbox(ctx)
    assert sorted(left) == seqs[1:], "only the entry answered `applied` may leave the outbox"
    assert all(attempts == 1 and error for attempts, error in left.values()), left
    assert issues(ctx) == [] and report.pushed == 1
    assert_chinese(report.error)

    centre.push_answer = None  # a sane centre again: the rest goes, each once
    again = centre.sync(ctx)
    assert again.ok and again.pushed == 2 and _outbox(ctx) == {}
    assert sorted(c["seq"] for c in centre.pushed).count(seqs[0]) == 1


@pytest.mark.parametrize("body", [
    b"<html><body><h1>502 Bad Gateway</h1></body></html>", b"", b'{"results": [{"seq": 1, "change_id"',
    b'{"results": "applied", "high_seq": 1}', b'{"results": null}', b"[]", b"null", b'"\\ud800"',
    b"[" * 100_000,
])
def test_a_push_answer_that_is_not_a_push_answer_keeps_the_outbox(ctx, centre, body):
    make_case(ctx)
    centre.override["/v1/push"] = lambda request: httpx.Response(200, content=body)

    report = centre.sync(ctx)

    assert not report.ok and outbox_count(ctx) == 1 and issues(ctx) == []
    assert_chinese(report.error)


# -- error answers of the centre or of a proxy before it ----------------------------------------

HTML = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"


ENGLISH = b'{"code": "x", "message": "Forbidden: Bad Gateway"}'
HUGE = b'{"code": "x", "message": "\\ud800\\u4e2d' + b"a" * 100_000 + b'"}'


@pytest.mark.parametrize(("status", "body"), [
    (401, b'{"detail": "Not authenticated"}'), (403, ENGLISH), (429, b""), (500, HTML), (502, HTML),
    (503, HUGE), (504, b"")])
@pytest.mark.parametrize("path", ["/v1/round", "/v1/push"])
def test_an_error_page_is_told_in_chinese_and_keeps_everything(ctx, centre, path, status, body):
    make_case(ctx)
    centre.override[path] = lambda request: httpx.Response(status, content=body)

    report = centre.sync(ctx)

    assert not report.ok and outbox_count(ctx) == 1 and issues(ctx) == []
    assert_chinese(report.error)
    assert len(report.error) < 400
    assert_chinese(read_status(ctx).last_error)


def test_a_redirect_is_not_followed_and_is_named(ctx, centre):
    make_case(ctx)
    centre.override["/v1/round"] = lambda request: httpx.Response(
        307, headers={"location": "http://elsewhere.test/v1/round"}, content=HTML)

    report = centre.sync(ctx)

    assert centre.calls == ["/v1/round"] and outbox_count(ctx) == 1
    assert "sync.server_url" in report.error and "elsewhere.test" in report.error


# -- endless, enormous and dripping answers ------------------------------------------------------

def test_an_endless_answer_is_cut_off_not_read_to_the_end(ctx, centre, monkeypatch):
    monkeypatch.setattr(client_mod, "MAX_ANSWER", 2 * 1024 * 1024)
    sent = []

    def endless() -> Iterator[bytes]:
        yield b'{"ok": true, "streams": {"decisions": {"rows": ["'
        while len(sent) < 1000:  # 1 GB, were it read to the end
            sent.append(1)
            yield b"x" * 1024 * 1024

    centre.override["/v1/round"] = lambda request: httpx.Response(200, content=endless())
    make_case(ctx)

    report = centre.sync(ctx)

    assert len(sent) <= 3 and outbox_count(ctx) == 1
    assert "过大" in report.error


def test_a_dripping_answer_times_out_instead_of_holding_the_sync_thread(ctx, centre, monkeypatch):
    monkeypatch.setattr(client_mod, "ANSWER_SECONDS", 0.5)

    def drip() -> Iterator[bytes]:
        for _ in range(40):  # 8 s, were it read to the end
            time.sleep(0.2)
            yield b" "

    centre.override["/v1/round"] = lambda request: httpx.Response(200, content=drip())
    started = time.monotonic()

    report = centre.sync(ctx)

    assert time.monotonic() - started < 3
    assert report.state == "offline" and "超时" in report.error


# -- the hello part -------------------------------------------------------------------------

@pytest.mark.parametrize("token", ["bad\r\nX-Injected: 1", "令牌" * 20, "x"])
def test_a_renewed_token_no_header_can_carry_is_not_kept(ctx, centre, token):
    centre.round_extra = {"new_token": token}

    report = centre.sync(ctx)
    again = centre.sync(ctx)

    assert report.ok and again.ok, (report.lines(), again.lines())
    assert load_token() == TOKEN


def test_a_centre_clock_out_of_any_range_does_not_crash_the_round(ctx, centre):
    make_case(ctx)
    centre.round_extra = {"server_time": "0001-01-01T00:00:00"}  # no epoch time for it on this PC

    report = centre.sync(ctx)  # returns: never raises

    assert not report.ok and outbox_count(ctx) == 1
    assert_chinese(report.error)


def test_a_gateway_refusing_every_push_sets_nothing_aside(ctx, centre):
    for _ in range(3):
        make_case(ctx)
    centre.override["/v1/push"] = lambda request: httpx.Response(
        403, json={"code": "forbidden", "message": "网关拒绝：本机构不允许访问"})

    report = centre.sync(ctx)

    assert issues(ctx) == [] and outbox_count(ctx) == 3, "a refusal of everything is not one entry's fault"
    assert not report.ok and "网关拒绝" in report.error


@pytest.mark.parametrize("answer", [
    lambda request: httpx.Response(500, text="<html>Internal Server Error</html>"),
    lambda request: httpx.Response(200, content=b'{"high_seq": '),
])
def test_a_failing_audit_upload_does_not_hold_back_the_decisions_in_hand(ctx, centre, answer):
    """The audit rows are uploaded between the push and the pull; a centre failing on them (one
    odd audit row, a broken endpoint) must not keep the round's decisions from the clerk."""
    no = make_case(ctx)
    centre.streams = {"decisions": page(decision(no, 1))}
    centre.override["/v1/audit"] = answer

    report = centre.sync(ctx)

    assert status_of(ctx, no) == "approved" and cursor(ctx, "decisions") == 1
    assert not report.ok
    assert_chinese(report.error)
    assert outbox_count(ctx) == 0  # the push before it went through as usual


@pytest.mark.parametrize("streams", ["garbage", {}])
def test_a_stream_the_round_said_moved_but_did_not_bring_is_pulled_on_its_own(ctx, centre, streams):
    """The round's head numbers say which streams moved; a page lost from the answer (a cut or
    garbled ``streams``) is fetched with /v1/pull instead of waiting for ever."""
    no = make_case(ctx)
    centre.round_extra = {"stream_heads": {"decisions": 1}, "streams": streams}
    centre.pull_streams = {"decisions": page(decision(no, 1))}

    report = centre.sync(ctx)

    assert status_of(ctx, no) == "approved" and cursor(ctx, "decisions") == 1, report.lines()
    assert centre.calls.count("/v1/pull") == 1
    centre.calls.clear()
    centre.round_extra = {"stream_heads": {"decisions": 1}, "streams": {}}
    assert centre.sync(ctx).ok and "/v1/pull" not in centre.calls  # up to date: no pull
