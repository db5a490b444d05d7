"""Read the centre's answers defensively: one odd part must not make the whole answer unusable.

pydantic's JSON reader refuses a whole document for one lone surrogate escape (``"\\ud800"``)
and a model refuses it for one row of the wrong type. A round answer carries the hello (which
the window needs to push at all) together with every stream that moved, and a push answer
carries one result per change: so the hello part and each stream page, row and push result
are checked on their own here. A row that cannot be used becomes a :class:`RefusedRow` (set
aside as a sync issue by :func:`clerk_app.sync.pull.apply_page`, the stream moves on); a page
whose frame is broken (no usable cursor) becomes a :class:`ReadPage` with ``broken`` (that
stream waits, the others and the outbox go on); a push result that cannot be read leaves its
entry in the outbox.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from clerk_app.protocol.messages import SEQ_MAX, ChangeResult, StreamPage, StreamRow

_SURROGATE = re.compile(r"[\ud800-\udfff]")  # lone ones only: json.loads joins a valid pair


class AnswerUnreadable(ValueError):
    """The answer as a whole cannot be used; ``str()`` is a plain Chinese reason."""


class RefusedRow(BaseModel):
    """A stream row the window cannot use as sent: its cursor (None when it has no usable one)."""

    cursor: int | None
    key: str
    reason: str
    shown: dict[str, Any]


class ReadPage(StreamPage):
    """A stream page as the window read it: the usable rows, the refused ones, or ``broken``."""

    refused: list[RefusedRow] = []
    broken: str | None = None


def decode(content: bytes) -> Any:
    """The answer's JSON (lone surrogates kept, to be found where they matter)."""
    try:
        return json.loads(content)
    except (ValueError, RecursionError) as exc:  # not JSON, empty, cut short, invalid UTF-8, too deep
        raise AnswerUnreadable("中心服务器的回答不是有效的 JSON") from exc


def scrub(value: Any) -> Any:
    """``value`` with every lone surrogate replaced by U+FFFD (texts shown or stored as they are:
    a message, a reason), iterative so that no depth exhausts the stack."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if not isinstance(value, dict | list):
        return value
    root: list[Any] = [value]
    stack: list[tuple[Any, Any, Any]] = [(root, 0, value)]
    while stack:
        parent, slot, v = stack.pop()
        if isinstance(v, str):
            parent[slot] = _SURROGATE.sub("\ufffd", v)
        elif isinstance(v, dict):
            new: dict[str, Any] = {}
            parent[slot] = new
            for k, item in v.items():
                key = _SURROGATE.sub("\ufffd", k) if isinstance(k, str) else k
                new[key] = item
                stack.append((new, key, item))
        elif isinstance(v, list):
            copy = list(v)
            parent[slot] = copy
            stack.extend((copy, i, item) for i, item in enumerate(copy))
    return root[0]


def _has_surrogate(value: Any) -> bool:
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if _SURROGATE.search(v):
                return True
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return False


def _cursor(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= SEQ_MAX:
        return value
    return None


def _row(raw: Any) -> StreamRow | RefusedRow:
    if not isinstance(raw, dict):
        return RefusedRow(cursor=None, key="", reason="中心发来的数据行格式不正确（不是对象）",
                          shown={"row": scrub(raw)} if isinstance(raw, str | int | float) else {})
    cursor = _cursor(raw.get("cursor"))
    cursor = cursor if cursor else None
    key = raw.get("key")
    shown_key = scrub(key)[:64] if isinstance(key, str) else ""
    data = raw.get("data")
    shown = scrub(data) if isinstance(data, dict) else {"data": scrub(data)}
    why = None
    if cursor is None:
        why = f"中心发来的数据行没有有效的游标（{str(scrub(raw.get('cursor')))[:40]}）"
    elif not isinstance(key, str):
        why = "中心发来的数据行缺少键（key）"
    elif not isinstance(data, dict):
        why = f"中心发来的数据格式不正确（应为对象，收到 {type(data).__name__}）"
    elif _has_surrogate(data) or _has_surrogate(key):
        why = "中心发来的数据含有不成对的代理字符（无效文本），未能应用"
    if why is None:
        try:
            return StreamRow.model_validate(raw)
        except ValidationError:
            why = "中心发来的数据行格式不正确"
    return RefusedRow(cursor=cursor, key=shown_key, reason=why, shown=shown)


def read_page(raw: Any) -> ReadPage:
    """One stream page; a frame without a usable ``next_cursor`` or ``rows`` is ``broken``."""
    if not isinstance(raw, dict):
        return ReadPage(rows=[], next_cursor=0, more=False, broken="数据页格式不正确")
    rows, next_cursor = raw.get("rows"), _cursor(raw.get("next_cursor"))
    if not isinstance(rows, list):
        return ReadPage(rows=[], next_cursor=0, more=False, broken="数据页格式不正确（缺少数据行列表）")
    if next_cursor is None:
        return ReadPage(rows=[], next_cursor=0, more=False,
                        broken=f"数据页的游标无效（{str(scrub(raw.get('next_cursor')))[:40]}）")
    good: list[StreamRow] = []
    refused: list[RefusedRow] = []
    for item in rows:
        row = _row(item)
        (good if isinstance(row, StreamRow) else refused).append(row)  # type: ignore[arg-type]
    return ReadPage(rows=good, refused=refused, next_cursor=next_cursor, more=raw.get("more") is True)


def read_pages(raw: Any) -> dict[str, StreamPage]:
    """Every stream's page; a ``streams`` that is not an object reads as no pages at all."""
    if not isinstance(raw, dict):
        return {}
    return {name: read_page(value) for name, value in raw.items() if isinstance(name, str)}


def read_model(model: type[BaseModel], value: Any) -> Any:
    try:
        return model.model_validate(scrub(value))
    except ValidationError as exc:
        raise AnswerUnreadable("中心服务器的回答无法识别（版本不匹配？）") from exc


def read_with_streams(model: type[BaseModel], value: Any) -> Any:
    """A round or pull answer: the rest strictly (it is needed whole), ``streams`` page by page."""
    if not isinstance(value, dict):
        raise AnswerUnreadable("中心服务器的回答无法识别（不是对象）")
    rest = {k: v for k, v in value.items() if k != "streams"}
    if "streams" in value and model.model_fields["streams"].is_required():
        rest["streams"] = {}
    elif "streams" not in value and model.model_fields["streams"].is_required():
        raise AnswerUnreadable("中心服务器的回答无法识别（缺少 streams）")
    answer = read_model(model, rest)
    return answer.model_copy(update={"streams": read_pages(value.get("streams"))})


def read_push(model: type[BaseModel], value: Any) -> Any:
    """A push answer: the envelope strictly, each result on its own (one that cannot be read
    is left out: its entry stays in the outbox and is sent again)."""
    if not isinstance(value, dict) or not isinstance(value.get("results"), list):
        raise AnswerUnreadable("中心服务器的上传回答无法识别（缺少逐项结果）")
    answer = read_model(model, {**value, "results": []})
    results: list[ChangeResult] = []
    for item in value["results"]:
        try:
            results.append(ChangeResult.model_validate(scrub(item)))
        except ValidationError:
            continue
    return answer.model_copy(update={"results": results})
