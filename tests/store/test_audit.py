"""The audit log is a hash chain: any edit, deletion or re-hashed edit of an entry is found."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from clerk_app.store import audit
from clerk_app.store.db import Store
from clerk_app.store.models import AuditEntry

T0 = datetime(2026, 11, 23, 9, 0, 0, 123456)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "clerk.sqlite3"
    s = Store.open(path)
    yield s, path
    s.close()


def fill(store: Store, n: int) -> None:
    for i in range(n):
        with store.transaction() as s:
            audit.append(s, "王五（代赵六）", "case.create", f"S{i:021d}",
                         {"items": ["000162001000"], "due_date": date(2026, 11, 30), "n": i, "名": "张三"},
                         at=T0 + timedelta(minutes=i))


def verify(store: Store):
    with store.read() as s:
        return audit.verify(s)


def raw(path, sql: str, *params) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute(sql, params)
    con.close()


def test_empty_log_verifies(db):
    assert verify(db[0]) == (0, [])


def test_appended_entries_chain_and_verify(db):
    store, _ = db
    fill(store, 5)
    assert verify(store) == (5, [])
    with store.read() as s:
        rows = list(s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars())
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0].prev_hash == audit.GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))
    assert rows[0].detail["due_date"] == "2026-11-30"  # stored as hashed: JSON-clean


@pytest.mark.parametrize(("column", "value"), [
    ("detail", '{"items": ["000162001000"], "n": 99}'),
    ("actor", "someone else"),
    ("action", "case.delete"),
    ("subject", "S000000000000000000099"),
    ("at", "2026-11-23 09:05:00.000000"),
])
def test_an_edited_entry_is_found(db, column, value):
    store, path = db
    fill(store, 4)
    raw(path, f"UPDATE audit_log SET {column} = ? WHERE seq = 3", value)
    n, problems = verify(store)
    assert n == 4
    assert [(p.seq, p.reason) for p in problems] == [(3, "内容与哈希不符（本条被修改）")]
    assert str(problems[0]).startswith("第 3 条: ")


def test_a_deleted_entry_is_found(db):
    store, path = db
    fill(store, 4)
    raw(path, "DELETE FROM audit_log WHERE seq = 2")
    n, problems = verify(store)
    assert n == 3
    assert (2, "缺少第 2–2 条（已被删除）") in [(p.seq, p.reason) for p in problems]
    assert 3 in [p.seq for p in problems]  # and the chain breaks there


def test_an_edited_and_rehashed_middle_entry_breaks_the_chain_at_the_next(db):
    store, path = db
    fill(store, 4)
    with store.read() as s:
        row = s.get(AuditEntry, 2)
        forged = {**row.detail, "items": ["000000000000"]}
        new_hash = audit.entry_hash(row.prev_hash, row.seq, row.entry_id, row.at, row.actor, row.action,
                                    row.subject, forged)
    raw(path, "UPDATE audit_log SET detail = ?, hash = ? WHERE seq = 2", json.dumps(forged), new_hash)
    _, problems = verify(store)
    assert [(p.seq, p.reason) for p in problems] == [(3, "与前一条的链接不符（前一条被修改或删除）")]


def test_an_append_in_a_failed_action_leaves_nothing(db):
    store, _ = db
    fill(store, 1)
    with pytest.raises(RuntimeError), store.transaction() as s:
        audit.append(s, "x", "case.create", "S1", {})
        raise RuntimeError("the action failed after auditing")
    fill(store, 1)
    n, problems = verify(store)
    assert (n, problems) == (2, [])


def test_two_writers_at_once_keep_one_unbroken_chain(db):
    """The app and a ``clerk`` command may write at the same time (BEGIN IMMEDIATE serialises)."""
    _, path = db
    stores = [Store.open(path), Store.open(path)]
    errors: list[BaseException] = []

    def work(store: Store, who: str) -> None:
        try:
            for i in range(15):
                with store.transaction() as s:
                    audit.append(s, who, "test", str(i), {"i": i})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(st, f"w{k}")) for k, st in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for st in stores:
        st.close()
    assert errors == []
    check = Store.open(path)
    try:
        assert verify(check) == (30, [])
    finally:
        check.close()
