"""POST /v1/audit: the centre keeps each window's hash chain and refuses a broken one."""

from __future__ import annotations

from datetime import datetime

import pytest

from clerk_app.protocol.audit_chain import GENESIS, entry_hash
from clerk_app.store import audit as store_audit

from .helpers import WIN_A


def chain(n: int, start_prev: str = GENESIS, start: int = 1) -> list[dict]:
    rows, prev = [], start_prev
    for seq in range(start, start + n):
        at = datetime(2026, 11, 23, 10, 0, seq % 60, 123).isoformat(timespec="microseconds")
        detail = {"n": seq, "who": "张三"}
        h = entry_hash(prev, seq, f"e{seq}", at, "张三", "case.create", f"S{seq}", detail)
        rows.append({"seq": seq, "entry_id": f"e{seq}", "at": at, "actor": "张三", "action": "case.create",
                     "subject": f"S{seq}", "detail": detail, "prev_hash": prev, "hash": h})
        prev = h
    return rows


def test_protocol_hash_is_the_store_hash():
    at = datetime(2026, 11, 23, 10, 0, 1, 5)
    detail = {"items": ["000117007000"], "due_date": "2026-12-04", "申请人": "某某"}
    assert entry_hash(GENESIS, 7, "id-7", at.isoformat(timespec="microseconds"), "张三", "case.create", "S1",
                      detail) == store_audit.entry_hash(GENESIS, 7, "id-7", at, "张三", "case.create", "S1", detail)


@pytest.fixture
def a(central):
    with central.http(central.token_for(WIN_A)) as c:
        yield c


def test_chain_is_stored_in_pieces_and_retries_are_harmless(a, central):
    rows = chain(5)
    assert a.post("/v1/audit", json={"window_id": WIN_A, "rows": rows[:3]}).json()["high_seq"] == 3
    again = a.post("/v1/audit", json={"window_id": WIN_A, "rows": rows[1:]}).json()
    assert again == {"high_seq": 5, "stored": 2, "duplicate": 2}
    assert central.scalar("SELECT count(*) FROM audit_entries") == 5


@pytest.mark.parametrize("damage", ["edited", "relinked", "gap"])
def test_a_broken_chain_is_refused_and_not_stored(a, central, damage):
    rows = chain(4)
    if damage == "edited":
        rows[2]["detail"] = {"n": 999}
    elif damage == "relinked":
        rows[2]["prev_hash"] = "f" * 64
    else:
        del rows[1]
    resp = a.post("/v1/audit", json={"window_id": WIN_A, "rows": rows})
    assert resp.status_code == 409 and "审计日志" in resp.json()["message"]
    assert central.scalar("SELECT count(*) FROM audit_entries") == 0


def test_rows_must_continue_from_what_the_centre_holds(a):
    resp = a.post("/v1/audit", json={"window_id": WIN_A, "rows": chain(2, start=5)})
    assert resp.status_code == 409 and "缺少第 4 条" in resp.json()["message"]


def test_a_row_with_a_nul_a_long_actor_and_a_lone_surrogate_is_kept_not_a_5xx(a, central):
    """An intake with a NUL in the override reason by a staff member with a 201-character name:
    the audit chain must still reach the centre (it is checked and kept, stored escaped)."""
    rows, prev = [], GENESIS
    for seq, detail in ((1, {"override_reason": "坚持\x00受理"}), (2, {"name": "张\ud800三"}), (3, {"n": 3})):
        at = datetime(2026, 11, 23, 10, 0, seq).isoformat(timespec="microseconds")
        actor = "李" * 201
        try:
            entry_hash(prev, seq, f"e{seq}", at, actor, "case.create", "S1", detail)
        except UnicodeEncodeError:  # the window cannot hash a lone surrogate either: skip that row
            continue
        rows.append({"seq": len(rows) + 1, "entry_id": f"e{seq}", "at": at, "actor": actor, "action": "case.create",
                     "subject": "S1", "detail": detail, "prev_hash": prev, "hash": ""})
        rows[-1]["hash"] = entry_hash(prev, len(rows), f"e{seq}", at, actor, "case.create", "S1", detail)
        prev = rows[-1]["hash"]
    import json as _json

    resp = a.post("/v1/audit", content=_json.dumps({"window_id": WIN_A, "rows": rows}).encode(),
                  headers={"Content-Type": "application/json"})
    assert resp.status_code == 200, resp.text[:300]
    assert resp.json()["stored"] == 2
    assert central.scalar("SELECT count(*) FROM audit_entries") == 2
    assert len(central.scalar("SELECT actor FROM audit_entries WHERE seq = 1")) == 201
