"""Replication bookkeeping in the window's store: stream cursors, sync state, and issues.

A cursor row commits in the same transaction as the pulled rows it covers. An outbox
entry the centre refused is moved to ``sync_issues`` in the same transaction that
removes it from the outbox: it is shown to the clerk and the admin, never dropped.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.store.db import Base
from clerk_app.store.models import new_id


class SyncCursor(Base):
    """How far this window has applied a downward stream (catalogue, roster, calendar, decisions)."""

    __tablename__ = "sync_cursors"
    stream: Mapped[str] = mapped_column(String(32), primary_key=True)
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class SyncState(Base):
    """Named facts about replication (last success, last error, clock skew, audit cursor…)."""

    __tablename__ = "sync_state"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class SyncIssue(Base):
    """A change the centre refused, or a pulled row this window could not apply."""

    __tablename__ = "sync_issues"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    direction: Mapped[str] = mapped_column(String(8))  # push | pull
    status: Mapped[str] = mapped_column(String(16))  # rejected | conflict | not_applied
    kind: Mapped[str] = mapped_column(String(32))  # outbox kind, or stream name
    ref: Mapped[int] = mapped_column(Integer)  # outbox seq, or stream cursor
    change_id: Mapped[str] = mapped_column(String(64), default="")
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str | None] = mapped_column(String(16))  # resent | set_aside
    resolved_by: Mapped[str | None] = mapped_column(String(200))
    resolution_note: Mapped[str | None] = mapped_column(Text)
