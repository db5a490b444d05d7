"""Tables of the central database.

Client-made ids (UUID text) are primary keys of everything a window sends; the only
server-made numbers are stream cursors and per-case event numbers, assigned under a row
lock so their order is commit order. Every de-duplication is a constraint here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.server.db import Base

Json = JSON().with_variant(JSONB(), "postgresql")
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Window(Base):
    """A registered window; its token (hashed) authenticates every request it makes."""

    __tablename__ = "windows"
    window_id: Mapped[str] = mapped_column(String(11), primary_key=True)
    centre_id: Mapped[str] = mapped_column(String(8), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrol_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrol_expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    enrolled_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_hello: Mapped[dict[str, Any] | None] = mapped_column(Json)
    token_expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The token before the last renewal, valid until the window uses the new one (an answer
    # carrying a new token may be lost on the way).
    prev_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)


class ApiClient(Base):
    """A non-window client: a back-office department reporting decisions."""

    __tablename__ = "api_clients"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))  # back_office
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # Which cases it may read and decide: {"departments": [...], "items": [...]} or {"all": true}.
    scope: Mapped[dict[str, Any] | None] = mapped_column(Json)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)


class EnrolAttempt(Base):
    """An enrolment code tried (by client address): wrong codes are rate-limited and logged."""

    __tablename__ = "enrol_attempts"
    __table_args__ = (Index("ix_enrol_attempts_client_at", "client", "at"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime)
    ok: Mapped[bool] = mapped_column(Boolean)


class ProgressAttempt(Base):
    """A 查询密码 tried on the public progress lookup (by client address and case number): wrong
    ones are rate-limited; the password tried is never kept."""

    __tablename__ = "progress_attempts"
    __table_args__ = (Index("ix_progress_attempts_client_at", "client", "at"),
                      Index("ix_progress_attempts_case_at", "case_no", "at"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    client: Mapped[str] = mapped_column(String(64))
    case_no: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(DateTime)
    ok: Mapped[bool] = mapped_column(Boolean)


class Change(Base):
    """Every change a window pushed, whatever its kind (unknown kinds are kept here too)."""

    __tablename__ = "changes"
    __table_args__ = (UniqueConstraint("window_id", "seq", name="uq_changes_window_seq"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    window_id: Mapped[str] = mapped_column(String(11))
    seq: Mapped[int] = mapped_column(BigInteger)
    change_id: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    # Plain JSON (text, validated), not JSONB: the payload is kept exactly as the window sent
    # it, and storing it costs a syntax check instead of a conversion (the push benchmark).
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    device_created_at: Mapped[datetime | None] = mapped_column(DateTime)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16), default="applied")  # applied | rejected
    reason: Mapped[str | None] = mapped_column(Text)


class ChangeConflict(Base):
    """A change that reused a (window, seq) or change id with different content: kept, never applied."""

    __tablename__ = "change_conflicts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    window_id: Mapped[str] = mapped_column(String(11), index=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    change_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(Json)
    content_hash: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime)


class CaseRow(Base):
    """The centre's view of a case: its status (moved only through validated transitions)
    and the change that holds the window's latest snapshot of its intake data."""

    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_no: Mapped[str] = mapped_column(String(24), unique=True)
    window_id: Mapped[str] = mapped_column(String(11), index=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    catalogue_version: Mapped[str] = mapped_column(String(64), default="")
    received_at: Mapped[datetime | None] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    data_change_id: Mapped[str] = mapped_column(String(64))
    event_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    items: Mapped[list[dict[str, str]] | None] = mapped_column(Json)  # [{code, department}]: back-office scope


class CaseEventRow(Base):
    """A status move. ``case_seq`` orders a case's events by arrival, never by a clock."""

    __tablename__ = "case_events"
    __table_args__ = (UniqueConstraint("case_id", "case_seq", name="uq_case_events_case_seq"),)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    case_seq: Mapped[int] = mapped_column(Integer)
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(16))  # window | back_office
    note: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    device_at: Mapped[datetime | None] = mapped_column(DateTime)
    received_at: Mapped[datetime] = mapped_column(DateTime)


class NoticeRow(Base):
    __tablename__ = "notices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    notice_no: Mapped[str] = mapped_column(String(24), unique=True)
    window_id: Mapped[str] = mapped_column(String(11), index=True)
    data_change_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime | None] = mapped_column(DateTime)
    received_at: Mapped[datetime] = mapped_column(DateTime)


class EnquiryRow(Base):
    """An enquiry a window answered without opening a case (咨询登记); its full data is the change's payload."""

    __tablename__ = "enquiries"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    window_id: Mapped[str] = mapped_column(String(11), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    clerk_name: Mapped[str] = mapped_column(String(100))
    item_code: Mapped[str] = mapped_column(String(64), index=True)
    item_name: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(200), default="")
    data_change_id: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime)


class AuditRowModel(Base):
    """A window's hash-chained audit log, as received; the chain is checked on arrival."""

    __tablename__ = "audit_entries"
    window_id: Mapped[str] = mapped_column(String(11), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entry_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(Json)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime)


class CatalogueVersion(Base):
    """An immutable catalogue version: its files, byte for byte (the version is their digest)."""

    __tablename__ = "catalogue_versions"
    version: Mapped[str] = mapped_column(String(64), primary_key=True)
    files: Mapped[dict[str, str]] = mapped_column(Json)
    note: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(DateTime)


class StreamHead(Base):
    """The last cursor of a stream; its row lock orders publications by commit."""

    __tablename__ = "stream_heads"
    stream: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_cursor: Mapped[int] = mapped_column(BigInteger, default=0)


class StreamItem(Base):
    """One row of a downward stream, visible to windows whose id or centre is ``scope`` (``*``: all)."""

    __tablename__ = "stream_items"
    __table_args__ = (Index("ix_stream_items_scope", "stream", "scope", "cursor"),)
    stream: Mapped[str] = mapped_column(String(32), primary_key=True)
    cursor: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    scope: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(Json)
    created_at: Mapped[datetime] = mapped_column(DateTime)


TABLES = Base.metadata
