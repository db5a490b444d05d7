"""Stream cursors become visible in commit order, and each window sees only its scopes."""

from __future__ import annotations

import threading

from clerk_app.server import streams
from clerk_app.server.windows import Caller


def test_a_later_cursor_never_shows_before_an_earlier_one(server_engine):
    taken = threading.Event()
    release = threading.Event()
    cursors: dict[str, int] = {}

    def slow_publisher():
        with server_engine.begin() as conn:
            cursors["slow"] = streams.publish(conn, "calendar", "*", "2027", {"year": 2027})
            taken.set()
            release.wait(10)

    def fast_publisher():
        with server_engine.begin() as conn:
            cursors["fast"] = streams.publish(conn, "calendar", "*", "2028", {"year": 2028})

    slow = threading.Thread(target=slow_publisher)
    slow.start()
    assert taken.wait(10)
    fast = threading.Thread(target=fast_publisher)
    fast.start()
    fast.join(0.5)
    assert fast.is_alive(), "the second publisher must wait for the first to commit"
    if server_engine.dialect.name == "postgresql":  # (on SQLite every transaction is serial, readers too)
        with server_engine.connect() as conn:
            assert streams.page(conn, "calendar", ["*"], 0, 10).rows == []
    release.set()
    slow.join(10)
    fast.join(10)
    assert cursors == {"slow": 1, "fast": 2}
    with server_engine.connect() as conn:
        assert [r.cursor for r in streams.page(conn, "calendar", ["*"], 0, 10).rows] == [1, 2]


def test_scopes_and_paging(server_engine):
    with server_engine.begin() as conn:
        for scope in ("*", "31010701", "31010702", "31010701003", "*"):
            streams.publish(conn, "roster", scope, scope, {"scope": scope})
    me = Caller("window", "3号", "31010701003", "31010701")
    with server_engine.connect() as conn:
        first = streams.page(conn, "roster", me.scopes, 0, 2)
        rest = streams.page(conn, "roster", me.scopes, first.next_cursor, 2)
    assert [r.data["scope"] for r in first.rows] == ["*", "31010701"] and first.more
    assert [r.data["scope"] for r in rest.rows] == ["31010701003", "*"] and not rest.more
