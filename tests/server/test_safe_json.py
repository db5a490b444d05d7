"""The generic payload check: the fast path and the exact walk agree, and the reasons name the place."""

from __future__ import annotations

import re

import pytest

from clerk_app.protocol.safe_json import MAX_DEPTH, UnsafeContent, _looks_safe, check_tree


def _deep(n: int) -> dict:
    root: dict = {}
    node = root
    for _ in range(n):
        node["x"] = {}
        node = node["x"]
    return root


SAFE = [{"a": "张三\t\n\r", "b": [1, 2.5, None, True, "😀"], "c": {"d": -(2**63) + 1}}, _deep(MAX_DEPTH - 1)]
UNSAFE = [
    ({"a": {"b": "x\x00y"}}, "payload.a.b 含有空字符"),
    ({"a": ["ok", "\ud800"]}, "payload.a[1] 含有不成对的代理字符"),
    ({"k\x1f": 1}, "控制字符 U+001F"),
    ({"a": "x" * 100_001}, "过长"),
    ({"k" * 201: 1}, "的键"),
    ({"n": 2**63}, "数值超出范围"),
    ({"f": float("nan")}, "不是有效数值"),
    (_deep(MAX_DEPTH + 1), "嵌套过深"),
    ({"l": list(range(10_001))}, "成员过多"),
]


@pytest.mark.parametrize("value", SAFE)
def test_safe_values_pass_both_ways(value):
    assert _looks_safe(value, MAX_DEPTH)
    check_tree(value)


@pytest.mark.parametrize("value, words", UNSAFE)
def test_unsafe_values_are_caught_with_a_reason(value, words):
    assert not _looks_safe(value, MAX_DEPTH)
    with pytest.raises(UnsafeContent, match=re.escape(words)):
        check_tree(value)
