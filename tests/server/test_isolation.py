"""A window reads and writes only its own data: anything else is 403 and nothing of it is stored."""

from __future__ import annotations

import pytest

from .helpers import WIN_A, WIN_B, case_no, case_payload, change, event_payload, push_body


@pytest.fixture
def pair(central):
    a = central.http(central.token_for(WIN_A))
    b = central.http(central.token_for(WIN_B))
    case = case_payload(WIN_A, 1)
    assert a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", case)])).status_code == 200
    yield a, b, case
    a.close()
    b.close()


def _b_changes(central) -> int:
    return central.scalar("SELECT count(*) FROM changes WHERE window_id = :w", w=WIN_B)


@pytest.mark.parametrize("attack", [
    "case_with_a_number", "event_on_a_case", "claims_window_a", "case_id_of_a", "print_of_a_number",
])
def test_pushing_another_windows_data_is_refused_whole(pair, central, attack):
    a, b, case = pair
    own = change(1, "case", case_payload(WIN_B, 1))  # a legitimate change in the same batch
    bad = {
        "case_with_a_number": change(2, "case", case_payload(WIN_A, 7) | {"window_id": WIN_B}),
        "event_on_a_case": change(2, "case_event", event_payload(case, "withdrawn")),
        "claims_window_a": change(2, "notice", {"id": "n1", "notice_no": "N310107010042611230001",
                                                "window_id": WIN_A}),
        "case_id_of_a": change(2, "case", case_payload(WIN_B, 2, case_id=case["id"])),
        "print_of_a_number": change(2, "print", {"number": case_no(WIN_A, 1)}),
    }[attack]

    resp = b.post("/v1/push", json=push_body(WIN_B, [own, bad]))

    assert resp.status_code == 403
    assert resp.json()["code"] == "forbidden" and "其他窗口" in resp.json()["message"]
    assert _b_changes(central) == 0
    assert central.scalar("SELECT count(*) FROM cases") == 1
    assert central.scalar("SELECT status FROM cases") == "accepted"


def test_pushing_as_another_window_is_refused(pair, central):
    _a, b, _case = pair
    resp = b.post("/v1/push", json=push_body(WIN_A, [change(2, "case", case_payload(WIN_A, 2))]))
    assert resp.status_code == 403
    assert central.scalar("SELECT count(*) FROM changes") == 1


def test_reading_another_windows_data_is_refused(pair, central):
    a, b, case = pair
    assert a.get(f"/v1/cases/{case['case_no']}").status_code == 200
    assert b.get(f"/v1/cases/{case['case_no']}").status_code == 403
    assert b.get(f"/v1/cases/{case_no(WIN_A, 99)}").status_code == 403  # even one that does not exist
    assert b.get(f"/v1/windows/{WIN_A}/tally").status_code == 403
    assert b.post("/v1/hello", json={"window_id": WIN_A, "protocol_version": 1,
                                     "device_time": "2026-11-23T10:00:00+08:00"}).status_code == 403
    assert b.post("/v1/audit", json={"window_id": WIN_A, "rows": []}).status_code == 403


def test_decisions_stream_only_to_the_cases_window(pair, central):
    a, b, case = pair
    assert central.decide(case["case_no"], "approve").status_code == 200
    rows_a = a.post("/v1/pull", json={"cursors": {"decisions": 0}}).json()["streams"]["decisions"]["rows"]
    rows_b = b.post("/v1/pull", json={"cursors": {"decisions": 0}}).json()["streams"]["decisions"]["rows"]
    assert [r["data"]["case_no"] for r in rows_a] == [case["case_no"]]
    assert rows_b == []


def test_requests_without_a_valid_token_are_401(central):
    with central.http() as anon, central.http("not-a-token") as forged:
        for c in (anon, forged):
            assert c.post("/v1/pull", json={}).status_code == 401
            assert c.post("/v1/push", json=push_body(WIN_A, [])).status_code == 401
    assert central.scalar("SELECT count(*) FROM changes") == 0


def test_a_window_token_cannot_report_decisions(pair, central):
    a, _b, case = pair
    resp = a.post("/v1/backoffice/decisions", json={"decision_id": "d-12345678", "case_no": case["case_no"],
                                                   "action": "approve"})
    assert resp.status_code == 403
    assert central.scalar("SELECT status FROM cases") == "accepted"
