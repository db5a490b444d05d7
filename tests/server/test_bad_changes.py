"""One bad change never blocks a window: the centre validates every change before writing and
answers a bad one with its own rejection (and a reason), never a 5xx for the whole batch."""

from __future__ import annotations

import json
import uuid

import pytest

from .helpers import NOW, WIN_A, case_payload, change, event_payload, notice_payload, push_body, statuses


@pytest.fixture
def a(central):
    with central.http(central.token_for(WIN_A)) as c:
        yield c


def _push(a, changes):
    body = json.dumps(push_body(WIN_A, changes)).encode()  # ASCII escapes: lone surrogates travel as sent
    resp = a.post("/v1/push", content=body, headers={"Content-Type": "application/json"})
    assert resp.status_code == 200, resp.text[:500]
    return resp.json()["results"]


def test_nul_in_override_reason_is_that_change_s_rejection_and_the_rest_flows(a, central):
    bad = dict(case_payload(WIN_A, 1), override_reason="申请人坚持\x00受理")
    good = case_payload(WIN_A, 2)
    later = event_payload(good, "withdrawn")

    res = _push(a, [change(1, "case", bad), change(2, "case", good), change(3, "case_event", later, good["id"])])

    assert [r["status"] for r in res] == ["rejected", "applied", "applied"]
    assert "空字符" in res[0]["reason"] and "override_reason" in res[0]["reason"]
    assert central.scalar("SELECT count(*) FROM cases") == 1
    assert central.scalar("SELECT status FROM changes WHERE seq = 1") == "rejected"
    # the refusal is kept: a retry of the same change is answered the same way
    [again] = _push(a, [change(1, "case", bad, change_id=res[0]["change_id"])])
    assert again["status"] == "duplicate" and again["original"] == "rejected"


def test_a_staff_name_over_200_characters_is_refused_alone(a, central):
    case = case_payload(WIN_A, 1)
    case["events"][0]["actor"] = "张" * 201
    res = _push(a, [change(1, "case", case), change(2, "case", case_payload(WIN_A, 2))])
    assert [r["status"] for r in res] == ["rejected", "applied"]
    assert "actor" in res[0]["reason"] and "过长" in res[0]["reason"]


@pytest.mark.parametrize("field, value, words", [
    ("id", "x" * 37, "过长"),
    ("case_no", "S" + "3" * 40, "过长"),
    ("case_no", "S31010701003261399", "编号"),
    ("status", "approved-and-more" * 3, "状态"),
    ("row_version", "2", "row_version"),
    ("row_version", 2**40, "row_version"),
    ("received_at", "0001-01-01T00:00:00+08:00", "日期超出合理范围"),
    ("received_at", "yesterday", "时间"),
    ("applicant", {"name": "张\ud800三"}, "代理字符"),
])
def test_malformed_case_fields_are_rejected_with_a_reason(a, central, field, value, words):
    case = dict(case_payload(WIN_A, 1), **{field: value})
    res = _push(a, [change(1, "case", case), change(2, "case", case_payload(WIN_A, 2))])
    assert [r["status"] for r in res] == ["rejected", "applied"], res
    assert words in res[0]["reason"]
    assert central.scalar("SELECT count(*) FROM cases") == 1


def test_a_name_an_older_window_took_is_applied_not_rejected(a, central):
    """Windows before the one text rule took tag characters and a soft hyphen in names; their queued
    cases still reach the centre after its upgrade (the window's input rules are for typing)."""
    case = case_payload(WIN_A, 1)
    case["applicant"] = dict(case["applicant"], name="李\U000e0041\u00ad四")
    [res] = _push(a, [change(1, "case", case)])
    assert res["status"] == "applied", res
    assert central.scalar("SELECT count(*) FROM cases") == 1


def test_malformed_events_are_rejected(a, central):
    case = case_payload(WIN_A, 1)
    long_id = dict(event_payload(case, "withdrawn"), id="e" * 65)
    bad_to = dict(event_payload(case, "withdrawn"), to="gone")
    long_actor = dict(event_payload(case, "withdrawn"), actor="李" * 300)
    res = _push(a, [change(1, "case", case), change(2, "case_event", long_id, case["id"]),
                    change(3, "case_event", bad_to, case["id"]), change(4, "case_event", long_actor, case["id"])])
    assert [r["status"] for r in res] == ["applied", "rejected", "rejected", "rejected"]
    assert central.scalar("SELECT status FROM cases") == "accepted"


def test_a_lone_surrogate_in_payload_json_is_rejected(a, central):
    case = case_payload(WIN_A, 1)
    text = json.dumps(dict(case, applicant={"name": "PLACEHOLDER"}), ensure_ascii=False).replace(
        "PLACEHOLDER", "\\ud800")
    body = push_body(WIN_A, [{"seq": 1, "change_id": str(uuid.uuid4()), "kind": "case", "entity_id": case["id"],
                              "created_at": NOW, "payload_json": text},
                             change(2, "case", case_payload(WIN_A, 2))])
    resp = a.post("/v1/push", json=body)
    assert resp.status_code == 200, resp.text[:300]
    assert statuses(resp) == ["rejected", "applied"]


def test_json_nested_1000_deep_is_rejected_not_a_crash(a, central):
    text = '{"id": "p1", "deep": ' + '{"x": ' * 1000 + "{}" + "}" * 1000 + "}"
    as_json_text = {"seq": 1, "change_id": str(uuid.uuid4()), "kind": "print", "entity_id": "p1",
                    "created_at": NOW, "payload_json": text}
    res = _push(a, [as_json_text, change(2, "case", case_payload(WIN_A, 2))])
    assert [r["status"] for r in res] == ["rejected", "applied"]

    raw = (f'{{"window_id":"{WIN_A}","sent_at":"{NOW}","changes":[{{"seq":3,"change_id":"{uuid.uuid4()}","kind":"print",'
           f'"entity_id":"p2","created_at":"{NOW}","payload":{text}}}]}}')
    resp = a.post("/v1/push", content=raw.encode(), headers={"Content-Type": "application/json"})
    assert resp.status_code in (200, 400, 422), resp.text[:300]
    assert resp.status_code == 200 or resp.json()["code"] == "invalid"
    if resp.status_code == 200:
        assert statuses(resp) == ["rejected"]


@pytest.mark.parametrize("shape", [
    {"seq": 2**63}, {"seq": 2**53}, {"change_id": "c" * 65}, {"change_id": "a\x00b"},
    {"kind": "k" * 33}, {"entity_id": "e" * 65}, {"created_at": "0001-01-01T00:00:00+14:00"},
])
def test_malformed_envelopes_are_a_clear_422_never_a_5xx(a, central, shape):
    one = dict(change(1, "case", case_payload(WIN_A, 1)), **shape)
    resp = a.post("/v1/push", json=push_body(WIN_A, [one]))
    assert resp.status_code == 422, resp.text[:300]
    assert resp.json()["code"] == "invalid"


def test_a_far_seq_jump_is_refused_and_does_not_poison_the_high_water_mark(a, central):
    res = _push(a, [change(1, "case", case_payload(WIN_A, 1)), change(10**9, "case", case_payload(WIN_A, 2))])
    assert [r["status"] for r in res] == ["applied", "rejected"]
    assert central.scalar("SELECT max(seq) FROM changes") == 1


def test_a_database_error_on_one_change_is_that_change_s_rejection(a, central, monkeypatch):
    from sqlalchemy.exc import DataError

    from clerk_app.server import push

    real = push._HANDLERS["notice"]

    def exploding(conn, window_id, items, now):
        if any(it.payload.get("id") == "boom" for it in items):
            raise DataError("INSERT", {}, ValueError("value too long"))
        return real(conn, window_id, items, now)

    monkeypatch.setitem(push._HANDLERS, "notice", exploding)
    ok = notice_payload(WIN_A, 1)
    boom = notice_payload(WIN_A, 2, notice_id="boom")
    res = _push(a, [change(1, "notice", ok), change(2, "notice", boom), change(3, "case", case_payload(WIN_A, 1))])
    assert [r["status"] for r in res] == ["applied", "rejected", "applied"]
    assert "数据库" in res[1]["reason"]
    assert central.scalar("SELECT count(*) FROM notices") == 1
    assert central.scalar("SELECT count(*) FROM cases") == 1
    assert central.scalar("SELECT count(*) FROM changes") == 3


def test_tally_since_year_one_is_not_a_server_error(a):
    resp = a.get(f"/v1/windows/{WIN_A}/tally", params={"since": "0001-01-01"})
    assert resp.status_code in (200, 422) and resp.status_code < 500
