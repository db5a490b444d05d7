"""ORM models of the window's local store (intake side).

Ids that cross the wire are client-made UUIDs (text). Only the audit log and counters
use local integer keys, and those never leave the window.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clerk_app.store.db import Base


def new_id() -> str:
    return str(uuid.uuid4())


class Counter(Base):
    """Named gapless counters (case numbers per day, notice numbers, outbox sequence)."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Applicant(Base):
    """A person or company seen at the window, so a returning applicant is not typed twice."""

    __tablename__ = "applicants"
    __table_args__ = (UniqueConstraint("kind", "id_type", "id_number", name="uq_applicant_kind_type_id"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(10))
    id_type: Mapped[str] = mapped_column(String(20))  # clerk_app.domain.identity.IdType
    name: Mapped[str] = mapped_column(String(200))
    id_number: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Application(Base):
    """One visit's application (申办, 一件事): one number, one voucher, one set of materials.

    It holds one case (办件) per item; each case keeps its own department, outcome, deadline
    and number. A case stored before applications existed got its own one-case application.
    """

    __tablename__ = "applications"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    application_no: Mapped[str] = mapped_column(String(24), unique=True, index=True)
    window_id: Mapped[str] = mapped_column(String(11))
    theme_id: Mapped[str | None] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(10))
    applicant_id: Mapped[str] = mapped_column(ForeignKey("applicants.id"))
    applicant: Mapped[dict[str, Any]] = mapped_column(JSON)  # snapshot at intake
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    clerk_id: Mapped[str] = mapped_column(String(64))
    clerk_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Case(Base):
    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    case_no: Mapped[str] = mapped_column(String(24), unique=True, index=True)
    window_id: Mapped[str] = mapped_column(String(11), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(32), index=True)
    outcome: Mapped[str] = mapped_column(String(32))
    catalogue_version: Mapped[str] = mapped_column(String(32))
    theme_id: Mapped[str | None] = mapped_column(String(64))
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # [{code, name, situation, situation_name, department}]
    applicant_id: Mapped[str] = mapped_column(ForeignKey("applicants.id"))
    applicant: Mapped[dict[str, Any]] = mapped_column(JSON)  # snapshot at intake
    agent: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    delivery_method: Mapped[str] = mapped_column(String(10), default="pickup")
    delivery_address: Mapped[str] = mapped_column(String(300), default="")
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    due_date: Mapped[date | None] = mapped_column(Date)
    supplement_due: Mapped[date | None] = mapped_column(Date)
    deadline_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    clerk_id: Mapped[str] = mapped_column(String(64), index=True)
    clerk_name: Mapped[str] = mapped_column(String(100))
    clerk_badge: Mapped[str] = mapped_column(String(32), default="")
    on_behalf_of_id: Mapped[str | None] = mapped_column(String(64))
    on_behalf_of_name: Mapped[str | None] = mapped_column(String(100))
    rules_outcome: Mapped[str] = mapped_column(String(32))  # what the rules said
    override_reason: Mapped[str | None] = mapped_column(Text)
    not_accepted_reason: Mapped[str | None] = mapped_column(Text)
    refusal_ground: Mapped[str | None] = mapped_column(String(40))  # domain.refusal.GROUNDS id (不予受理)
    refer_to: Mapped[str | None] = mapped_column(String(200))  # the organ to apply to (outside our power)
    # the 查询密码 printed on the applicant's voucher (the store is encrypted) and the digest replicated
    query_password: Mapped[str | None] = mapped_column(String(12))
    query_password_hash: Mapped[str | None] = mapped_column(String(120))
    result_note: Mapped[str | None] = mapped_column(Text)
    notice_no: Mapped[str | None] = mapped_column(String(24))  # the notice this intake followed up
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    # The checklist lines as ``protocol.records.MaterialLine`` JSON, stored as a notice stores them.
    materials: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    application_id: Mapped[str | None] = mapped_column(ForeignKey("applications.id"), index=True)
    # The days its promised time does not count (补正, 特别程序) as ``protocol.records.ClockStop`` JSON.
    clock_stops: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, server_default="[]")

    application: Mapped[Application | None] = relationship(lazy="joined")
    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", order_by="CaseEvent.at", cascade="all, delete-orphan"
    )


class CaseEvent(Base):
    """Status history of a case: who moved it from what to what, and why."""

    __tablename__ = "case_events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(16), default="window")  # window | back_office
    note: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="events")


class CaseNote(Base):
    """Something that happened to a case without moving its status: a note, a rating (好差评), an enquiry."""

    __tablename__ = "case_notes"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(32))  # note | rating | enquiry | …
    actor: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Notice(Base):
    """A one-time notice (一次性告知): no case is opened, but the notice is numbered and kept."""

    __tablename__ = "notices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    notice_no: Mapped[str] = mapped_column(String(24), unique=True, index=True)
    window_id: Mapped[str] = mapped_column(String(11))
    catalogue_version: Mapped[str] = mapped_column(String(32))
    theme_id: Mapped[str | None] = mapped_column(String(64))
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    applicant_id: Mapped[str | None] = mapped_column(ForeignKey("applicants.id"))
    applicant: Mapped[dict[str, Any]] = mapped_column(JSON)
    agent: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    materials: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # MaterialLine JSON, as for a case
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    clerk_id: Mapped[str] = mapped_column(String(64), index=True)
    clerk_name: Mapped[str] = mapped_column(String(100))
    clerk_badge: Mapped[str] = mapped_column(String(32), default="")
    on_behalf_of_id: Mapped[str | None] = mapped_column(String(64))
    on_behalf_of_name: Mapped[str | None] = mapped_column(String(100))
    followed_by_case: Mapped[str | None] = mapped_column(String(24))


class DocumentPrint(Base):
    """Every voucher/notice printed or saved, so a reprint is marked 补打 and audited."""

    __tablename__ = "document_prints"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    number: Mapped[str] = mapped_column(String(24), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    printed_at: Mapped[datetime] = mapped_column(DateTime)
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    clerk_name: Mapped[str] = mapped_column(String(200))


class Draft(Base):
    """An intake wizard in progress, saved at each step so a crash loses nothing."""

    __tablename__ = "drafts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    clerk_id: Mapped[str] = mapped_column(String(64), index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    summary: Mapped[str] = mapped_column(String(300), default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class AuditEntry(Base):
    """Append-only, hash-chained audit log. ``hash = sha256(prev_hash + canonical(entry))``."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64), index=True)
    subject: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class OutboxEntry(Base):
    """A change waiting to replicate. ``seq`` numbers the window's changes 1, 2, 3… without gaps.

    Written in the same transaction as the change itself; deleted only after the server
    acknowledged it.
    """

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    change_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(32))  # case | notice | case_event | audit | print ...
    entity_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
