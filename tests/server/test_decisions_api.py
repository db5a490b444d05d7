"""Back-office decisions: validated by the state machine, idempotent by decision id, streamed."""

from __future__ import annotations

import pytest

from .helpers import WIN_A, case_payload, change, push_body


@pytest.fixture
def case(central):
    c = case_payload(WIN_A, 1, status="accepted")
    with central.http(central.token_for(WIN_A)) as a:
        a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", c)]))
    return c


def test_the_result_loop_is_validated_step_by_step(central, case):
    steps = [("supplement", "supplement_requested"), ("review", "in_review"), ("approve", "approved"),
             ("ready", "result_ready")]
    for action, status in steps:
        resp = central.decide(case["case_no"], action, missing=["营业执照副本"] if action == "supplement" else None)
        assert resp.status_code == 200, resp.text
        assert resp.json()["to_status"] == status
    assert central.scalar("SELECT status FROM cases") == "result_ready"
    assert central.scalar("SELECT count(*) FROM stream_items WHERE stream = 'decisions'") == 4
    note = central.scalar("SELECT note FROM case_events WHERE to_status = 'supplement_requested'")
    assert "营业执照副本" in note


def test_an_illegal_decision_is_409_and_publishes_nothing(central, case):
    resp = central.decide(case["case_no"], "ready")  # accepted -> result_ready skips the decision
    assert resp.status_code == 409
    assert "不能从“已受理”变为“待出件”" in resp.json()["message"]
    assert central.scalar("SELECT count(*) FROM stream_items") == 0
    assert central.scalar("SELECT status FROM cases") == "accepted"


def test_a_retried_decision_is_not_a_second_decision(central, case):
    body = {"decision_id": "dept-42-0001", "case_no": case["case_no"], "action": "approve"}
    with central.back_office() as bo:
        first = bo.post("/v1/backoffice/decisions", json=body)
        again = bo.post("/v1/backoffice/decisions", json=body)
    assert first.json()["status"] == "applied" and again.json()["status"] == "duplicate"
    assert again.json()["cursor"] == first.json()["cursor"]
    assert central.scalar("SELECT count(*) FROM case_events WHERE source = 'back_office'") == 1


def test_unknown_case_is_404(central):
    resp = central.decide("S310107010032611239999", "approve")
    assert resp.status_code == 404 and "没有编号" in resp.json()["message"]
