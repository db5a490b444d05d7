"""Tests read the typed records the services return in their JSON form (as ``--json`` prints them)."""

from __future__ import annotations

from typing import Any


def as_json(record: Any) -> Any:
    """A record (or a list of them) as its JSON; None stays None."""
    if record is None:
        return None
    if isinstance(record, list):
        return [as_json(r) for r in record]
    return record.to_json()
