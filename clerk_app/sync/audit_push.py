"""Replicate the hash-chained audit log: send the rows after the highest one the centre holds."""

from __future__ import annotations

from sqlalchemy import func, select

from clerk_app.protocol.messages import AuditPushRequest, AuditRow
from clerk_app.store.models import AuditEntry
from clerk_app.sync.client import SyncClient

BATCH = 1000
MAX_BATCHES = 20


def local_high(ctx) -> int:
    with ctx.store.read() as s:
        return int(s.execute(select(func.max(AuditEntry.seq))).scalar() or 0)


def push_audit(ctx, client: SyncClient, server_high: int) -> int:
    """Rows sent this round. ``server_high`` comes from the hello, so a lost answer costs nothing."""
    after, sent = server_high, 0
    for _ in range(MAX_BATCHES):
        with ctx.store.read() as s:
            rows = list(s.execute(select(AuditEntry).where(AuditEntry.seq > after)
                                  .order_by(AuditEntry.seq).limit(BATCH)).scalars())
        if not rows:
            break
        req = AuditPushRequest(window_id=ctx.window_id, rows=[AuditRow(
            seq=r.seq, entry_id=r.entry_id, at=r.at.isoformat(timespec="microseconds"), actor=r.actor,
            action=r.action, subject=r.subject, detail=r.detail, prev_hash=r.prev_hash, hash=r.hash) for r in rows])
        resp = client.push_audit(req)
        sent += resp.stored
        if resp.high_seq < rows[-1].seq:
            break  # the centre did not take them all; the next round starts from its answer
        after = resp.high_seq
    return sent
