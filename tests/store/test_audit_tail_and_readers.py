"""Deleting the newest audit entries is detected; a reader never blocks an intake."""

from __future__ import annotations

import sqlite3
import time

from sqlalchemy import text

from clerk_app.store import audit
from clerk_app.store.db import Store


def _store(tmp_path) -> Store:
    return Store.open(tmp_path / "s.sqlite3")


def test_deleting_the_last_entries_is_detected(tmp_path):
    store = _store(tmp_path)
    with store.transaction() as s:
        for i in range(5):
            audit.append(s, "张三", "case.create", f"S{i}")
    store.close()
    con = sqlite3.connect(tmp_path / "s.sqlite3")
    con.execute("DELETE FROM audit_log WHERE seq >= 4")
    con.commit()
    con.close()
    store = _store(tmp_path)
    with store.read() as s:
        n, problems = audit.verify(s)
    assert n == 3
    assert problems and "4" in str(problems[0]) and "删除" in str(problems[0])


def test_an_untouched_chain_has_no_problems_after_many_appends(tmp_path):
    store = _store(tmp_path)
    for i in range(3):
        with store.transaction() as s:
            audit.append(s, "张三", "x", str(i))
    with store.read() as s:
        assert audit.verify(s) == (3, [])


def test_a_long_read_does_not_hold_the_write_lock(tmp_path):
    store = _store(tmp_path)
    with store.read() as r:
        r.execute(text("SELECT count(*) FROM cases")).all()  # the read transaction is open
        started = time.perf_counter()
        with store.transaction() as w:
            audit.append(w, "张三", "x")
        assert time.perf_counter() - started < 2  # busy_timeout is 5 s: a blocked writer would wait it out
