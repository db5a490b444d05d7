"""The centre accepts 好差评 notes whose detail reads back, and refuses ones the report could not read."""

from __future__ import annotations

import json
from datetime import date

import pytest

from clerk_app.domain.ratings import Rating, RatingLevel, Service
from clerk_app.server.check_change import BadChange, check_change

RATING = Rating("n1", "", RatingLevel.DISSATISFIED, Service.HAND_OUT, "李四（代张三）", "张三", ("等候时间长",),
                "排队一小时", date(2026, 11, 30))


def note(kind: str, detail: dict) -> dict:
    return {"schema_version": 3, "id": "9c1f6a0e-0000-4000-8000-000000000001", "case_id": "c-1",
            "case_no": "S310107010032611230001", "at": "2026-11-23T10:00:00", "kind": kind, "actor": "李四（代张三）",
            "text": "排队一小时", "detail": detail}


def check(payload: dict) -> None:
    check_change("case_note", payload, json.dumps(payload, ensure_ascii=False))


def test_a_rating_a_closure_and_a_plain_note_are_accepted():
    check(note("rating", RATING.detail()))
    check(note("rating_followup_closed", {"rating_id": "n1", "action": "已回访致歉"}))
    check(note("note", {}))


@pytest.mark.parametrize(("kind", "detail", "why"), [
    ("rating", {**RATING.detail(), "level": "excellent"}, "评价）的 detail 无效"),
    ("rating", {"service": "intake"}, "评价）的 detail 无效"),
    ("rating", {**RATING.detail(), "followup_due": "下周"}, "评价）的 detail 无效"),
    ("rating_followup_closed", {"action": "已回访"}, "缺少 rating_id"),
    ("rating_followup_closed", {"rating_id": "n1"}, "缺少 action"),
])
def test_a_rating_note_the_report_could_not_read_is_refused(kind, detail, why):
    with pytest.raises(BadChange, match=why):
        check(note(kind, detail))


def test_pushed_rating_notes_are_stored_and_a_bad_one_refused_alone(central):
    from .helpers import WIN_A, case_payload, change, push_body, statuses

    case = case_payload(WIN_A, 1)
    good = dict(note("rating", RATING.detail()), case_id=case["id"], case_no=case["case_no"])
    closed = dict(note("rating_followup_closed", {"rating_id": good["id"], "action": "已回访致歉"}),
                  id="9c1f6a0e-0000-4000-8000-000000000002", case_id=case["id"])
    bad = dict(good, id="9c1f6a0e-0000-4000-8000-000000000003", detail={**RATING.detail(), "level": "great"})
    with central.http(central.token_for(WIN_A)) as c:
        resp = c.post("/v1/push", json=push_body(WIN_A, [
            change(1, "case", case), change(2, "case_note", good, good["id"]),
            change(3, "case_note", closed, closed["id"]), change(4, "case_note", bad, bad["id"])]))
    assert statuses(resp) == ["applied", "applied", "applied", "rejected"]
    assert "评价" in resp.json()["results"][3]["reason"]
    assert central.scalar("SELECT count(*) FROM changes WHERE kind = 'case_note' AND status = 'applied'") == 2
