"""Apply one pushed batch in one transaction and answer per change.

1. Ownership of the whole batch is checked first (403, nothing stored).
2. Every change is inserted into ``changes`` with ``ON CONFLICT DO NOTHING``; the unique
   keys (window, seq) and (change_id) make a retried batch a no-op.
3. A change that was not inserted is a *duplicate* (same id and content: answered with
   what the first answer was) or a *conflict* (same seq or id, other content: kept in
   ``change_conflicts``, never applied).
4. New changes are applied by kind; unknown kinds stay stored in ``changes`` only.
"""

from __future__ import annotations

from itertools import groupby

from sqlalchemy import Connection, bindparam, func, or_, select, update

from clerk_app.protocol.messages import PushRequest, PushResponse
from clerk_app.server.apply_events import apply_events
from clerk_app.server.apply_records import apply_cases, apply_notices
from clerk_app.server.batch import Item
from clerk_app.server.clock import aware, to_utc_naive, utcnow
from clerk_app.server.db import insert_ignore
from clerk_app.server.errors import Invalid
from clerk_app.server.models import Change, ChangeConflict
from clerk_app.server.ownership import check_batch
from clerk_app.server.windows import Caller, require_window

CH = Change.__table__
CONFLICTS = ChangeConflict.__table__


def high_seq(conn: Connection, window_id: str) -> int:
    return int(conn.execute(select(func.max(CH.c.seq)).where(CH.c.window_id == window_id)).scalar() or 0)


def apply_push(conn: Connection, caller: Caller, req: PushRequest) -> PushResponse:
    window_id = require_window(caller, req.window_id)
    seqs = [c.seq for c in req.changes]
    if len(set(seqs)) != len(seqs) or len({c.change_id for c in req.changes}) != len(seqs):
        raise Invalid("同一批变更中有重复的序号或变更标识")
    check_batch(conn, window_id, req.changes)
    now = utcnow()
    items = sorted((Item.of(c) for c in req.changes), key=lambda it: it.seq)
    if items:
        fresh = _store(conn, window_id, items, now)
        new = [it for it in items if it.seq in fresh]
        for kind, group in groupby(sorted(new, key=lambda it: _ORDER.get(it.change.kind, 9)),
                                   key=lambda it: it.change.kind):
            handler = _HANDLERS.get(kind)
            if handler is not None:
                handler(conn, window_id, list(group), now)
        _mark_refused(conn, window_id, [it for it in new if it.status != "applied"])
    return PushResponse(results=[it.result() for it in items], high_seq=high_seq(conn, window_id),
                        server_time=aware(utcnow()))


_ORDER = {"case": 0, "notice": 1, "case_event": 2}
_HANDLERS = {
    "case": apply_cases,
    "notice": apply_notices,
    "case_event": lambda conn, _wid, items, now: apply_events(conn, items, now),
}


def _store(conn: Connection, window_id: str, items: list[Item], now) -> set[int]:
    rows = [{"window_id": window_id, "seq": it.seq, "change_id": it.change.change_id, "kind": it.change.kind,
             "entity_id": it.change.entity_id, "payload": it.payload, "content_hash": it.content_hash,
             "device_created_at": to_utc_naive(it.change.created_at), "received_at": now,
             "status": "applied", "reason": None} for it in items]
    fresh = set(conn.execute(insert_ignore(conn, CH).returning(CH.c.seq), rows).scalars())
    old = [it for it in items if it.seq not in fresh]
    if old:
        _classify(conn, window_id, old, now)
    return fresh


def _classify(conn: Connection, window_id: str, old: list[Item], now) -> None:
    found = conn.execute(
        select(CH.c.window_id, CH.c.seq, CH.c.change_id, CH.c.content_hash, CH.c.status, CH.c.reason)
        .where(or_(CH.c.change_id.in_([it.change.change_id for it in old]),
                   (CH.c.window_id == window_id) & CH.c.seq.in_([it.seq for it in old])))
    ).all()
    by_seq = {f.seq: f for f in found if f.window_id == window_id}
    by_id = {f.change_id: f for f in found}
    conflicts = []
    for it in old:
        ex = by_seq.get(it.seq)
        if ex is not None and ex.change_id == it.change.change_id and ex.content_hash == it.content_hash:
            it.status, it.original, it.reason = "duplicate", ex.status, ex.reason
            continue
        if ex is not None:
            it.reject(f"中心已收到本窗口第 {it.seq} 条变更，但内容不同：本机数据可能从旧备份恢复，请联系管理员",
                      "conflict")
        else:
            other = by_id.get(it.change.change_id)
            it.reject(f"变更标识 {it.change.change_id} 在中心已用于"
                      f"{'其他窗口' if other is not None and other.window_id != window_id else f'第 {other.seq if other else 0} 条变更'}",
                      "conflict")
        conflicts.append({"window_id": window_id, "seq": it.seq, "change_id": it.change.change_id,
                          "kind": it.change.kind, "payload": it.payload, "content_hash": it.content_hash,
                          "reason": it.reason, "received_at": now})
    if conflicts:
        conn.execute(CONFLICTS.insert(), conflicts)


def _mark_refused(conn: Connection, window_id: str, refused: list[Item]) -> None:
    if refused:
        conn.execute(
            update(CH).where(CH.c.window_id == window_id, CH.c.seq == bindparam("b_seq"))
            .values(status=bindparam("b_status"), reason=bindparam("b_reason")),
            [{"b_seq": it.seq, "b_status": it.status, "b_reason": it.reason} for it in refused],
        )
