"""One pushed change on its way through a batch, and its answer."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic_core import from_json, to_json

from clerk_app.protocol.messages import Change, ChangeResult
from clerk_app.protocol.records import RECORD_VERSION, RECORDS, RecordError, missing_fields, parse_payload
from clerk_app.protocol.safe_json import UnsafeContent, check_tree


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_object(text: str) -> dict[str, Any]:
    """Strict JSON object (no NaN/Infinity: PostgreSQL would refuse them).

    Read by pydantic-core's reader (as request bodies are, ``fast_json``); where it refuses the
    text, ``json.loads`` decides, so what is accepted stays the same (e.g. a lone surrogate
    escape is read, then refused by the content check with its place named)."""
    try:
        value = from_json(text, allow_inf_nan=False)
    except ValueError:
        value = json.loads(text, parse_constant=_no_constants)
    if not isinstance(value, dict):
        raise ValueError("not an object")
    return value


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _why_unencodable(payload: dict[str, Any]) -> str:
    try:
        check_tree(payload)
    except UnsafeContent as exc:
        return f"变更内容无法保存：{exc}"
    return "变更内容无法编码（嵌套过深或含有无效字符）"


def _digest(change: Change, content: bytes) -> str:
    digest = hashlib.sha256(f"{change.kind}\0{change.entity_id}\0".encode("utf-8", "surrogatepass"))
    digest.update(content)
    return digest.hexdigest()


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
    storable: bool = True  # False: refused without keeping even a record (e.g. an absurd seq)
    refused_early: bool = False  # refused by validation, before any database work
    utf8: bytes | None = field(default=None, repr=False)  # ``text`` as UTF-8, when at hand (valid)
    _record: Any = field(default=None, repr=False)  # the parsed record, or the RecordError it raised
    _canonical: str | None = field(default=None, repr=False)

    def parsed(self) -> Any:
        """The payload as its kind's typed record (parsed once: checked with it, then applied);
        raises :class:`RecordError`."""
        if self._record is None:
            try:
                self._record = parse_payload(self.change.kind, self.payload)
            except RecordError as err:
                self._record = err
        if isinstance(self._record, RecordError):
            raise self._record
        return self._record

    def record_if_valid(self) -> Any:
        """:meth:`parsed`, or None for a kind without a record, a payload that is not one, or
        one written by an older window (parsed from an upgraded copy, not from the payload)."""
        if self.change.kind not in RECORDS or self.payload.get("schema_version") != RECORD_VERSION:
            return None
        try:
            return self.parsed()
        except RecordError:
            return None

    def same_content(self, stored_hash: str) -> bool:
        """Whether a change stored with ``stored_hash`` holds this content. A change first
        pushed as an object (hashed over pydantic-core's encoding of it), then again as its own
        text (hashed as it came), is the same content: a duplicate, not a conflict."""
        return stored_hash == self.content_hash or (
            self.change.payload_json is not None and stored_hash == self._canonical_hash())

    def _canonical_hash(self) -> str:
        if self._canonical is None:
            try:
                self._canonical = _digest(self.change, to_json(self.payload, inf_nan_mode="null"))
            except (ValueError, RecursionError, UnicodeError):
                self._canonical = self.content_hash
        return self._canonical

    @classmethod
    def of(cls, change: Change) -> PushedChange:
        payload: dict[str, Any] = {}
        problem = None
        raw: bytes | None = None
        if change.payload_json is not None:
            # The window's own text: stored and hashed as it came, never encoded again.
            text = change.payload_json
            try:
                payload = parse_object(text)
            except (ValueError, RecursionError):
                problem = "变更内容不是有效的 JSON 对象（或嵌套过深）"
            try:
                raw = text.encode("utf-8")
            except UnicodeError:  # a lone surrogate: refused by the content check, naming it
                raw = None
        else:
            try:
                payload = change.payload or {}
                # pydantic-core's encoder: compact UTF-8, about 3x faster than json.dumps; NaN
                # (which Python's json reader lets through) becomes null, as PostgreSQL wants.
                raw = to_json(payload, inf_nan_mode="null")
                text = raw.decode("utf-8")
            except (ValueError, RecursionError, UnicodeError):
                problem = _why_unencodable(payload)
                text = repr(change.payload)[:1_000_000]
                raw = None
        it = cls(change, text, payload, _digest(change, raw if raw is not None else text.encode("utf-8", "surrogatepass")),
                 utf8=raw)
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

    def restart(self) -> None:
        """Forget what a rolled-back attempt decided (keeping a validation refusal)."""
        self.original = None
        if not self.refused_early:
            self.status, self.reason = "applied", None

    def safe_copy(self) -> None:
        """A refused change is kept as a record of the refusal, not with content the database
        may not hold; its hash still identifies the content, so a retry is a duplicate."""
        if self.change.payload_json is not None and self.payload:
            self._canonical_hash()  # while the content is at hand
        self.payload = {}
        self.text = json.dumps({"refused": True, "reason": self.reason}, ensure_ascii=True)
        self.utf8 = None
        self._record = None

    def result(self) -> ChangeResult:
        return ChangeResult(seq=self.seq, change_id=self.change.change_id, status=self.status,  # type: ignore[arg-type]
                            reason=self.reason, original=self.original)
