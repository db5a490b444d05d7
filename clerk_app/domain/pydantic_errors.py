"""pydantic's validation errors in Chinese: one wording for every place that shows them to a
person (an intake request, a catalogue file, the settings file).

Each caller passes ``words`` for what depends on its file format — a JSON object is a TOML
table and a section of the settings file; an unknown key is a misspelt field or an unknown
setting — and gets the same wording for everything else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

WORDS: dict[str, str] = {
    "missing": "缺少此字段",
    "extra_forbidden": "不认识的字段",
    "string_type": "应为文本（字符串）",
    "string_unicode": "含有无法识别的字符",
    "int_type": "应为整数", "int_parsing": "应为整数", "int_from_float": "应为整数",
    "float_type": "应为数字", "float_parsing": "应为数字",
    "finite_number": "应为有限的数字（不能是 nan 或 inf）",
    "bool_type": "应为 true 或 false", "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（[…]）",
    "dict_type": "应为对象（{…}）", "model_type": "应为对象（{…}）", "model_attributes_type": "应为对象（{…}）",
    "datetime_type": "应为日期时间，如 2026-11-23T10:00:00",
    "datetime_parsing": "应为日期时间，如 2026-11-23T10:00:00",
    "datetime_from_date_parsing": "应为日期时间，如 2026-11-23T10:00:00",
}


def choice_values(ctx: Mapping[str, Any]) -> list[str]:
    """The values of pydantic's ``'a', 'b' or 'c'``."""
    return re.findall(r"'([^']*)'", str(ctx.get("expected", "")))


def choices(ctx: Mapping[str, Any]) -> str:
    """pydantic's ``'a', 'b' or 'c'`` as ``“a”、“b”、“c”``."""
    return "、".join(f"“{v}”" for v in choice_values(ctx)) or str(ctx.get("expected", ""))


def reason(e: Mapping[str, Any], words: Mapping[str, str] | None = None) -> str:
    """The Chinese reason for one pydantic error (``ErrorDetails``), without its place."""
    kind: str = e["type"]
    ctx: Mapping[str, Any] = e.get("ctx") or {}
    fixed = (words or {}).get(kind) or WORDS.get(kind)
    if fixed:
        return fixed
    if kind in ("value_error", "assertion_error"):  # our own validators' messages, already Chinese
        return str(ctx.get("error", e["msg"])).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind in ("enum", "literal_error"):
        return f"应为以下之一：{choices(ctx)}"
    if kind == "string_too_short":
        return f"至少 {ctx.get('min_length')} 个字"
    if kind == "string_too_long":
        got = len(e["input"]) if isinstance(e.get("input"), str) else "?"
        return f"不能超过 {ctx.get('max_length')} 个字（现为 {got} 个字）"
    if kind == "string_pattern_mismatch":
        return f"格式不符（应符合 {ctx.get('pattern')}）"
    if kind == "too_short":
        return f"至少须有 {ctx.get('min_length')} 项"
    if kind == "too_long":
        return f"不能超过 {ctx.get('max_length')} 项（现有 {ctx.get('actual_length')} 项）"
    bounds = {"greater_than_equal": ("不能小于", "ge"), "greater_than": ("应大于", "gt"),
              "less_than_equal": ("不能大于", "le"), "less_than": ("应小于", "lt")}
    if kind in bounds:
        words_, key = bounds[kind]
        return f"{words_} {ctx.get(key)}"
    return f"取值无效（{e['msg']}）"
