"""Server time: stored as naive UTC, sent on the wire with its zone."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def aware(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


def to_utc_naive(dt: datetime | None) -> datetime | None:
    """A device time as naive UTC; a naive device time is taken as the server's local zone."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.astimezone()
    return dt.astimezone(UTC).replace(tzinfo=None)
