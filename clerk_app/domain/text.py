"""One validator for every free-text field: trimmed, bounded, and free of invisible control characters.

A name of 10 MB, a NUL byte, a lone surrogate (which cannot be encoded, so the voucher never
renders) or a U+2028 line separator (which breaks one-line fields on paper and in JSON readers)
is refused with a Chinese message naming the field, instead of being stored. The wizard, the
``clerk intake --json`` request and the centre use the same rules (:data:`RULES`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


class TextError(ValueError):
    """A text field is wrong; ``str()`` is the message for the clerk, ``field`` the field path."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class TextRule:
    label: str  # what the clerk calls the field, e.g. “姓名”
    max_length: int
    required: bool = False
    multiline: bool = False  # allows line breaks (\n); a single-line field refuses them


# Control characters (C0 except tab/newline/CR, DEL, C1), lone surrogates, line/paragraph separators,
# bidirectional overrides and isolates (they reorder what the clerk reads).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile("[\r\n]")
# Zero-width characters and direction marks: invisible on screen and paper, so "李\u200b四" prints
# as 李四 but is not found by a search for it, and a name of only such characters prints blank.
# They are removed (then a name that was nothing else is empty, and refused where required).
# The soft hyphen (U+00AD) comes along when a name is copied from a word processor, a BOM (U+FEFF) with
# the first cell of a spreadsheet; both are invisible too (``identity`` drops the same set from numbers).
INVISIBLE_CHARS = "\u00ad\u200b-\u200f\u2060-\u2064\u061c\u180e\ufeff"  # a regex class body
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")


def _describe(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    if 0xD800 <= ord(ch) <= 0xDFFF:
        return f"{code}（不成对的代理字符）"
    name = unicodedata.name(ch, "")
    return f"{code}（{name}）" if name else code


def _format_char(value: str) -> str | None:
    """The first invisible format character (Unicode category Cf) left once :data:`_INVISIBLE` is
    removed: tag characters, interlinear annotation marks, deprecated format controls… Nothing a
    name, an address or a note is written with; each would hide in what the clerk reads."""
    return next((ch for ch in value if unicodedata.category(ch) == "Cf"), None)


def clean_text(value: object, rule: TextRule, field: str = "", *, stored: bool = False) -> str:
    """The value trimmed, or :class:`TextError` saying what is wrong in Chinese.

    The length is checked first, so an oversized value is refused without being scanned.
    ``stored``: the value was accepted by a window of any version (the centre checking a pushed
    change), so invisible format characters that earlier versions let through are not refused.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise TextError(f"{rule.label}应为文本", field)
    if len(value) > rule.max_length * 4 + 1024:  # far too long even before trimming: do not scan it
        raise TextError(f"{rule.label}过长（最多 {rule.max_length} 个字符，当前 {len(value)} 个）", field)
    bad = _FORBIDDEN.search(value)
    if bad:
        raise TextError(f"{rule.label}含有不允许的控制字符 {_describe(bad.group())}，请重新输入", field)
    # Composed (NFC): "Zoe" + U+0308 prints as "Zoë" from the font's own ë, and is found as typed.
    value = unicodedata.normalize("NFC", _INVISIBLE.sub("", value))
    if rule.multiline:
        v = "\n".join(line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()
    else:
        v = value.strip()
        if _LINE_BREAK.search(v):
            raise TextError(f"{rule.label}不能换行", field)
        v = v.replace("\t", " ")
    if len(v) > rule.max_length:
        raise TextError(f"{rule.label}过长（最多 {rule.max_length} 个字符，当前 {len(v)} 个）", field)
    hidden = None if stored else _format_char(v)
    if hidden is not None:
        raise TextError(f"{rule.label}含有不允许的不可见字符 {_describe(hidden)}，请重新输入", field)
    if rule.required and not v:
        raise TextError(f"请填写{rule.label}", field)
    return v


RULES: dict[str, TextRule] = {
    "name": TextRule("姓名或名称", 100),
    "id_number": TextRule("证件号码", 40),
    "id_type": TextRule("证件类型", 20),
    "kind": TextRule("申请人类型", 20),
    "phone": TextRule("联系电话", 32),
    "address": TextRule("地址", 200),
    "contact": TextRule("联系人", 50),
    "delivery_address": TextRule("邮寄地址", 200),
    "reason": TextRule("理由", 500, multiline=True),
    "refer_to": TextRule("应向其申请的机关", 200),
    "note": TextRule("备注", 1000, multiline=True),
    "code": TextRule("编码", 64),
    "key": TextRule("标识", 200),
    "number": TextRule("编号", 40),
}
"""The rule of each kind of field; field models pick theirs by name (see ``intake.request``)."""


def check_text(kind: str, value: object, field: str = "", *, stored: bool = False) -> str:
    """:func:`clean_text` with the rule registered under ``kind`` in :data:`RULES`."""
    return clean_text(value, RULES[kind], field, stored=stored)
