"""The generic payload check: the fast path and the exact walk agree, and the reasons name the place."""

from __future__ import annotations

import json
import re

import pytest
from pydantic_core import to_json

from clerk_app.protocol.safe_json import (
    MAX_DEPTH,
    UnsafeContent,
    _encoding_looks_safe,
    check_encoded,
    check_tree,
    looks_safe,
)

from .helpers import deep

SAFE = [{"a": "张三\t\n\r", "b": [1, 2.5, None, True, "😀"], "c": {"d": -(2**63) + 1}}, deep(MAX_DEPTH - 1)]
UNSAFE = [
    ({"a": {"b": "x\x00y"}}, "payload.a.b 含有空字符"),
    ({"a": ["ok", "\ud800"]}, "payload.a[1] 含有不成对的代理字符"),
    ({"k\x1f": 1}, "控制字符 U+001F"),
    ({"a": "x" * 100_001}, "过长"),
    ({"k" * 201: 1}, "的键"),
    ({"n": 2**63}, "数值超出范围"),
    ({"f": float("nan")}, "不是有效数值"),
    (deep(MAX_DEPTH + 1), "嵌套过深"),
    ({"l": list(range(10_001))}, "成员过多"),
]


@pytest.mark.parametrize("value", SAFE)
def test_safe_values_pass_both_ways(value):
    assert looks_safe(value, MAX_DEPTH)
    check_tree(value)


@pytest.mark.parametrize("value, words", UNSAFE)
def test_unsafe_values_are_caught_with_a_reason(value, words):
    assert not looks_safe(value, MAX_DEPTH)
    with pytest.raises(UnsafeContent, match=re.escape(words)):
        check_tree(value)


def _encoded(value) -> str:
    """The text the centre stores for a pushed payload (``PushedChange.of``); json.dumps where
    pydantic-core will not encode it (a lone surrogate), as a window's ``payload_json`` could hold."""
    try:
        return to_json(value, inf_nan_mode="null").decode("utf-8")
    except (ValueError, UnicodeError):
        return json.dumps(value, ensure_ascii=False)


@pytest.mark.parametrize("value", SAFE)
def test_safe_values_pass_the_check_over_their_encoding(value):
    assert _encoding_looks_safe(value, _encoded(value), MAX_DEPTH)
    check_encoded(value, _encoded(value))


@pytest.mark.parametrize("value, words", UNSAFE)
def test_unsafe_values_are_caught_over_their_encoding_with_the_same_reason(value, words):
    assert not _encoding_looks_safe(value, _encoded(value), MAX_DEPTH)
    with pytest.raises(UnsafeContent, match=re.escape(words)):
        check_encoded(value, _encoded(value))


@pytest.mark.parametrize("value", [{"a": "line\none"}, {"a": "C:\\users"}, {"a": "é"}])
def test_escapes_in_the_text_are_looked_at_closely_and_pass_when_harmless(value):
    text = json.dumps(value, ensure_ascii=True)  # "é" written as \u00e9: the fast path cannot tell
    check_encoded(value, text)


def test_a_control_character_written_as_an_escape_is_caught():
    value = {"a": ["ok", "x\x1fy"]}
    text = json.dumps(value)
    assert "\\u001f" in text
    with pytest.raises(UnsafeContent, match=re.escape("payload.a[1] 含有控制字符 U+001F")):
        check_encoded(value, text)
