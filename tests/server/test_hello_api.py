"""The hello: versions first, so a window that missed an upgrade or a catalogue is told what to do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from clerk_app.server import publish

from .helpers import WIN_A, case_payload, change, push_body


@pytest.fixture
def a(central):
    with central.http(central.token_for(WIN_A)) as c:
        yield c


def hello(client, **over):
    body = {"window_id": WIN_A, "protocol_version": 1, "device_time": datetime.now(UTC).isoformat(),
            "catalogue_version": "v1", "outbox_seq": 0, "audit_seq": 0} | over
    resp = client.post("/v1/hello", json=body)
    assert resp.status_code == 200, resp.text
    return resp.json()


def codes(h) -> set[str]:
    return {a["code"] for a in h["actions"]}


def test_a_current_window_gets_no_actions(a):
    h = hello(a)
    assert h["ok"] and h["actions"] == [] and h["window_id"] == WIN_A


def test_an_outdated_window_is_told_to_upgrade(a):
    h = hello(a, protocol_version=0)
    assert not h["ok"] and "upgrade_required" in codes(h)
    assert "请安装新版本" in h["actions"][0]["message"] and "不会丢失" in h["actions"][0]["message"]


def test_a_window_from_the_future_is_told_the_server_is_old(a):
    h = hello(a, protocol_version=99)
    assert not h["ok"] and "server_outdated" in codes(h)


def test_a_missed_catalogue_version_is_announced(a, central):
    with central.engine.begin() as conn:
        publish.publish_catalogue(conn, "v2", {"materials.toml": "x"})
    h = hello(a, catalogue_version="v1")
    assert h["catalogue_latest"] == "v2" and "catalogue_update" in codes(h)
    assert h["stream_heads"]["catalogue"] == 1


def test_a_window_restored_from_an_old_backup_is_stopped_from_pushing(a):
    a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", case_payload(WIN_A, 1)),
                                              change(2, "case", case_payload(WIN_A, 2))]))
    h = hello(a, outbox_seq=1)
    assert h["push_high_seq"] == 2 and "seq_behind" in codes(h)
    assert "旧备份" in next(x["message"] for x in h["actions"] if x["code"] == "seq_behind")


def test_clock_skew_beyond_minutes_is_warned(a):
    assert "clock_skew" not in codes(hello(a, device_time=(datetime.now(UTC) + timedelta(seconds=30)).isoformat()))
    h = hello(a, device_time=(datetime.now(UTC) + timedelta(minutes=12)).isoformat())
    assert "clock_skew" in codes(h)
    assert "12 分钟" in next(x["message"] for x in h["actions"] if x["code"] == "clock_skew")
