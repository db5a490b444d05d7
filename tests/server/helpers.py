"""Hand-made pushes for server tests (no window needed)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from clerk_app.protocol.records import (
    CaseEventChange,
    CaseRecord,
    ClerkSnapshot,
    EventRecord,
    ItemSnapshot,
    NoticeRecord,
    PartySnapshot,
)

WIN_A = "31010701003"
WIN_B = "31010701004"
NOW = "2026-11-23T10:00:00"


def case_no(window_id: str, n: int) -> str:
    return f"S{window_id}261123{n:04d}"


def case_payload(window_id: str, n: int, status: str = "accepted", case_id: str | None = None) -> dict[str, Any]:
    """A case as a window pushes it: the typed record's JSON, so the shape is never faked here."""
    event = EventRecord.model_validate({"id": str(uuid.uuid4()), "at": NOW, "from": None, "to": status,
                                        "actor": "张三", "source": "window", "note": ""})
    return CaseRecord(
        id=case_id or str(uuid.uuid4()), case_no=case_no(window_id, n), window_id=window_id, status=status,
        outcome="accepted", rules_outcome="accepted", catalogue_version="demo",
        items=[ItemSnapshot(code="000162001000", name="户外招牌设置", situation="new")],
        applicant=PartySnapshot(kind="person", name="张三", id_number="11010519491231002X"),
        received_at=NOW, clerk=ClerkSnapshot(id="local", name="张三"), created_at=NOW, updated_at=NOW,
        events=[event],
    ).to_json()


def notice_payload(window_id: str, n: int, notice_id: str | None = None) -> dict[str, Any]:
    """A one-time notice as a window pushes it (the typed record's JSON)."""
    return NoticeRecord(
        id=notice_id or str(uuid.uuid4()), notice_no=f"N{window_id}261123{n:04d}", window_id=window_id,
        catalogue_version="demo", items=[ItemSnapshot(code="000162001000", name="户外招牌设置", situation="new")],
        applicant=PartySnapshot(kind="person", name="张三", id_number="11010519491231002X"),
        created_at=NOW, clerk=ClerkSnapshot(id="local", name="张三"),
    ).to_json()


def event_payload(case: dict[str, Any], to: str, frm: str | None = None, source: str = "window") -> dict[str, Any]:
    return CaseEventChange.model_validate({
        "case_id": case["id"], "case_no": case["case_no"], "id": str(uuid.uuid4()), "at": NOW,
        "from": frm or case["status"], "to": to, "actor": "张三", "source": source, "note": ""}).to_json()


def change(seq: int, kind: str, payload: dict[str, Any], entity_id: str | None = None,
           change_id: str | None = None) -> dict[str, Any]:
    return {"seq": seq, "change_id": change_id or str(uuid.uuid4()), "kind": kind,
            "entity_id": entity_id if entity_id is not None else str(payload.get("id", "")),
            "created_at": NOW, "payload": payload}


def push_body(window_id: str, changes: list[dict[str, Any]]) -> dict[str, Any]:
    return {"window_id": window_id, "sent_at": datetime.now().astimezone().isoformat(), "changes": changes}


def deep(n: int) -> dict[str, Any]:
    """An object nested ``n`` levels deep: {"x": {"x": … {}}}."""
    root: dict[str, Any] = {}
    node = root
    for _ in range(n):
        node["x"] = {}
        node = node["x"]
    return root


def statuses(resp) -> list[str]:
    return [r["status"] for r in resp.json()["results"]]
