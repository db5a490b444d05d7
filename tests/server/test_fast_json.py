"""Request bodies are read by pydantic-core's JSON reader, with ``json.loads`` where it refuses:
what is accepted and what is refused (FastAPI's 422 ``json_invalid``) stay as they were."""

from __future__ import annotations

import json

import pytest

from clerk_app.server.fast_json import read_json


@pytest.mark.parametrize("body", [
    b'{"a": "\\u5f20\\u4e09", "b": [1, 2.5, null, true], "c": {"d": -9223372036854775807}}',
    '{"名": "张三\\n", "n": 123456789012345678901234567890}'.encode(),
    b'{"a": 1, "a": 2}',
])
def test_bodies_read_as_json_loads_reads_them(body):
    assert read_json(body) == json.loads(body)


def test_a_lone_surrogate_escape_is_still_read_so_it_is_that_change_s_rejection():
    assert read_json(b'{"name": "\\u5f20\\ud800"}') == {"name": "张\ud800"}


@pytest.mark.parametrize("body", [b'{"a": 1', b"", b'{"a": "\xff"}'])
def test_broken_json_raises_what_json_loads_raises(body):
    with pytest.raises(ValueError) as caught:
        read_json(body)
    with pytest.raises(type(caught.value)):
        json.loads(body)
