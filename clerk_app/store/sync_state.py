"""Read and write the window's replication bookkeeping (cursors and named state)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.store.sync_models import SyncCursor, SyncIssue, SyncState

# Names in sync_state.
STATE = "state"  # online | offline (as of the last round)
LAST_ATTEMPT = "last_attempt"
LAST_SUCCESS = "last_success"
LAST_ERROR = "last_error"  # plain Chinese, or None after a clean round
CLOCK_SKEW = "clock_skew_seconds"
ACTIONS = "actions"  # what the centre's last hello said (list of {code, level, message})
SERVER_URL = "server_url"  # the centre the cursors belong to
TALLY = "tally"  # last comparison of per-day counts with the centre
TALLY_AT = "tally_at"
# {"url": …, "version": 1, "at": iso}: that centre has no /v1/round (protocol 1); asked again later.
SERVER_PROTOCOL = "server_protocol"


def get(session: Session, name: str, default: Any = None) -> Any:
    row = session.get(SyncState, name)
    return row.value if row is not None else default


def put(session: Session, name: str, value: Any, now: datetime | None = None) -> None:
    row = session.get(SyncState, name)
    now = now or datetime.now()
    if row is None:
        session.add(SyncState(name=name, value=value, updated_at=now))
    else:
        row.value, row.updated_at = value, now


def put_many(session: Session, values: dict[str, Any], now: datetime | None = None) -> None:
    for k, v in values.items():
        put(session, k, v, now)


def cursor(session: Session, stream: str) -> int:
    row = session.get(SyncCursor, stream)
    return row.cursor if row is not None else 0


def cursors(session: Session, streams: tuple[str, ...]) -> dict[str, int]:
    found = {r.stream: r.cursor for r in session.execute(select(SyncCursor)).scalars()}
    return {s: found.get(s, 0) for s in streams}


def set_cursor(session: Session, stream: str, value: int, now: datetime | None = None) -> None:
    row = session.get(SyncCursor, stream)
    now = now or datetime.now()
    if row is None:
        session.add(SyncCursor(stream=stream, cursor=value, updated_at=now))
    elif value > row.cursor:
        row.cursor, row.updated_at = value, now


def reset_cursors(session: Session) -> None:
    """A different centre: its cursors mean nothing here; pull every stream from the start."""
    for row in session.execute(select(SyncCursor)).scalars():
        session.delete(row)


def add_issue(session: Session, direction: str, status: str, kind: str, ref: int, reason: str,
              payload: dict[str, Any] | None = None, change_id: str = "", entity_id: str = "",
              now: datetime | None = None) -> SyncIssue:
    row = SyncIssue(direction=direction, status=status, kind=kind, ref=ref, change_id=change_id,
                    entity_id=entity_id, payload=payload or {}, reason=reason, created_at=now or datetime.now())
    session.add(row)
    return row


def open_issues(session: Session, limit: int = 100) -> list[SyncIssue]:
    return list(session.execute(select(SyncIssue).where(SyncIssue.resolved_at.is_(None))
                                .order_by(SyncIssue.created_at).limit(limit)).scalars())
