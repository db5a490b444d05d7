"""Rebuild from the centre what a restored backup lacks (``clerk recover``).

After the store is restored from a backup, the centre still holds everything the window
pushed since: its case and notice numbers, the highest change seq, the audit chain. The
window takes each counter to the centre's highest, the outbox seq past the centre's, and
copies back the audit entries it lost, so numbering continues without reuse. The cases the
backup lacks are re-created from the centre's copies (also saved to a file for the admin).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from clerk_app.services.case_restore import restore_case
from clerk_app.store import counters, outbox
from clerk_app.store.models import AuditEntry, Case, Notice
from clerk_app.sync.client import SyncClient


@dataclass
class CentreRebuild:
    counters_raised: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (before, after)
    outbox_seq: tuple[int, int] = (0, 0)
    audit_restored: int = 0
    missing_cases: list[str] = field(default_factory=list)
    missing_notices: list[str] = field(default_factory=list)
    restored_cases: list[str] = field(default_factory=list)
    not_restored: dict[str, str] = field(default_factory=dict)  # case_no -> why
    saved_to: Path | None = None


def rebuild_from_centre(ctx, client: SyncClient, since: date, out_dir: Path) -> CentreRebuild:
    out = CentreRebuild()
    with ctx.store.read() as s:
        audit_high = int(s.execute(select(func.max(AuditEntry.seq))).scalar() or 0)
        local_cases = set(s.execute(select(Case.case_no)).scalars())
        local_notices = set(s.execute(select(Notice.notice_no)).scalars())
    first = client.recovery(ctx.window_id, since, audit_high)
    pages = [first]
    while pages[-1].audit and pages[-1].audit[-1].seq < pages[-1].audit_high:
        pages.append(client.recovery(ctx.window_id, since, pages[-1].audit[-1].seq))
    with ctx.store.transaction() as s:
        for name, high in sorted(first.counters.items()):
            before = counters.peek(s, name)
            if high > before:
                counters.set_value(s, name, high)
                out.counters_raised[name] = (before, high)
        before = counters.peek(s, outbox.OUTBOX_COUNTER)
        out.outbox_seq = (before, max(before, first.high_seq))
        if first.high_seq > before:
            counters.set_value(s, outbox.OUTBOX_COUNTER, first.high_seq)
    # the audit entries in a transaction of their own: numbering is kept even if the chain does not join
    with ctx.store.transaction() as s:
        last = s.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one_or_none()
        prev = last.hash if last else None
        for page in pages:
            for r in page.audit:
                if prev is not None and r.prev_hash != prev:
                    raise ValueError(f"中心的审计日志第 {r.seq} 条与本机备份的末条接不上，未恢复审计日志")
                s.add(AuditEntry(seq=r.seq, entry_id=r.entry_id, at=datetime.fromisoformat(r.at), actor=r.actor,
                                 action=r.action, subject=r.subject, detail=r.detail, prev_hash=r.prev_hash,
                                 hash=r.hash))
                prev = r.hash
                out.audit_restored += 1
    out.missing_cases = sorted(set(first.cases) - local_cases)
    out.missing_notices = sorted(set(first.notices) - local_notices)
    if out.missing_cases:
        copies = [client.get_case(no) for no in out.missing_cases]
        for copy in copies:
            try:
                with ctx.store.transaction() as s:
                    restore_case(s, copy, ctx.clock())
                out.restored_cases.append(copy.case_no)
            except (KeyError, ValueError, TypeError, SQLAlchemyError) as exc:
                out.not_restored[copy.case_no] = f"{type(exc).__name__}: {exc}"
        cases = [c.model_dump(mode="json") for c in copies]
        out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = out_dir / f"centre-cases-{datetime.now():%Y%m%d-%H%M%S}.json"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"cases": cases, "notices": out.missing_notices}, fh, ensure_ascii=False, indent=1)
        out.saved_to = path
    return out


def audit_recovery(ctx, r: CentreRebuild, actor: str) -> None:
    """Record in the audit log what a recovery took from the centre (one transaction)."""
    from clerk_app.store import audit

    with ctx.store.transaction() as s:
        audit.append(s, actor, "store.recover", "", {
            "counters": {k: list(v) for k, v in r.counters_raised.items()}, "outbox_seq": list(r.outbox_seq),
            "audit_restored": r.audit_restored, "missing_cases": r.missing_cases,
            "missing_notices": r.missing_notices, "restored_cases": r.restored_cases})
