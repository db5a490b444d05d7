"""The centre takes ``handout`` changes from older windows and from windows with the results-out
fields (collector role, 授权委托书, courier code, cost bearer), and refuses a malformed one alone."""

from __future__ import annotations

import json

import pytest

from .helpers import NOW, WIN_A, case_no, change, push_body


@pytest.fixture
def a(central):
    with central.http(central.token_for(WIN_A)) as c:
        yield c


def _push(a, changes):
    resp = a.post("/v1/push", content=json.dumps(push_body(WIN_A, changes)).encode(),
                  headers={"Content-Type": "application/json"})
    assert resp.status_code == 200, resp.text[:500]
    return resp.json()["results"]


def _old(n: int) -> dict:
    """A hand-out as windows wrote it before results out (schema 3, no new fields)."""
    return {"schema_version": 3, "id": f"h{n}", "case_id": f"c{n}", "case_no": case_no(WIN_A, n), "method": "window",
            "result": "就业创业证", "receiver": {"kind": "person", "name": "王小明", "id_number": "", "phone": ""},
            "courier": "", "tracking_no": "", "address": "", "note": "", "handed_at": NOW,
            "clerk": {"id": "s1", "name": "张三", "badge": "A017"}}


def _agent(n: int) -> dict:
    return {**_old(n), "receiver": {"kind": "person", "name": "李四", "id_number": "H12345678", "phone": "",
                                    "id_type": "hk_mo_permit"},
            "receiver_role": "agent", "authorisation_kept": True, "authorisation_scope": "代为领取办理结果",
            "authorisation_date": "2026-11-20"}


def _mailed(n: int) -> dict:
    return {**_old(n), "method": "mail", "receiver": {"kind": "person", "name": "张三", "phone": "13800138000"},
            "courier": "顺丰速运", "courier_code": "sf", "tracking_no": "SF1234567890123",
            "address": "上海市普陀区长寿路1号", "cost_bearer": "government"}


def test_old_and_new_handouts_are_taken(a, central):
    res = _push(a, [change(1, "handout", _old(1), "h1"), change(2, "handout", _agent(2), "h2"),
                    change(3, "handout", _mailed(3), "h3")])
    assert [r["status"] for r in res] == ["applied", "applied", "applied"]
    assert central.scalar("SELECT count(*) FROM changes WHERE kind = 'handout' AND status = 'applied'") == 3


@pytest.mark.parametrize(("edit", "words"), [
    ({"receiver_role": "neighbour"}, "receiver_role"),
    ({"cost_bearer": "courier"}, "cost_bearer"),
    ({"authorisation_kept": "yes"}, "authorisation_kept"),
    ({"authorisation_date": "next week"}, "authorisation_date"),
    ({"method": "drone"}, "method"),
    ({"tracking_no": "S" * 65}, "tracking_no"),
    ({"authorisation_scope": "代" * 201}, "authorisation_scope"),
])
def test_a_malformed_handout_is_refused_alone_naming_the_field(a, central, edit, words):
    res = _push(a, [change(1, "handout", {**_agent(1), **edit}, "h1"), change(2, "handout", _mailed(2), "h2")])
    assert [r["status"] for r in res] == ["rejected", "applied"]
    assert words in res[0]["reason"] and "出件记录" in res[0]["reason"]
