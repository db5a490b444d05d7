"""Staff accounts, their windows, grants and AB substitutes, and who is logged in where.

The staff number (工号) is the key: it is what cases record as ``clerk_id`` and
``on_behalf_of_id``, it is unique in the centre, and the central roster uses it too.
Password verifiers are argon2id strings; lockout counters stay local to this window.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clerk_app.store.db import Base


def _uuid() -> str:
    return str(uuid.uuid4())


class Staff(Base):
    __tablename__ = "staff"
    staff_no: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    badge: Mapped[str] = mapped_column(String(32), default="")  # 挂牌上岗 badge number
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    chief_rep: Mapped[bool] = mapped_column(Boolean, default=False)  # 首席事务代表
    supervisor: Mapped[bool] = mapped_column(Boolean, default=False)  # 督查（差评整改）
    password_hash: Mapped[str | None] = mapped_column(String(255))
    source: Mapped[str] = mapped_column(String(16), default="local")  # local | roster | demo
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    handover_seen_until: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    windows: Mapped[list[StaffWindow]] = relationship(cascade="all, delete-orphan", order_by="StaffWindow.window_id")
    grants: Mapped[list[StaffGrant]] = relationship(cascade="all, delete-orphan", order_by="StaffGrant.position")
    substitutes: Mapped[list[StaffSubstitute]] = relationship(
        cascade="all, delete-orphan", foreign_keys="StaffSubstitute.holder_no", order_by="StaffSubstitute.position"
    )


class StaffWindow(Base):
    """A window (full window id, or a ``*`` pattern) where the staff member may log in."""

    __tablename__ = "staff_windows"
    staff_no: Mapped[str] = mapped_column(ForeignKey("staff.staff_no", ondelete="CASCADE"), primary_key=True)
    window_id: Mapped[str] = mapped_column(String(16), primary_key=True)


class StaffGrant(Base):
    """One authorisation (授权): ``*``, an item code, an item group (prefix) or a department."""

    __tablename__ = "staff_grants"
    staff_no: Mapped[str] = mapped_column(ForeignKey("staff.staff_no", ondelete="CASCADE"), primary_key=True)
    grant: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class StaffSubstitute(Base):
    """AB角: ``substitute_no`` (B) may stand in for ``holder_no`` (A)."""

    __tablename__ = "staff_substitutes"
    holder_no: Mapped[str] = mapped_column(ForeignKey("staff.staff_no", ondelete="CASCADE"), primary_key=True)
    substitute_no: Mapped[str] = mapped_column(ForeignKey("staff.staff_no", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class StaffSession(Base):
    """Who is logged in at which window (and for whom); ``ended_at`` is None while it lasts."""

    __tablename__ = "staff_sessions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=_uuid)
    staff_no: Mapped[str] = mapped_column(ForeignKey("staff.staff_no"), index=True)
    on_behalf_of_no: Mapped[str | None] = mapped_column(ForeignKey("staff.staff_no"), index=True)
    window_id: Mapped[str] = mapped_column(String(16), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    end_reason: Mapped[str | None] = mapped_column(String(16))  # logout | switch | superseded


class RosterState(Base):
    """One row: which central roster version is applied, and whether demo staff were seeded."""

    __tablename__ = "staff_roster_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    version: Mapped[str | None] = mapped_column(String(64))
    applied_at: Mapped[datetime | None] = mapped_column(DateTime)
    demo_seeded: Mapped[bool] = mapped_column(Boolean, default=False)
