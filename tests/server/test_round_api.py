"""The one-request round (protocol 2): the hello's answer plus the streams that moved."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from clerk_app.server import publish

from .helpers import WIN_A, WIN_B, case_payload, change, push_body

ZERO = {"catalogue": 0, "roster": 0, "calendar": 0, "decisions": 0}


@pytest.fixture
def a(central):
    with central.http(central.token_for(WIN_A)) as c:
        yield c


def round_(client, cursors=None, **over):
    body = {"window_id": WIN_A, "protocol_version": 2, "device_time": datetime.now(UTC).isoformat(),
            "catalogue_version": "v1", "cursors": ZERO if cursors is None else cursors} | over
    resp = client.post("/v1/round", json=body)
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_an_up_to_date_window_gets_heads_and_no_pages(a, central):
    r = round_(a)
    assert r["ok"] and r["protocol_version"] == 2 and r["actions"] == []
    assert r["stream_heads"] == ZERO and r["streams"] == {}


def test_a_published_catalogue_comes_in_the_same_answer_and_only_that_stream(a, central):
    with central.engine.begin() as conn:
        publish.publish_catalogue(conn, "v2", {"materials.toml": "x"})
    r = round_(a)
    assert r["catalogue_latest"] == "v2" and r["stream_heads"]["catalogue"] == 1
    assert list(r["streams"]) == ["catalogue"]
    [row] = r["streams"]["catalogue"]["rows"]
    assert row["key"] == "v2" and row["data"]["files"] == {"materials.toml": "x"}
    again = round_(a, cursors=ZERO | {"catalogue": 1}, catalogue_version="v2")
    assert again["streams"] == {} and again["actions"] == []


def test_a_decision_for_this_window_moves_its_head_not_another_windows(central):
    token_a, token_b = central.token_for(WIN_A), central.token_for(WIN_B)
    with central.http(token_a) as a, central.http(token_b) as b:
        assert a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", case_payload(WIN_A, 1))])
                      ).status_code == 200
        no = case_payload(WIN_A, 1)["case_no"]
        assert central.decide(no, "review").status_code == 200
        mine = round_(a, outbox_seq=1)
        theirs = round_(b, window_id=WIN_B)
    assert mine["stream_heads"]["decisions"] >= 1 and mine["push_high_seq"] == 1
    [row] = mine["streams"]["decisions"]["rows"]
    assert row["data"]["case_no"] == no and row["data"]["to"] == "in_review"
    assert theirs["stream_heads"]["decisions"] == 0 and theirs["streams"] == {}


def test_a_long_stream_says_more(a, central):
    with central.engine.begin() as conn:
        for year in range(2027, 2030):
            publish.publish_calendar(conn, year, [], [])
    r = round_(a, limit=2)
    page = r["streams"]["calendar"]
    assert len(page["rows"]) == 2 and page["more"] and page["next_cursor"] == 2


def test_a_stranger_gets_401_not_a_parse_error(central):
    with central.http("not-a-token") as c:
        assert c.post("/v1/round", content=b"[" * 10_000,
                      headers={"Content-Type": "application/json"}).status_code == 401
    with central.http() as c:
        assert c.post("/v1/round", content=b'{"window_id":').status_code == 401


def test_a_bad_body_from_a_window_is_a_422_naming_the_field(a):
    resp = a.post("/v1/round", json={"window_id": WIN_A, "protocol_version": 2, "device_time": "1900-01-01T00:00:00",
                                     "cursors": {}})
    assert resp.status_code == 422 and "device_time" in resp.json()["message"]


def test_a_round_body_over_64_kb_is_refused(a):
    resp = a.post("/v1/round", content=b" " * (65 * 1024), headers={"Content-Type": "application/json"})
    assert resp.status_code == 413


def test_another_windows_round_is_refused(a):
    resp = a.post("/v1/round", json={"window_id": WIN_B, "protocol_version": 2,
                                     "device_time": datetime.now(UTC).isoformat(), "cursors": ZERO})
    assert resp.status_code == 403


def test_an_idle_window_is_recorded_once_a_minute_not_every_round(a, central):
    round_(a)
    first = central.scalar("SELECT last_seen_at FROM windows WHERE window_id = :w", w=WIN_A)
    round_(a)
    assert central.scalar("SELECT last_seen_at FROM windows WHERE window_id = :w", w=WIN_A) == first
    round_(a, app_version="9.9")  # something it reports changed: written at once
    assert central.scalar("SELECT last_seen_at FROM windows WHERE window_id = :w", w=WIN_A) > first


def test_old_windows_hello_and_pull_still_work(a, central):
    with central.engine.begin() as conn:
        publish.publish_catalogue(conn, "v2", {"materials.toml": "x"})
    h = a.post("/v1/hello", json={"window_id": WIN_A, "protocol_version": 1,
                                  "device_time": datetime.now(UTC).isoformat(), "catalogue_version": "v1"}).json()
    assert h["ok"] and h["stream_heads"]["catalogue"] == 1 and h["catalogue_latest"] == "v2"
    p = a.post("/v1/pull", json={"cursors": ZERO}).json()
    assert [r["key"] for r in p["streams"]["catalogue"]["rows"]] == ["v2"]


def test_a_disabled_window_and_a_back_office_are_refused(a, central):
    from clerk_app.server import windows

    with central.back_office() as bo:
        resp = bo.post("/v1/round", json={"window_id": WIN_A, "protocol_version": 2,
                                          "device_time": datetime.now(UTC).isoformat(), "cursors": ZERO})
        assert resp.status_code == 403 and resp.json()["code"] == "not_a_window"
    with central.engine.begin() as conn:
        windows.disable_window(conn, WIN_A)
    resp = a.post("/v1/round", json={"window_id": WIN_A, "protocol_version": 2,
                                     "device_time": datetime.now(UTC).isoformat(), "cursors": ZERO})
    assert resp.status_code == 403 and resp.json()["code"] == "window_disabled"
