"""The transactional outbox: a change and its outbox entry commit together."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clerk_app.store.counters import next_value
from clerk_app.store.models import OutboxEntry

OUTBOX_COUNTER = "outbox_seq"


def enqueue(session: Session, kind: str, entity_id: str, payload: dict[str, Any]) -> OutboxEntry:
    """Queue a change for replication, numbered 1, 2, 3… per window without gaps."""
    seq = next_value(session, OUTBOX_COUNTER)
    clean = json.loads(json.dumps(payload, ensure_ascii=False, default=str))
    row = OutboxEntry(seq=seq, kind=kind, entity_id=entity_id, payload=clean, created_at=datetime.now())
    session.add(row)
    session.flush()
    return row


def pending(session: Session, limit: int = 500) -> list[OutboxEntry]:
    return list(session.execute(select(OutboxEntry).order_by(OutboxEntry.seq).limit(limit)).scalars())


def stats(session: Session) -> tuple[int, datetime | None, str | None]:
    """(waiting count, oldest waiting since, last error)."""
    count, oldest = session.execute(select(func.count(), func.min(OutboxEntry.created_at))).one()
    err = session.execute(
        select(OutboxEntry.last_error).where(OutboxEntry.last_error.is_not(None)).order_by(OutboxEntry.seq).limit(1)
    ).scalar_one_or_none()
    return count, oldest, err
