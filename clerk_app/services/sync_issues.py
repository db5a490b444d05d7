"""Sync issues for the admin: changes the centre refused (and pulled rows not applied).

A refused change leaves the outbox, so it never blocks the ones after it; here an admin
either *resends* it (after fixing what the centre objected to: a case or notice is sent
again as it is now in the store, anything else as it was) or *sets it aside* with a
reason. Both are audited. The UI (status bar → dialog) and ``clerk sync --issues`` call
these functions.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from clerk_app.services.context import AppContext
from clerk_app.services.records import case_record, notice_record
from clerk_app.store import audit, outbox
from clerk_app.store.models import Case, Notice
from clerk_app.store.sync_models import SyncIssue

STATUS_LABELS = {"rejected": "中心拒收", "conflict": "与中心冲突", "not_applied": "未能应用"}
RESOLUTION_LABELS = {"resent": "已重新发送", "set_aside": "已搁置"}


class IssueError(ValueError):
    """``str()`` is a message for the admin (plain Chinese)."""


def issue_dict(r: SyncIssue) -> dict[str, Any]:
    return {"id": r.id, "direction": r.direction, "status": r.status,
            "status_label": STATUS_LABELS.get(r.status, r.status), "kind": r.kind, "ref": r.ref,
            "change_id": r.change_id, "entity_id": r.entity_id, "reason": r.reason,
            "created_at": r.created_at.isoformat(), "resolved_at": r.resolved_at.isoformat() if r.resolved_at else None,
            "resolution": r.resolution, "resolved_by": r.resolved_by, "resolution_note": r.resolution_note,
            "subject": _subject(r)}


def _subject(r: SyncIssue) -> str:
    p = r.payload if isinstance(r.payload, dict) else {}
    for key in ("case_no", "notice_no", "number"):
        if isinstance(p.get(key), str):
            return p[key]
    return r.entity_id


def list_issues(ctx: AppContext, include_resolved: bool = False, limit: int = 1000) -> list[dict[str, Any]]:
    with ctx.store.read() as s:
        q = select(SyncIssue).order_by(SyncIssue.created_at).limit(limit)
        if not include_resolved:
            q = q.where(SyncIssue.resolved_at.is_(None))
        return [issue_dict(r) for r in s.execute(q).scalars()]


def _open(s, issue_id: str) -> SyncIssue:
    row = s.get(SyncIssue, issue_id)
    if row is None:
        matches = list(s.execute(select(SyncIssue).where(SyncIssue.id.startswith(issue_id))).scalars()) \
            if len(issue_id) >= 6 else []
        if len(matches) == 1:
            row = matches[0]
    if row is None:
        raise IssueError(f"没有编号为 {issue_id} 的同步问题")
    if row.resolved_at is not None:
        raise IssueError(f"同步问题 {row.id[:8]} 已处理（{RESOLUTION_LABELS.get(row.resolution or '', '已处理')}）")
    return row


def _current_payload(s, row: SyncIssue) -> dict[str, Any]:
    """What to send again: a case or notice as it is now (the admin may have fixed it)."""
    if row.kind == "case":
        case = s.get(Case, row.entity_id)
        if case is not None:
            return case_record(case).to_json()
    if row.kind == "notice":
        n = s.get(Notice, row.entity_id)
        if n is not None:
            return notice_record(n).to_json()
    return dict(row.payload or {})


def resend(ctx: AppContext, issue_id: str, actor: str) -> dict[str, Any]:
    """Queue a refused change again (as a new outbox entry) and close the issue."""
    now = ctx.clock()
    with ctx.store.transaction() as s:
        row = _open(s, issue_id)
        if row.direction != "push":
            raise IssueError("下载未能应用的问题不能重新发送；请修复后等待下次同步，或将其搁置")
        entry = outbox.enqueue(s, row.kind, row.entity_id, _current_payload(s, row))
        row.resolved_at, row.resolution, row.resolved_by = now, "resent", actor
        row.resolution_note = f"作为第 {entry.seq} 项重新发送"
        audit.append(s, actor, "sync.issue_resend", _subject(row)[:64],
                     {"issue": row.id, "kind": row.kind, "old_seq": row.ref, "new_seq": entry.seq}, at=now)
        return issue_dict(row)


def set_aside(ctx: AppContext, issue_id: str, reason: str, actor: str) -> dict[str, Any]:
    """Close an issue without sending anything; the reason is kept and audited."""
    why = (reason or "").strip()
    if len(why) < 2:
        raise IssueError("搁置同步问题须写明理由")
    now = ctx.clock()
    with ctx.store.transaction() as s:
        row = _open(s, issue_id)
        row.resolved_at, row.resolution, row.resolved_by, row.resolution_note = now, "set_aside", actor, why
        audit.append(s, actor, "sync.issue_set_aside", _subject(row)[:64],
                     {"issue": row.id, "kind": row.kind, "ref": row.ref, "reason": why}, at=now)
        return issue_dict(row)
