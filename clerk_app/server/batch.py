"""One pushed change on its way through a batch, and its answer."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from clerk_app.protocol.messages import Change, ChangeResult


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


@dataclass
class Item:
    change: Change
    content_hash: str
    status: str = "applied"  # applied | duplicate | rejected | conflict
    reason: str | None = None
    original: str | None = None

    @classmethod
    def of(cls, change: Change) -> Item:
        text = canonical_json([change.kind, change.entity_id, change.payload])
        return cls(change, hashlib.sha256(text.encode("utf-8")).hexdigest())

    @property
    def seq(self) -> int:
        return self.change.seq

    @property
    def payload(self) -> dict[str, Any]:
        return self.change.payload

    def reject(self, reason: str, status: str = "rejected") -> None:
        self.status, self.reason = status, reason

    def result(self) -> ChangeResult:
        return ChangeResult(seq=self.seq, change_id=self.change.change_id, status=self.status,  # type: ignore[arg-type]
                            reason=self.reason, original=self.original)
