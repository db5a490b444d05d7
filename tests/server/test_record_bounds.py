"""A pushed payload that parses into its record is checked from the record (``record_bounds``)
instead of by walking every value, and is refused or accepted exactly as the walk would.

Each hostile payload below is a real case record with one thing wrong, placed where the record's
types do not look (a field a newer window added, a note's free ``detail``) or where they do (an
int or a list of a typed field): the verdict and the reason must be the walk's, whichever way
the check went."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from clerk_app.protocol.record_bounds import record_looks_safe
from clerk_app.protocol.records import RECORD_VERSION, MaterialLine, RecordError, parse_payload
from clerk_app.protocol.safe_json import MAX_DEPTH, MAX_ITEMS
from clerk_app.server.check_change import BadChange, check_change

from .helpers import WIN_A, case_payload, deep


def _case() -> dict[str, Any]:
    case = case_payload(WIN_A, 1)
    line = MaterialLine(key="id_card", name="身份证", form="original", status="ok", verdict="ok",
                        review_points=["与本人一致"], copies=1, originals=1)
    case["materials"] = [line.to_json(), line.to_json()]
    return case


def _set(path: str, value: Any) -> Any:
    def mutate(p: dict) -> None:
        *parents, last = path.split(".")
        node: Any = p
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value
    return mutate


MUTATIONS = {
    "a newer window's field": (_set("new_field", {"a": [1, 2, "三"]}), None),
    "an extra field in a material": (_set("materials.1.scan_pages", [1, 2, 3]), None),
    "an extra nested too deep": (_set("extra", deep(MAX_DEPTH)), "嵌套过深"),
    "an extra in a material nested too deep": (_set("materials.0.extra", deep(MAX_DEPTH - 3)), "嵌套过深"),
    "an extra just within the depth": (_set("materials.0.extra", deep(MAX_DEPTH - 4)), None),
    "an extra key too long": (_set("materials.0." + "k" * 201, 1), "的键"),
    "an extra int out of range": (_set("applicant.score", 2**63), "数值超出范围"),
    "an extra float not finite": (_set("ratio", float("inf")), "不是有效数值"),
    "an extra list too long": (_set("pages", list(range(MAX_ITEMS + 1))), "成员过多"),
    "an extra string too long": (_set("memo", "长" * 100_001), "过长"),
    "a typed int out of range": (_set("materials.0.copies", 2**63), "数值超出范围"),
    "a typed int at the edge": (_set("materials.0.copies", 2**63 - 1), None),
    "a typed list too long": (_set("materials.0.review_points", ["x"] * (MAX_ITEMS + 1)), "成员过多"),
    "a NUL in a typed string": (_set("applicant.address", "上海\x00"), "空字符"),
    "a control character in an extra's key": (_set("materials.0.a\x1fb", 1), "控制字符"),
}


def _verdict(payload: dict, text: str, with_record: bool) -> tuple[str | None, bool]:
    record = None
    if with_record:
        try:
            record = parse_payload("case", payload)
        except RecordError:
            record = None
    try:
        check_change("case", payload, text, None, record)
    except BadChange as exc:
        return str(exc), record is not None
    return None, record is not None


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_the_record_check_agrees_with_the_walk(name):
    mutate, expected = MUTATIONS[name]
    payload = _case()
    mutate(payload)
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))

    fast, parsed = _verdict(payload, text, with_record=True)
    exact, _ = _verdict(copy.deepcopy(payload), text, with_record=False)

    assert fast == exact
    if expected is None:
        assert fast is None and parsed
        assert record_looks_safe(parse_payload("case", payload), payload), "a good payload takes the record's way"
    else:
        assert fast is not None and expected in fast


def test_a_good_case_is_proven_safe_from_its_record():
    payload = _case()
    assert {"status_label", "outcome_label"} <= set(payload), "computed fields, as the window dumps them"
    assert record_looks_safe(parse_payload("case", payload), payload)


def test_a_field_given_twice_under_its_name_and_its_alias_is_looked_at():
    """``from`` and ``from_`` are one field: pydantic reads one and drops the other unseen."""
    event = {"schema_version": RECORD_VERSION, "id": "e1", "at": "2026-11-23T10:00:00", "from": "received",
             "to": "accepted", "case_id": "c1", "from_": deep(MAX_DEPTH)}
    record = parse_payload("case_event", event)
    assert not record_looks_safe(record, event)
    with pytest.raises(BadChange, match="嵌套过深"):
        check_change("case_event", event, json.dumps(event), None, record)


def test_a_note_s_free_detail_is_walked():
    note = {"schema_version": RECORD_VERSION, "id": "n1", "case_id": "c1", "at": "2026-11-23T10:00:00",
            "kind": "note", "detail": deep(MAX_DEPTH)}
    record = parse_payload("case_note", note)
    assert not record_looks_safe(record, note)
    with pytest.raises(BadChange, match="嵌套过深"):
        check_change("case_note", note, json.dumps(note), None, record)
    note["detail"] = {"k": [1, 2]}
    assert record_looks_safe(parse_payload("case_note", note), note)


def test_an_int_or_a_list_without_declared_bounds_is_looked_at():
    """A field added later as a plain ``int`` or ``list`` (not ``records.Int64`` / ``Items``)
    is still checked, value by value."""
    from pydantic import BaseModel, Field

    class Loose(BaseModel):
        n: int = 0
        m: int | None = None
        bounded: int = Field(0, ge=-5, le=5)
        tags: list[str] = Field(default_factory=list)

    def safe(**data: Any) -> bool:
        return record_looks_safe(Loose.model_validate(data), data)

    assert safe(n=2**63 - 1, m=-(2**63) + 1, tags=["a"] * MAX_ITEMS, bounded=5)
    assert not safe(n=2**63)
    assert not safe(m=-(2**63))
    assert not safe(tags=["a"] * (MAX_ITEMS + 1))
