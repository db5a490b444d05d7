"""The outbox numbers changes 1, 2, 3… without gaps; counters only move when the action commits."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from clerk_app.store import outbox
from clerk_app.store.counters import next_value, peek
from clerk_app.store.db import Store
from clerk_app.store.models import OutboxEntry


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "clerk.sqlite3")
    yield s
    s.close()


def seqs(store: Store) -> list[int]:
    with store.read() as s:
        return list(s.scalars(select(OutboxEntry.seq).order_by(OutboxEntry.seq)))


def test_counters_are_per_name_and_start_at_one(store):
    with store.transaction() as s:
        assert [next_value(s, "a"), next_value(s, "a"), next_value(s, "b")] == [1, 2, 1]
    with store.read() as s:
        assert (peek(s, "a"), peek(s, "b"), peek(s, "never")) == (2, 1, 0)


def test_a_rolled_back_action_does_not_consume_a_number(store):
    with store.transaction() as s:
        outbox.enqueue(s, "case", "c1", {})
    with pytest.raises(RuntimeError), store.transaction() as s:
        outbox.enqueue(s, "case", "c2", {})
        next_value(s, "S:31010701003:261123")
        raise RuntimeError("boom")
    with store.transaction() as s:
        outbox.enqueue(s, "case", "c3", {})
    assert seqs(store) == [1, 2]
    with store.read() as s:
        assert peek(s, "S:31010701003:261123") == 0
        assert [e.entity_id for e in outbox.pending(s)] == ["c1", "c3"]


def test_sequence_continues_after_acknowledged_entries_are_deleted(store):
    with store.transaction() as s:
        for i in range(3):
            outbox.enqueue(s, "case", f"c{i}", {})
    with store.transaction() as s:
        for e in outbox.pending(s):
            s.delete(e)
    with store.transaction() as s:
        assert outbox.enqueue(s, "case", "c9", {}).seq == 4


def test_payload_is_stored_as_plain_json(store):
    with store.transaction() as s:
        outbox.enqueue(s, "case", "c1", {"due": date(2026, 11, 30), "at": datetime(2026, 11, 23, 10), "名": "张三"})
    with store.read() as s:
        (e,) = outbox.pending(s)
        assert e.payload == {"due": "2026-11-30", "at": "2026-11-23 10:00:00", "名": "张三"}
        assert len(e.change_id) == 36  # a client-made id for idempotent upload


def test_stats_show_how_many_wait_since_when_and_why(store):
    with store.read() as s:
        assert outbox.stats(s) == (0, None, None)
    with store.transaction() as s:
        outbox.enqueue(s, "case", "c1", {})
        e2 = outbox.enqueue(s, "case", "c2", {})
        e2.last_error = "连接服务器超时"
    with store.read() as s:
        count, oldest, err = outbox.stats(s)
    assert count == 2 and oldest is not None and err == "连接服务器超时"
