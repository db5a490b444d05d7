"""Apply one pushed batch in one transaction and answer per change.

1. Ownership of the whole batch is checked first (403, nothing stored).
2. The window's row is locked, so its pushes apply one at a time on any number of server
   processes; changes the centre holds already (by (window, seq) or change id) are a
   *duplicate* (same content: answered with what the first answer was) or a *conflict*
   (other content: kept in ``change_conflicts``, never applied). The rest are inserted in
   bulk; the unique keys on (window, seq) and change id remain the final guard.
4. New changes are applied by kind; unknown kinds stay stored in ``changes`` only.
"""

from __future__ import annotations

from itertools import groupby

from sqlalchemy import Connection, bindparam, func, or_, select, update

from clerk_app.protocol.messages import PushRequest, PushResponse
from clerk_app.server.apply_events import apply_events
from clerk_app.server.apply_records import apply_cases, apply_notices
from clerk_app.server.batch import PushedChange
from clerk_app.server.bulk import bulk_insert
from clerk_app.server.clock import aware, to_utc_naive, utcnow
from clerk_app.server.db import one_of
from clerk_app.server.errors import Invalid
from clerk_app.server.models import Change, ChangeConflict
from clerk_app.server.ownership import check_batch
from clerk_app.server.windows import Caller, lock_window, require_window

CH = Change.__table__
CONFLICTS = ChangeConflict.__table__


def high_seq(conn: Connection, window_id: str) -> int:
    return int(conn.execute(select(func.max(CH.c.seq)).where(CH.c.window_id == window_id)).scalar() or 0)


def apply_push(conn: Connection, caller: Caller, req: PushRequest) -> PushResponse:
    window_id = require_window(caller, req.window_id)
    seqs = [c.seq for c in req.changes]
    if len(set(seqs)) != len(seqs) or len({c.change_id for c in req.changes}) != len(seqs):
        raise Invalid("同一批变更中有重复的序号或变更标识")
    items = sorted((PushedChange.of(c) for c in req.changes), key=lambda it: it.seq)
    check_batch(conn, window_id, items)
    lock_window(conn, window_id)
    now = utcnow()
    if items:
        fresh = _store(conn, window_id, items, now)
        new = [it for it in items if it.seq in fresh]
        for kind, group in groupby(sorted(new, key=lambda it: _ORDER.get(it.change.kind, 9)),
                                   key=lambda it: it.change.kind):
            handler = _HANDLERS.get(kind)
            ready = [it for it in group if it.status == "applied"]
            if handler is not None and ready:
                handler(conn, window_id, ready, now)
        _mark_refused(conn, window_id, [it for it in new if it.status != "applied"])
    return PushResponse(results=[it.result() for it in items], high_seq=high_seq(conn, window_id),
                        server_time=aware(utcnow()))


_ORDER = {"case": 0, "notice": 1, "case_event": 2}
_HANDLERS = {
    "case": apply_cases,
    "notice": apply_notices,
    "case_event": lambda conn, _wid, items, now: apply_events(conn, items, now),
}


def _store(conn: Connection, window_id: str, items: list[PushedChange], now) -> set[int]:
    """Insert the changes not held yet; classify the others as duplicates or conflicts."""
    found = conn.execute(
        select(CH.c.window_id, CH.c.seq, CH.c.change_id, CH.c.content_hash, CH.c.status, CH.c.reason)
        .where(or_(one_of(conn, CH.c.change_id, [it.change.change_id for it in items]),
                   (CH.c.window_id == window_id) & CH.c.seq.between(items[0].seq, items[-1].seq)))
    ).all()
    by_seq = {f.seq: f for f in found if f.window_id == window_id}
    by_id = {f.change_id: f for f in found}
    old = [it for it in items if it.seq in by_seq or it.change.change_id in by_id]
    if old:
        _classify(conn, window_id, old, by_seq, by_id, now)
    new = [it for it in items if it.seq not in by_seq and it.change.change_id not in by_id]
    bulk_insert(conn, CH, [
        {"window_id": window_id, "seq": it.seq, "change_id": it.change.change_id, "kind": it.change.kind,
         "entity_id": it.change.entity_id, "payload": it.text, "content_hash": it.content_hash,
         "device_created_at": to_utc_naive(it.change.created_at), "received_at": now,
         "status": "applied", "reason": None} for it in new], raw_json=("payload",))
    return {it.seq for it in new}


def _classify(conn: Connection, window_id: str, old: list[PushedChange], by_seq: dict, by_id: dict, now) -> None:
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
            other = by_id[it.change.change_id]
            where = "其他窗口的变更" if other.window_id != window_id else f"本窗口第 {other.seq} 条变更"
            it.reject(f"变更标识 {it.change.change_id} 在中心已用于{where}", "conflict")
        conflicts.append({"window_id": window_id, "seq": it.seq, "change_id": it.change.change_id,
                          "kind": it.change.kind, "payload": it.payload or {"unreadable": it.text},
                          "content_hash": it.content_hash, "reason": it.reason, "received_at": now})
    if conflicts:
        conn.execute(CONFLICTS.insert(), conflicts)


def _mark_refused(conn: Connection, window_id: str, refused: list[PushedChange]) -> None:
    if refused:
        conn.execute(
            update(CH).where(CH.c.window_id == window_id, CH.c.seq == bindparam("b_seq"))
            .values(status=bindparam("b_status"), reason=bindparam("b_reason")),
            [{"b_seq": it.seq, "b_status": it.status, "b_reason": it.reason} for it in refused],
        )
