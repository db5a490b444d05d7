"""Generic checks on JSON content crossing the wire: characters, depth, sizes.

Used by the centre on every pushed payload before anything is written, whatever its kind,
so a value no database column can hold (a NUL, a lone surrogate, a tree 1,000 levels
deep) is answered as that change's rejection instead of failing the whole batch.
Typed records (per kind) add their own field rules on top of this.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

MAX_DEPTH = 32
MAX_STRING = 100_000  # characters in one string value
MAX_KEY = 200  # characters in one object key
MAX_ITEMS = 10_000  # members of one object or list
MAX_CHANGE_BYTES = 1_000_000  # one change's payload as JSON text

# NUL and the C0 controls other than tab, line feed and carriage return; lone UTF-16 surrogates
# (never valid in UTF-8, so PostgreSQL and every encoder refuse them).
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_CHAR_NAMES = {"\x00": "空字符（NUL）"}
_NOT_C0_BAD = bytes(b for b in range(256) if not (b < 0x20 and b not in (0x09, 0x0A, 0x0D)))
_NOT_C0_BAD_OR_BACKSLASH = bytes(b for b in _NOT_C0_BAD if b != 0x5C)

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


class UnsafeContent(ValueError):
    """``str()`` is a plain Chinese reason naming where the problem is."""


def text_problem(value: str, max_len: int = MAX_STRING) -> str | None:
    """Why ``value`` cannot be stored as text (None: it can)."""
    if len(value) > max_len:
        return f"过长（{len(value)} 个字符，上限 {max_len}）"
    m = _BAD_CHARS.search(value)
    if m is not None:
        ch = m.group()
        name = _CHAR_NAMES.get(ch) or (f"不成对的代理字符 U+{ord(ch):04X}" if 0xD800 <= ord(ch) <= 0xDFFF
                                       else f"控制字符 U+{ord(ch):04X}")
        return f"含有{name}（第 {m.start() + 1} 个字符）"
    return None


def looks_safe(value: Any, max_depth: int = MAX_DEPTH) -> bool:
    """The common case fast: no paths built, every string checked by one regex pass over them
    joined by tabs (allowed). False means "look closely", not necessarily unsafe."""
    strings: list[str] = []
    add = strings.append
    stack: list[tuple[Any, int]] = [(value, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        v, depth = pop()
        t = type(v)
        if t is str:
            add(v)
        elif t is dict:
            if depth >= max_depth or len(v) > MAX_ITEMS:
                return False
            for k, item in v.items():
                if type(k) is not str or len(k) > MAX_KEY:
                    return False
                add(k)
                ti = type(item)
                if ti is str:
                    add(item)
                elif not (item is None or ti is bool or (ti is int and -2**63 < item < 2**63)):
                    push((item, depth + 1))  # containers, and anything to look at closely
        elif t is list:
            if depth >= max_depth or len(v) > MAX_ITEMS:
                return False
            for item in v:
                ti = type(item)
                if ti is str:
                    add(item)
                elif not (item is None or ti is bool or (ti is int and -2**63 < item < 2**63)):
                    push((item, depth + 1))
        elif t is float:
            if v != v or v in (float("inf"), float("-inf")):
                return False
        elif not (v is None or t is bool or (t is int and -2**63 < v < 2**63)):
            return False
    if any(len(x) > MAX_STRING for x in strings):
        return False
    try:  # a lone surrogate cannot be encoded; then C0 controls as bytes (regex is ~10x slower)
        raw = "\t".join(strings).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not raw.translate(None, _NOT_C0_BAD)


def text_looks_safe(text: str, utf8: bytes | None = None) -> bool:
    """Whether the JSON text ``text`` proves every string and key in it safe: no longer than a
    string may be, encodable, no raw C0 control and none of the escapes an encoder writes a
    control character or a lone surrogate as. Valid JSON holds no raw control character inside
    a string, so what is left is safe. False means "look closely" (``\\u`` also stands for "é"
    written as ASCII). ``utf8``: ``text`` as UTF-8, if at hand."""
    if len(text) > MAX_STRING:
        return False
    try:
        raw = text.encode("utf-8") if utf8 is None else utf8
    except UnicodeEncodeError:
        return False
    odd = raw.translate(None, _NOT_C0_BAD_OR_BACKSLASH)  # one pass: the rare bytes only
    return not (odd and (odd.strip(b"\\") or b"\\u" in raw or b"\\b" in raw or b"\\f" in raw))


def _encoding_looks_safe(value: Any, text: str, max_depth: int, utf8: bytes | None = None) -> bool:
    """The fast path when ``text`` is ``value``'s JSON encoding (or ``value`` was parsed from it).

    Every string and key of ``value`` is in ``text``: valid JSON holds no raw control
    character inside a string, and a JSON encoder writes one as an escape (``\\u001f``,
    ``\\b``, ``\\f``), as it writes a lone surrogate (``\\ud800``). So a text that encodes
    to UTF-8 (no raw surrogate), has no raw C0 control and none of those escapes, and is
    no longer than a string may be, has no bad string or key and no string too long; only
    the containers are walked (depth, sizes, key lengths, integers, floats), not every
    string. False means "look closely" (``\\u`` also stands for "é" written as ASCII)."""
    if not (type(value) is dict or type(value) is list) or not text_looks_safe(text, utf8):
        return False
    stack: list[tuple[Any, int]] = [(value, 0)]
    pop, push = stack.pop, stack.append
    try:
        while stack:
            v, depth = pop()
            if depth >= max_depth or len(v) > MAX_ITEMS:
                return False
            if type(v) is dict:
                if v and max(map(len, v)) > MAX_KEY:  # a key that is not text: TypeError, looked at closely
                    return False
                items = v.values()
            else:
                items = v
            for item in items:
                t = type(item)
                if t is str or item is None or t is bool:
                    continue
                if t is dict or t is list:
                    push((item, depth + 1))
                elif t is int:
                    if not -2**63 < item < 2**63:
                        return False
                elif t is float:
                    if item != item or item in (float("inf"), float("-inf")):
                        return False
                else:
                    return False
    except TypeError:
        return False
    return True


def check_encoded(value: Any, text: str, where: str = "payload", max_depth: int = MAX_DEPTH,
                  utf8: bytes | None = None) -> None:
    """:func:`check_tree` for a value whose JSON text is at hand (a pushed payload as it will
    be stored): the characters are checked once over the text instead of string by string.
    ``utf8``: ``text`` already encoded by a UTF-8 encoder (saves encoding it again)."""
    if not _encoding_looks_safe(value, text, max_depth, utf8):
        check_tree(value, where, max_depth)


def check_tree(value: Any, where: str = "payload", max_depth: int = MAX_DEPTH) -> None:
    """Raise :class:`UnsafeContent` if any string, key, depth or size in ``value`` is unsafe.

    Iterative (no recursion), so a hostile depth cannot exhaust the stack.
    """
    if looks_safe(value, max_depth):
        return
    stack: list[tuple[Any, str, int]] = [(value, where, 0)]
    while stack:
        v, path, depth = stack.pop()
        if isinstance(v, str):
            why = text_problem(v)
            if why:
                raise UnsafeContent(f"{path} {why}")
        elif isinstance(v, dict):
            if depth >= max_depth:
                raise UnsafeContent(f"{path} 嵌套过深（超过 {max_depth} 层）")
            if len(v) > MAX_ITEMS:
                raise UnsafeContent(f"{path} 成员过多（{len(v)} 个，上限 {MAX_ITEMS}）")
            for k, item in v.items():
                if not isinstance(k, str):
                    raise UnsafeContent(f"{path} 的键不是文本")
                why = text_problem(k, MAX_KEY)
                if why:
                    raise UnsafeContent(f"{path} 的键 {k[:40]!r} {why}")
                stack.append((item, f"{path}.{k}", depth + 1))
        elif isinstance(v, list):
            if depth >= max_depth:
                raise UnsafeContent(f"{path} 嵌套过深（超过 {max_depth} 层）")
            if len(v) > MAX_ITEMS:
                raise UnsafeContent(f"{path} 成员过多（{len(v)} 个，上限 {MAX_ITEMS}）")
            stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(v))
        elif isinstance(v, bool) or v is None:
            continue
        elif isinstance(v, int):
            if abs(v) >= 2**63:
                raise UnsafeContent(f"{path} 数值超出范围")
        elif isinstance(v, float):
            if v != v or v in (float("inf"), float("-inf")):
                raise UnsafeContent(f"{path} 不是有效数值")
        else:
            raise UnsafeContent(f"{path} 类型不支持（{type(v).__name__}）")


def check_moment(value: datetime | date | None, where: str) -> None:
    """A date or time a window sends must be within years 2000–2100 (year 1 or 9999 is a bug)."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise UnsafeContent(f"{where} 日期超出合理范围（{value.isoformat()[:10]}）")


def escape_unsafe(value: str) -> str:
    """``value`` with each character no database can hold written as ``\\uXXXX`` (for storing
    a record that must be kept, e.g. an audit row whose hash covers the original)."""
    return _BAD_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def has_unsafe_chars(value: str) -> bool:
    return _BAD_CHARS.search(value) is not None
