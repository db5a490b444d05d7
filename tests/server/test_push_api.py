"""POST /v1/push: per-change answers, idempotent retries, conflicts reported, unknown kinds kept."""

from __future__ import annotations

import pytest

from .helpers import WIN_A, case_payload, change, event_payload, push_body, statuses


@pytest.fixture
def a(central):
    with central.http(central.token_for(WIN_A)) as c:
        yield c


def test_batch_applied_then_retry_is_all_duplicates(a, central):
    cases = [case_payload(WIN_A, n) for n in range(1, 4)]
    body = push_body(WIN_A, [change(i, "case", c) for i, c in enumerate(cases, start=1)])

    first = a.post("/v1/push", json=body)
    again = a.post("/v1/push", json=body)

    assert first.status_code == 200 and statuses(first) == ["applied"] * 3
    assert first.json()["high_seq"] == 3
    assert statuses(again) == ["duplicate"] * 3
    assert {r["original"] for r in again.json()["results"]} == {"applied"}
    assert central.scalar("SELECT count(*) FROM cases") == 3
    assert central.scalar("SELECT count(*) FROM case_events") == 3


def test_same_seq_other_content_is_a_conflict_and_kept_aside(a, central):
    first = change(1, "case", case_payload(WIN_A, 1))
    a.post("/v1/push", json=push_body(WIN_A, [first]))
    restored = change(1, "case", case_payload(WIN_A, 2))  # e.g. a window restored from an old backup

    resp = a.post("/v1/push", json=push_body(WIN_A, [restored]))

    [res] = resp.json()["results"]
    assert res["status"] == "conflict" and "旧备份" in res["reason"]
    assert central.scalar("SELECT count(*) FROM cases") == 1
    assert central.scalar("SELECT case_no FROM cases") == first["payload"]["case_no"]
    assert central.scalar("SELECT count(*) FROM change_conflicts WHERE seq = 1") == 1


def test_same_change_id_with_other_content_is_a_conflict(a, central):
    original = change(1, "case", case_payload(WIN_A, 1))
    a.post("/v1/push", json=push_body(WIN_A, [original]))
    tampered = dict(original, payload=case_payload(WIN_A, 1, case_id=original["payload"]["id"], status="received"))

    [res] = a.post("/v1/push", json=push_body(WIN_A, [tampered])).json()["results"]

    assert res["status"] == "conflict"
    assert central.scalar("SELECT status FROM cases") == "accepted"


def test_unknown_kinds_are_stored_not_dropped(a, central):
    body = push_body(WIN_A, [change(1, "print", {"number": "S310107010032611230001", "kind": "voucher"}, "p1"),
                             change(2, "handout_v9", {"anything": [1, 2, 3]}, "h1")])
    resp = a.post("/v1/push", json=body)
    assert statuses(resp) == ["applied", "applied"]
    assert central.scalar("SELECT count(*) FROM changes WHERE kind IN ('print', 'handout_v9')") == 2


def test_status_moves_are_checked_by_the_state_machine(a, central):
    case = case_payload(WIN_A, 1, status="accepted")
    ok = event_payload(case, "withdrawn")
    bad = event_payload(dict(case, status="withdrawn"), "handed_out")
    resp = a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", case), change(2, "case_event", ok, case["id"]),
                                                     change(3, "case_event", bad, case["id"])]))

    assert statuses(resp) == ["applied", "applied", "rejected"]
    assert "不能从“已撤回”变为“已出件（领取）”" in resp.json()["results"][2]["reason"]
    assert central.scalar("SELECT status FROM cases") == "withdrawn"
    assert central.scalar("SELECT status FROM changes WHERE seq = 3") == "rejected"
    # A retry of the refused change is answered the same way, not silently as applied.
    [again] = a.post("/v1/push", json=push_body(WIN_A, [change(3, "case_event", bad, case["id"],
                                                                resp.json()["results"][2]["change_id"])]
                                                )).json()["results"]
    assert again["status"] == "duplicate" and again["original"] == "rejected"


def test_window_cannot_report_back_office_decisions(a, central):
    case = case_payload(WIN_A, 1)
    fake = event_payload(case, "approved", source="back_office")
    resp = a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", case), change(2, "case_event", fake)]))
    assert statuses(resp) == ["applied", "rejected"]
    assert central.scalar("SELECT status FROM cases") == "accepted"


def test_events_are_ordered_by_arrival_not_by_device_clock(a, central):
    case = case_payload(WIN_A, 1, status="accepted_tolerated")
    late_clock = dict(event_payload(case, "accepted"), at="2020-01-01T00:00:00")  # a window clock far behind
    a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", case), change(2, "case_event", late_clock)]))
    with central.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT to_status FROM case_events ORDER BY case_seq").scalars().all()
    assert rows == ["accepted_tolerated", "accepted"]


def test_malformed_entries_are_rejected_one_by_one(a, central):
    resp = a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", {"id": "x"}),
                                                     change(2, "case", case_payload(WIN_A, 2))]))
    assert statuses(resp) == ["rejected", "applied"]
    assert "缺少 case_no" in resp.json()["results"][0]["reason"]


def test_a_malformed_request_is_a_422_in_chinese(a):
    resp = a.post("/v1/push", json={"window_id": WIN_A, "changes": [{"seq": 0}]})
    assert resp.status_code == 422
    assert resp.json()["code"] == "invalid" and "请求格式不正确" in resp.json()["message"]


def test_a_payload_that_is_not_a_record_is_refused_naming_the_field(a, central):
    bad = case_payload(WIN_A, 1)
    bad["applicant"] = {"kind": "person"}  # no name
    bad["materials"] = [{"key": "x", "name": "申请表", "form": "original", "status": "original", "verdict": "ok",
                         "copies": "many"}]
    resp = a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", bad), change(2, "case", case_payload(WIN_A, 2))]))
    assert statuses(resp) == ["rejected", "applied"]
    reason = resp.json()["results"][0]["reason"]
    assert "缺少 applicant.name" in reason and "materials[0].copies" in reason
    assert central.scalar("SELECT count(*) FROM cases") == 1


def test_a_version_1_case_from_an_older_window_is_upgraded_on_arrival(a, central):
    """A v1 case kept half of each material line under ``detail``; it still applies."""
    old = case_payload(WIN_A, 1)
    del old["schema_version"]
    old["materials"] = [{"id": "m1", "position": 0, "key": "sign_application", "name": "申请表", "choice": None,
                         "form": "original", "copies": 1, "status": "original", "verdict": "ok", "problem": "",
                         "supplement_due": None, "supplied_at": None,
                         "detail": {"material_ids": ["sign_application"], "form_label": "原件", "required": True}}]
    resp = a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", old)]))
    assert statuses(resp) == ["applied"]
    assert central.scalar("SELECT count(*) FROM cases") == 1


def test_an_event_with_an_unknown_status_is_refused_by_field(a, central):
    case = case_payload(WIN_A, 1)
    bad = dict(event_payload(case, "accepted"), to="teleported")
    resp = a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", case), change(2, "case_event", bad)]))
    assert statuses(resp) == ["applied", "rejected"]
    reason = resp.json()["results"][1]["reason"]
    assert "to:" in reason or " to " in reason  # the field is named (by the record parser or the envelope check)
    assert "teleported" in reason or "to:" in reason
