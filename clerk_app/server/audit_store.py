"""Receive a window's audit log rows beyond what the centre holds, checking the hash chain."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, func, select

from clerk_app.protocol.audit_chain import GENESIS, entry_hash
from clerk_app.protocol.messages import AuditPushRequest, AuditPushResponse
from clerk_app.protocol.safe_json import UnsafeContent, check_tree, escape_unsafe, has_unsafe_chars
from clerk_app.server.clock import utcnow
from clerk_app.server.db import insert_ignore
from clerk_app.server.errors import Conflict, Invalid
from clerk_app.server.models import AuditRowModel
from clerk_app.server.windows import Caller, require_window

A = AuditRowModel.__table__


def audit_high_seq(conn: Connection, window_id: str) -> int:
    return int(conn.execute(select(func.max(A.c.seq)).where(A.c.window_id == window_id)).scalar() or 0)


def _storable(row: dict[str, Any]) -> dict[str, Any]:
    """An audit row must be kept whatever it says (the chain covers it): text no database can
    hold (a NUL, a lone surrogate) is stored escaped, and such a detail as escaped JSON text;
    the hashes are those of the original, checked on arrival."""
    for key in ("entry_id", "at", "actor", "action", "subject"):
        if has_unsafe_chars(row[key]):
            row[key] = escape_unsafe(row[key])
    try:
        check_tree(row["detail"])
    except UnsafeContent:
        row["detail"] = {"escaped_json": json.dumps(row["detail"], ensure_ascii=True, default=str)}
    return row


def store_audit(conn: Connection, caller: Caller, req: AuditPushRequest) -> AuditPushResponse:
    window_id = require_window(caller, req.window_id)
    rows = sorted(req.rows, key=lambda r: r.seq)
    if not rows:
        return AuditPushResponse(high_seq=audit_high_seq(conn, window_id), stored=0, duplicate=0)
    first = rows[0]
    if first.seq == 1:
        prev = GENESIS
    else:
        prev = conn.execute(select(A.c.hash).where(A.c.window_id == window_id, A.c.seq == first.seq - 1)).scalar()
        if prev is None:
            raise Conflict(f"审计日志不连续：中心缺少第 {first.seq - 1} 条，请从中心已有的最后一条之后发送",
                           code="audit_gap")
    expected_seq = first.seq
    for r in rows:
        if r.seq != expected_seq:
            raise Conflict(f"审计日志不连续：缺少第 {expected_seq} 条", code="audit_gap")
        if r.prev_hash != prev:
            raise Conflict(f"审计日志第 {r.seq} 条与前一条的链接不符（前一条被修改或删除）", code="audit_chain")
        try:
            h = entry_hash(r.prev_hash, r.seq, r.entry_id, r.at, r.actor, r.action, r.subject, r.detail)
        except (UnicodeError, ValueError, RecursionError):
            raise Invalid(f"审计日志第 {r.seq} 条无法计算哈希（含有无效字符或嵌套过深）") from None
        if h != r.hash:
            raise Conflict(f"审计日志第 {r.seq} 条内容与哈希不符（被修改）", code="audit_chain")
        prev, expected_seq = r.hash, r.seq + 1
    now = utcnow()
    values = [_storable({"window_id": window_id, "seq": r.seq, "entry_id": r.entry_id, "at": r.at,
                         "actor": r.actor, "action": r.action, "subject": r.subject, "detail": r.detail,
                         "prev_hash": r.prev_hash, "hash": r.hash, "received_at": now}) for r in rows]
    stored = set(conn.execute(insert_ignore(conn, A).returning(A.c.seq), values).scalars())
    dup = [r for r in rows if r.seq not in stored]
    if dup:
        held = dict(conn.execute(select(A.c.seq, A.c.hash).where(
            A.c.window_id == window_id, A.c.seq.in_([r.seq for r in dup]))).all())
        for r in dup:
            if held.get(r.seq) != r.hash:
                raise Conflict(f"中心已有本窗口审计日志第 {r.seq} 条，但内容不同：本机数据可能从旧备份恢复",
                               code="audit_conflict")
    return AuditPushResponse(high_seq=audit_high_seq(conn, window_id), stored=len(stored), duplicate=len(dup))
