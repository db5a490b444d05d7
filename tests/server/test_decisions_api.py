"""Back-office decisions: validated by the state machine, idempotent by decision id, streamed."""

from __future__ import annotations

import json
import secrets

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


def _special(central, case_no, **fields):
    body = {"decision_id": fields.pop("decision_id", "dept-special-" + secrets.token_hex(4)),
            "case_no": case_no, "action": "special_procedure", **fields}
    with central.back_office() as bo:
        return bo.post("/v1/backoffice/decisions", json=body)


def test_a_special_procedure_is_streamed_to_the_window_without_moving_the_status(central, case):
    resp = _special(central, case["case_no"], procedure="expert_review", start="2026-11-24", days=5,
                    note="组织专家评审")
    assert resp.status_code == 200, resp.text
    assert resp.json()["to_status"] == resp.json()["from_status"] == "accepted"
    assert central.scalar("SELECT status FROM cases") == "accepted"
    data = central.scalar("SELECT data FROM stream_items WHERE stream = 'decisions'")
    data = data if isinstance(data, dict) else json.loads(data)
    assert (data["action"], data["procedure"], data["start"], data["days"]) == (
        "special_procedure", "expert_review", "2026-11-24", 5)


def test_a_retried_special_procedure_is_recorded_once(central, case):
    first = _special(central, case["case_no"], decision_id="dept-7-special", procedure="hearing",
                     start="2026-11-24", end="2026-11-26")
    again = _special(central, case["case_no"], decision_id="dept-7-special", procedure="hearing",
                     start="2026-11-24", end="2026-11-26")
    assert first.json()["status"] == "applied" and again.json()["status"] == "duplicate"
    assert central.scalar("SELECT count(*) FROM stream_items") == 1


@pytest.mark.parametrize(("fields", "reason"), [
    ({"procedure": "lunch", "start": "2026-11-24", "days": 2}, "procedure：须为"),
    ({"procedure": "hearing", "days": 2}, "start：须填写"),
    ({"procedure": "hearing", "start": "2026-11-24"}, "须且只能填写结束日期（end）或所需工作日（days）之一"),
    ({"procedure": "hearing", "start": "2026-11-24", "end": "2026-11-30", "days": 3}, "之一"),
    ({"procedure": "testing", "start": "2026-11-24", "end": "2026-11-20"}, "end：结束日期 2026-11-20 早于开始日期"),
    ({"procedure": "testing", "start": "2026-11-24", "days": 0}, "days：所需工作日须在 1–250 之间"),
    ({"procedure": "testing", "start": "2020-01-02", "days": 3}, "start：开始日期 2020-01-02 早于办件收件日期"),
])
def test_a_bad_special_procedure_is_refused_with_the_field_and_reason(central, case, fields, reason):
    resp = _special(central, case["case_no"], **fields)
    assert resp.status_code == 422, resp.text
    assert reason in resp.json()["message"]
    assert central.scalar("SELECT count(*) FROM stream_items") == 0


def test_special_procedure_fields_on_another_action_are_refused(central, case):
    with central.back_office() as bo:
        resp = bo.post("/v1/backoffice/decisions", json={
            "decision_id": "dept-8-approve", "case_no": case["case_no"], "action": "approve", "days": 3})
    assert resp.status_code == 422 and "days：仅用于特别程序" in resp.json()["message"]
    assert central.scalar("SELECT status FROM cases") == "accepted"


def test_no_special_procedure_once_the_case_is_decided(central, case):
    assert central.decide(case["case_no"], "approve").status_code == 200
    resp = _special(central, case["case_no"], procedure="hearing", start="2026-11-24", days=2)
    assert resp.status_code == 409 and "不能再记录特别程序" in resp.json()["message"]


def test_the_back_office_may_end_a_case_as_withdrawn(central, case):
    resp = central.decide(case["case_no"], "withdraw", note="容缺材料逾期未补齐，视为撤回申请")
    assert resp.status_code == 200 and resp.json()["to_status"] == "withdrawn"
