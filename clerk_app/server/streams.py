"""Downward streams: publish a row under the next cursor, read a window's page after a cursor.

The cursor is taken by ``UPDATE stream_heads ... RETURNING`` inside the publishing
transaction. That row lock is held until commit, so cursors become visible in commit
order: a reader can never see cursor 11 before cursor 10 (the bug where a slow
transaction's row is skipped forever by a cursor that already moved past it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, select, update

from clerk_app.protocol.messages import StreamPage, StreamRow
from clerk_app.protocol.versions import STREAMS
from clerk_app.server.clock import utcnow
from clerk_app.server.db import insert_ignore
from clerk_app.server.errors import Invalid
from clerk_app.server.models import StreamHead, StreamItem

H = StreamHead.__table__
I = StreamItem.__table__  # noqa: E741


def check_stream(stream: str) -> str:
    if stream not in STREAMS:
        raise Invalid(f"未知的数据流：{stream}（可用：{', '.join(STREAMS)}）", code="unknown_stream")
    return stream


def next_cursor(conn: Connection, stream: str) -> int:
    check_stream(stream)
    stmt = update(H).where(H.c.stream == stream).values(last_cursor=H.c.last_cursor + 1).returning(H.c.last_cursor)
    value = conn.execute(stmt).scalar_one_or_none()
    if value is None:  # a stream added after the migration seeded the heads
        conn.execute(insert_ignore(conn, H).values(stream=stream, last_cursor=0))
        value = conn.execute(stmt).scalar_one()
    return int(value)


def publish(conn: Connection, stream: str, scope: str, key: str, data: dict[str, Any]) -> int:
    """Append one row to ``stream`` for windows of ``scope`` (a window id, a centre id, or ``*``)."""
    cursor = next_cursor(conn, stream)
    conn.execute(I.insert().values(stream=stream, cursor=cursor, scope=scope, key=key, data=data,
                                   created_at=utcnow()))
    return cursor


def page(conn: Connection, stream: str, scopes: Iterable[str], after: int, limit: int) -> StreamPage:
    rows = conn.execute(
        select(I.c.cursor, I.c.key, I.c.data)
        .where(I.c.stream == check_stream(stream), I.c.scope.in_(list(scopes)), I.c.cursor > after)
        .order_by(I.c.cursor).limit(limit + 1)
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    out = [StreamRow(cursor=r.cursor, key=r.key, data=r.data) for r in rows]
    return StreamPage(rows=out, next_cursor=out[-1].cursor if out else after, more=more)


def heads(conn: Connection, scopes: Iterable[str]) -> dict[str, int]:
    """The last cursor of each stream visible to these scopes (0 when none)."""
    rows = conn.execute(
        select(I.c.stream, func.max(I.c.cursor)).where(I.c.scope.in_(list(scopes))).group_by(I.c.stream)
    ).all()
    found = {r[0]: int(r[1]) for r in rows}
    return {s: found.get(s, 0) for s in STREAMS}


def latest(conn: Connection, stream: str, scopes: Iterable[str]) -> dict[str, Any] | None:
    row = conn.execute(
        select(I.c.data).where(I.c.stream == stream, I.c.scope.in_(list(scopes)))
        .order_by(I.c.cursor.desc()).limit(1)
    ).first()
    return row.data if row else None
