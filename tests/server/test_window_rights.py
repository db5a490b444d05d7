"""The centre trusts no window beyond its rights: a window reports only the moves a window makes;
approval and "result ready" come from the back office, except a chief representative's
on-the-spot decision on an item the catalogue marks so (checked against the centre's roster)."""

from __future__ import annotations

import pytest

from clerk_app.server import publish

from .helpers import WIN_A, case_payload, change, event_payload, push_body, statuses

SPOT_ITEM = "000117001000"
OTHER_ITEM = "000117007000"


def _item_toml(code: str, spot: bool) -> str:
    return f'[item]\ncode = "{code}"\nname = "事项{code}"\ndepartment = "区市场监管局"\nchief_rep_decides = {str(spot).lower()}\n'


@pytest.fixture
def a(central):
    with central.engine.begin() as conn:
        publish.publish_catalogue(conn, "cat-v1", {f"items/{SPOT_ITEM}.toml": _item_toml(SPOT_ITEM, True),
                                                   f"items/{OTHER_ITEM}.toml": _item_toml(OTHER_ITEM, False)})
        publish.publish_roster(conn, "r1", [
            {"staff_no": "1003", "name": "王五", "enabled": True, "chief_rep": True},
            {"staff_no": "1001", "name": "张三", "enabled": True, "chief_rep": False},
            {"staff_no": "1009", "name": "赵六", "enabled": False, "chief_rep": True},
        ])
    with central.http(central.token_for(WIN_A)) as c:
        yield c


def _case(n: int, item: str = SPOT_ITEM, status: str = "accepted") -> dict:
    return dict(case_payload(WIN_A, n, status=status), catalogue_version="cat-v1",
                items=[{"code": item, "name": "x", "department": "区市场监管局"}])


def _move(case: dict, frm: str, to: str, actor: str) -> dict:
    return dict(event_payload(case, to, frm=frm), actor=actor)


def test_a_window_cannot_approve_its_own_case(a, central):
    """The issue's attack: a window moved its 食品经营许可 case to approved and result_ready."""
    case = _case(1, OTHER_ITEM)
    resp = a.post("/v1/push", json=push_body(WIN_A, [
        change(1, "case", case), change(2, "case_event", _move(case, "accepted", "approved", "张三"), case["id"]),
        change(3, "case_event", _move(case, "approved", "result_ready", "张三"), case["id"])]))
    assert statuses(resp) == ["applied", "rejected", "rejected"]
    assert "首席事务代表" in resp.json()["results"][1]["reason"]
    assert central.scalar("SELECT status FROM cases") == "accepted"
    assert central.scalar("SELECT count(*) FROM case_events") == 1


def test_result_ready_after_a_back_office_approval_is_the_back_office_s(a, central):
    case = _case(1)
    a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", case)]))
    assert central.decide(case["case_no"], "approve").status_code == 200
    resp = a.post("/v1/push", json=push_body(WIN_A, [
        change(2, "case_event", _move(case, "approved", "result_ready", "王五"), case["id"])]))
    assert statuses(resp) == ["rejected"]
    assert central.scalar("SELECT status FROM cases") == "approved"


@pytest.mark.parametrize("status", ["approved", "result_ready", "in_review", "handed_out"])
def test_a_new_case_must_arrive_in_an_intake_status(a, central, status):
    case = _case(1, status=status)
    resp = a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", case)]))
    assert statuses(resp) == ["rejected"]
    assert central.scalar("SELECT count(*) FROM cases") == 0


def test_a_new_case_cannot_carry_an_approval_in_its_history(a, central):
    case = _case(1, OTHER_ITEM, status="approved")
    case["events"] = [dict(case["events"][0], to="accepted"),
                      {"id": "e2", "at": case["received_at"], "from": "accepted", "to": "approved", "actor": "张三",
                       "source": "window", "note": ""}]
    resp = a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", case)]))
    assert statuses(resp) == ["rejected"]


def test_received_to_accepted_is_the_back_office_s(a, central):
    case = _case(1, status="received")
    resp = a.post("/v1/push", json=push_body(WIN_A, [
        change(1, "case", case), change(2, "case_event", _move(case, "received", "accepted", "王五"), case["id"])]))
    assert statuses(resp) == ["applied", "rejected"]


def test_a_chief_representative_decides_a_marked_item_on_the_spot(a, central):
    case = _case(1)
    resp = a.post("/v1/push", json=push_body(WIN_A, [
        change(1, "case", case), change(2, "case_event", _move(case, "accepted", "approved", "王五"), case["id"]),
        change(3, "case_event", _move(case, "approved", "result_ready", "王五"), case["id"]),
        change(4, "case_event", _move(case, "result_ready", "handed_out", "张三"), case["id"])]))
    assert statuses(resp) == ["applied"] * 4
    assert central.scalar("SELECT status FROM cases") == "handed_out"


@pytest.mark.parametrize("item, actor, words", [
    (SPOT_ITEM, "张三", "不是在岗的首席事务代表"),  # not a chief representative
    (SPOT_ITEM, "赵六", "不是在岗的首席事务代表"),  # disabled in the roster
    (SPOT_ITEM, "王五（代张三）", "张三"),  # a substitute needs both to hold the power
    (OTHER_ITEM, "王五", "未授权首席事务代表当场决定"),  # the item is not marked
])
def test_on_the_spot_refused_without_the_rights(a, central, item, actor, words):
    case = _case(1, item)
    resp = a.post("/v1/push", json=push_body(WIN_A, [
        change(1, "case", case), change(2, "case_event", _move(case, "accepted", "approved", actor), case["id"])]))
    assert statuses(resp) == ["applied", "rejected"]
    assert words in resp.json()["results"][1]["reason"]


def test_window_moves_still_flow(a, central):
    tolerated = _case(1, status="accepted_tolerated")
    other = _case(2)
    resp = a.post("/v1/push", json=push_body(WIN_A, [
        change(1, "case", tolerated), change(2, "case", other),
        change(3, "case_event", _move(tolerated, "accepted_tolerated", "accepted", "张三"), tolerated["id"]),
        change(4, "case_event", _move(other, "accepted", "withdrawn", "张三"), other["id"])]))
    assert statuses(resp) == ["applied"] * 4
