"""One pushed change on its way through a batch, and its answer.

``PushedChange`` wraps the protocol's :class:`Change` while the centre applies it (``Item`` is
reserved for a service item of the catalogue)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic_core import to_json

from clerk_app.protocol.messages import Change, ChangeResult
from clerk_app.protocol.records import RecordError, missing_fields


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_object(text: str) -> dict[str, Any]:
    """Strict JSON object (no NaN/Infinity: PostgreSQL would refuse them)."""
    value = json.loads(text, parse_constant=_no_constants)
    if not isinstance(value, dict):
        raise ValueError("not an object")
    return value


@dataclass
class PushedChange:
    """``text`` is the payload as stored; ``payload`` its parsed object (empty when unreadable)."""

    change: Change
    text: str
    payload: dict[str, Any]
    content_hash: str
    status: str = "applied"  # applied | duplicate | rejected | conflict
    reason: str | None = None
    original: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, change: Change) -> PushedChange:
        if change.payload_json is not None:
            text = change.payload_json
            try:
                payload, problem = parse_object(text), None
            except ValueError:
                payload, problem = {}, "变更内容不是有效的 JSON 对象"
                text = json.dumps({"unreadable": text}, ensure_ascii=False)
        else:
            payload, problem = change.payload or {}, None
            # pydantic-core's encoder: compact UTF-8, about 3x faster than json.dumps; NaN
            # (which Python's json reader lets through) becomes null, as PostgreSQL wants.
            text = to_json(payload, inf_nan_mode="null").decode("utf-8")
        digest = hashlib.sha256(f"{change.kind}\0{change.entity_id}\0".encode() + text.encode("utf-8")).hexdigest()
        it = cls(change, text, payload, digest)
        if problem:
            it.reject(problem)
        return it

    @property
    def seq(self) -> int:
        return self.change.seq

    def reject(self, reason: str, status: str = "rejected") -> None:
        self.status, self.reason = status, reason

    def refuse_record(self, what: str, err: RecordError) -> None:
        """Refuse a payload that is not a valid record, naming each bad field."""
        missing = missing_fields(err)
        others = [f"{path}: {why}" if path else why for path, why in err.fields if path not in missing]
        parts = ([f"缺少 {'、'.join(missing)}"] if missing else []) + others
        self.reject(f"{what}数据不符合格式：{'；'.join(parts)}"[:1000])

    def result(self) -> ChangeResult:
        return ChangeResult(seq=self.seq, change_id=self.change.change_id, status=self.status,  # type: ignore[arg-type]
                            reason=self.reason, original=self.original)
