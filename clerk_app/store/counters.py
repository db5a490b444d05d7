"""Gapless named counters, incremented inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.store.models import Counter


def next_value(session: Session, name: str) -> int:
    row = session.execute(select(Counter).where(Counter.name == name)).scalar_one_or_none()
    if row is None:
        row = Counter(name=name, value=0)
        session.add(row)
    row.value += 1
    session.flush()
    return row.value


def peek(session: Session, name: str) -> int:
    row = session.get(Counter, name)
    return row.value if row else 0


def set_value(session: Session, name: str, value: int) -> None:
    row = session.get(Counter, name)
    if row is None:
        session.add(Counter(name=name, value=value))
    else:
        row.value = value
    session.flush()
