"""What a window gets back after restoring its store from a backup (``clerk recover``).

The window's own numbers, change seq and audit chain as the centre holds them, so the
restored window continues every sequence after the centre's highest: no case number,
change seq or audit seq is issued twice.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Connection, select

from clerk_app.domain import numbers
from clerk_app.protocol.messages import AuditRow, RecoveryResponse
from clerk_app.protocol.versions import MAX_AUDIT_BATCH
from clerk_app.server.audit_store import audit_high_seq
from clerk_app.server.models import AuditRowModel, CaseRow, NoticeRow
from clerk_app.server.push import high_seq
from clerk_app.server.windows import Caller, require_window

CASES = CaseRow.__table__
NOTICES = NoticeRow.__table__
AUDIT = AuditRowModel.__table__


def recovery(conn: Connection, caller: Caller, window_id: str, since: date, after_audit: int) -> RecoveryResponse:
    wid = require_window(caller, window_id)
    start = datetime.combine(since, datetime.min.time()) - timedelta(days=1)
    counters: dict[str, int] = {}
    found: dict[str, list[str]] = {"S": [], "N": []}
    rows = list(conn.execute(select(CASES.c.case_no).where(CASES.c.window_id == wid, CASES.c.received_at >= start)))
    rows += list(conn.execute(select(NOTICES.c.notice_no).where(NOTICES.c.window_id == wid,
                                                                NOTICES.c.created_at >= start)))
    for (no,) in rows:
        n = numbers.parse(no)
        if n is None or n.window_id != wid or n.day < since:
            continue
        found[n.prefix].append(no)
        name = f"{n.prefix}:{wid}:{n.day:%y%m%d}"
        counters[name] = max(counters.get(name, 0), n.seq)
    audit = conn.execute(select(AUDIT).where(AUDIT.c.window_id == wid, AUDIT.c.seq > max(0, after_audit))
                         .order_by(AUDIT.c.seq).limit(MAX_AUDIT_BATCH)).mappings()
    return RecoveryResponse(
        window_id=wid, high_seq=high_seq(conn, wid), counters=counters,
        cases=sorted(found["S"]), notices=sorted(found["N"]),
        audit=[AuditRow(**{k: r[k] for k in AuditRow.model_fields}) for r in audit],
        audit_high=audit_high_seq(conn, wid))
