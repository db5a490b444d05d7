"""The append-only, hash-chained audit log and its verification."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.store.counters import peek, set_value
from clerk_app.store.models import AuditEntry, new_id

GENESIS = "0" * 64
AUDIT_COUNTER = "audit_seq"


def _canonical(seq: int, entry_id: str, at: datetime, actor: str, action: str, subject: str,
               detail: dict[str, Any]) -> bytes:
    return json.dumps(
        [seq, entry_id, at.isoformat(timespec="microseconds"), actor, action, subject, detail],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str,
    ).encode("utf-8")


def entry_hash(prev: str, seq: int, entry_id: str, at: datetime, actor: str, action: str, subject: str,
               detail: dict[str, Any]) -> str:
    return hashlib.sha256(prev.encode() + _canonical(seq, entry_id, at, actor, action, subject, detail)).hexdigest()


def append(session: Session, actor: str, action: str, subject: str = "", detail: dict[str, Any] | None = None,
           at: datetime | None = None) -> AuditEntry:
    """Append one entry in the caller's transaction (which began IMMEDIATE, so the chain is serial)."""
    detail = json.loads(json.dumps(detail or {}, ensure_ascii=False, default=str))
    at = at or datetime.now()
    last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one_or_none()
    prev = last.hash if last else GENESIS
    seq = (last.seq + 1) if last else 1
    # The counter anchors the end of the chain: deleting the newest entries leaves it ahead
    # (and the next entry then shows the gap).
    seq = max(seq, peek(session, AUDIT_COUNTER) + 1)
    set_value(session, AUDIT_COUNTER, seq)
    eid = new_id()
    h = entry_hash(prev, seq, eid, at, actor, action, subject, detail)
    row = AuditEntry(seq=seq, entry_id=eid, at=at, actor=actor, action=action, subject=subject, detail=detail,
                     prev_hash=prev, hash=h)
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class AuditProblem:
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"第 {self.seq} 条: {self.reason}"


def verify(session: Session) -> tuple[int, list[AuditProblem]]:
    """Walk the chain; report every edited, deleted or reordered entry."""
    problems: list[AuditProblem] = []
    prev = GENESIS
    expected_seq = 1
    n = 0
    for row in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars():
        n += 1
        if row.seq != expected_seq:
            problems.append(AuditProblem(expected_seq, f"缺少第 {expected_seq}–{row.seq - 1} 条（已被删除）"))
        if row.prev_hash != prev:
            problems.append(AuditProblem(row.seq, "与前一条的链接不符（前一条被修改或删除）"))
        h = entry_hash(row.prev_hash, row.seq, row.entry_id, row.at, row.actor, row.action, row.subject, row.detail)
        if h != row.hash:
            problems.append(AuditProblem(row.seq, "内容与哈希不符（本条被修改）"))
        prev = row.hash
        expected_seq = row.seq + 1
    anchor = peek(session, AUDIT_COUNTER)
    if anchor > expected_seq - 1:
        problems.append(AuditProblem(expected_seq, f"最新的第 {expected_seq}–{anchor} 条已被删除"))
    return n, problems
