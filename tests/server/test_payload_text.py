"""A change sent as the window's own JSON text (``payload_json``, what the window client sends):
kept and hashed as it came, and the same change first pushed as an object by an older window
is still the same content across the upgrade (a duplicate, never a conflict)."""

from __future__ import annotations

import hashlib
import json

import pytest

from .helpers import WIN_A, case_payload, change, push_body, statuses


@pytest.fixture
def a(central):
    with central.http(central.token_for(WIN_A)) as c:
        yield c


def _as_text(item: dict, text: str) -> dict:
    out = {k: v for k, v in item.items() if k != "payload"}
    out["payload_json"] = text
    return out


def _compact(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def test_the_window_s_text_is_kept_and_hashed_as_it_came(a, central):
    item = change(1, "case", case_payload(WIN_A, 1))
    text = _compact(item["payload"])

    resp = a.post("/v1/push", json=push_body(WIN_A, [_as_text(item, text)]))

    assert statuses(resp) == ["applied"]
    assert central.scalar("SELECT CAST(payload AS TEXT) FROM changes") == text
    digest = hashlib.sha256(f"case\0{item['entity_id']}\0{text}".encode()).hexdigest()
    assert central.scalar("SELECT content_hash FROM changes") == digest
    assert central.scalar("SELECT case_no FROM cases") == item["payload"]["case_no"]


@pytest.mark.parametrize("encoding", ["old outbox (ASCII escapes, spaces)", "compact UTF-8"])
def test_an_object_push_then_the_same_change_as_text_is_a_duplicate(a, central, encoding):
    """A window upgraded while its answer was lost re-sends the change as text."""
    item = change(1, "case", case_payload(WIN_A, 1))
    assert statuses(a.post("/v1/push", json=push_body(WIN_A, [item]))) == ["applied"]
    text = json.dumps(item["payload"]) if encoding.startswith("old") else _compact(item["payload"])

    [res] = a.post("/v1/push", json=push_body(WIN_A, [_as_text(item, text)])).json()["results"]

    assert res["status"] == "duplicate" and res["original"] == "applied"
    assert central.scalar("SELECT count(*) FROM changes") == 1
    assert central.scalar("SELECT count(*) FROM change_conflicts") == 0


def test_a_refused_change_re_sent_as_text_is_answered_the_same(a, central):
    payload = case_payload(WIN_A, 1)
    payload["applicant"]["address"] = "上海\x00"
    item = change(1, "case", payload)
    [first] = a.post("/v1/push", json=push_body(WIN_A, [item])).json()["results"]
    assert first["status"] == "rejected"

    [again] = a.post("/v1/push", json=push_body(WIN_A, [_as_text(item, json.dumps(payload))])).json()["results"]

    assert again["status"] == "duplicate" and again["original"] == "rejected"


def test_other_content_as_text_is_still_a_conflict(a, central):
    item = change(1, "case", case_payload(WIN_A, 1))
    a.post("/v1/push", json=push_body(WIN_A, [item]))
    other = case_payload(WIN_A, 1, case_id=item["payload"]["id"], status="received")

    [res] = a.post("/v1/push", json=push_body(WIN_A, [_as_text(item, _compact(other))])).json()["results"]

    assert res["status"] == "conflict"
    assert central.scalar("SELECT status FROM cases") == "accepted"


def test_text_from_an_old_outbox_is_taken(a, central):
    """Entries queued before the upgrade hold SQLAlchemy's default JSON (ASCII escapes): the
    centre checks them the exact way and keeps them as they came."""
    item = change(1, "case", case_payload(WIN_A, 1))
    text = json.dumps(item["payload"])
    assert "\\u" in text

    resp = a.post("/v1/push", json=push_body(WIN_A, [_as_text(item, text)]))

    assert statuses(resp) == ["applied"]
    assert json.loads(central.scalar("SELECT CAST(payload AS TEXT) FROM changes")) == item["payload"]
    assert central.scalar("SELECT count(*) FROM cases") == 1


@pytest.mark.parametrize("text, reason", [
    ('{"id": "x", "n": NaN}', "不是有效的 JSON"),
    ('[1, 2]', "不是有效的 JSON 对象"),
    ('{"id": "x", "n": 1e999}', "不是有效数值"),
    ('{"id": "x", "name": "\\u0000"}', "空字符"),
])
def test_bad_text_is_refused_alone(a, central, text, reason):
    good = change(2, "case", case_payload(WIN_A, 1))
    bad = _as_text(change(1, "print", {}, "p1"), text)

    resp = a.post("/v1/push", json=push_body(WIN_A, [bad, good]))

    results = resp.json()["results"]
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert reason in results[0]["reason"]
