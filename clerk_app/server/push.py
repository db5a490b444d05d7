"""Apply one pushed batch in one transaction and answer per change.

1. Ownership of the whole batch is checked first (403, nothing stored); then every change
   is validated fully (``check_change``): a bad one is refused alone, its content not kept.
2. The window's row is locked, so its pushes apply one at a time on any number of server
   processes; changes the centre holds already (by (window, seq) or change id) are a
   *duplicate* (same content: answered with what the first answer was) or a *conflict*
   (other content: kept in ``change_conflicts``, never applied). The rest are inserted in
   bulk; the unique keys on (window, seq) and change id remain the final guard.
3. New changes are applied by kind; unknown kinds stay stored in ``changes`` only. All of it
   runs in a savepoint: if the database refuses anything, the changes are applied one by
   one in savepoints of their own and the one refused again is that change's rejection.
"""

from __future__ import annotations

import logging
from itertools import groupby

from sqlalchemy import Connection, bindparam, func, or_, select, update
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError, StatementError

from clerk_app.protocol.messages import PushRequest, PushResponse
from clerk_app.server.apply_enquiries import apply_enquiries
from clerk_app.server.apply_events import apply_events
from clerk_app.server.apply_records import apply_cases, apply_notices
from clerk_app.server.batch import PushedChange
from clerk_app.server.bulk import bulk_insert
from clerk_app.server.check_change import BadChange, check_change
from clerk_app.server.clock import aware, to_utc_naive, utcnow
from clerk_app.server.db import one_of
from clerk_app.server.errors import Invalid
from clerk_app.server.models import Change, ChangeConflict
from clerk_app.server.ownership import check_batch
from clerk_app.server.windows import Caller, lock_window, require_window

CH = Change.__table__
CONFLICTS = ChangeConflict.__table__
log = logging.getLogger(__name__)
MAX_SEQ_GAP = 10_000  # a window's seqs are gapless; a far jump is a bug and would poison its high-water mark


def _content_error(exc: BaseException) -> bool:
    """Whether ``exc`` is the database refusing what a change holds, as opposed to the
    database being unreachable or busy (that stays the batch's 503 and is retried)."""
    import sqlite3

    if isinstance(exc, OperationalError | InterfaceError | DisconnectionError | sqlite3.OperationalError):
        return False
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return False
    try:
        import psycopg

        if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
            return False
        if isinstance(exc, psycopg.Error):
            return True
    except ImportError:  # pragma: no cover - PostgreSQL support not installed
        pass
    return isinstance(exc, StatementError | sqlite3.Error | UnicodeError | ValueError | OverflowError
                      | RecursionError)


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
    high: int | None = None  # the window's high-water mark after this batch, when known without asking
    if items:
        held = high_seq(conn, window_id)  # no other push of this window can run until commit (the lock)
        _validate(items, held)
        storable = [it for it in items if it.storable]
        try:
            with conn.begin_nested():
                fresh = _store_and_apply(conn, window_id, storable, now)
            high = max([held, *fresh])
        except Exception as exc:
            if not _content_error(exc):
                raise
            # One change the database refuses must not fail the others: apply them one by one,
            # each in its own savepoint; the one that fails again is that change's rejection.
            log.warning("push from %s: batch failed in the database (%s); applying one by one",
                        window_id, exc.__class__.__name__)
            for it in storable:
                it.restart()
                _one_by_one(conn, window_id, it, now)
    return PushResponse(results=[it.result() for it in items],
                        high_seq=high_seq(conn, window_id) if high is None else high,
                        server_time=aware(utcnow()))


def _validate(items: list[PushedChange], held: int) -> None:
    """Full checks before anything is written: a bad change is refused on its own."""
    for it in items:
        if it.status != "applied":
            continue
        if it.seq > held + MAX_SEQ_GAP:
            it.reject(f"变更序号 {it.seq} 与中心已收到的最后序号 {held} 相差过大，未保存：本机数据可能异常，请联系管理员")
            it.storable = False
            continue
        try:
            check_change(it.change.kind, it.payload, it.text, it.utf8, it.record_if_valid())
        except BadChange as exc:
            it.reject(str(exc))
    for it in items:
        if it.status == "rejected":
            it.refused_early = True
            it.safe_copy()


def _store_and_apply(conn: Connection, window_id: str, items: list[PushedChange], now) -> set[int]:
    """Store the changes not held yet and apply them; the seqs stored."""
    if not items:
        return set()
    fresh = _store(conn, window_id, items, now)
    new = [it for it in items if it.seq in fresh]
    for kind, group in groupby(sorted(new, key=lambda it: _ORDER.get(it.change.kind, 9)),
                               key=lambda it: it.change.kind):
        handler = _HANDLERS.get(kind)
        ready = [it for it in group if it.status == "applied"]
        if handler is not None and ready:
            handler(conn, window_id, ready, now)
    _mark_refused(conn, window_id, [it for it in new if it.status != "applied"])
    return fresh


def _one_by_one(conn: Connection, window_id: str, it: PushedChange, now) -> None:
    try:
        with conn.begin_nested():
            _store_and_apply(conn, window_id, [it], now)
        return
    except Exception as exc:
        if not _content_error(exc):
            raise
        log.warning("push from %s: change %s refused by the database (%s)", window_id, it.seq,
                    exc.__class__.__name__)
        it.reject(f"中心数据库无法保存此变更（{exc.__class__.__name__}），请联系管理员检查其内容")
        it.refused_early = True
        it.safe_copy()
    try:  # keep the refusal, so a retry is answered the same way
        with conn.begin_nested():
            _store_and_apply(conn, window_id, [it], now)
    except Exception as exc:
        if not _content_error(exc):
            raise
        log.warning("push from %s: the refusal of change %s could not be kept either", window_id, it.seq)


_ORDER = {"case": 0, "notice": 1, "case_event": 2, "enquiry": 3}
_HANDLERS = {
    "case": apply_cases,
    "notice": apply_notices,
    "case_event": apply_events,
    "enquiry": apply_enquiries,
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
        if ex is not None and ex.change_id == it.change.change_id and it.same_content(ex.content_hash):
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
