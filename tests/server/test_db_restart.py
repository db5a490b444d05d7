"""A restarted PostgreSQL (or a proxy dropping connections) costs the windows nothing.

The centre does not ping a pooled connection before each request (``pool_pre_ping`` was a
database round trip on every idle round, docs/idle.md). A connection that died meanwhile fails
on its first statement; SQLAlchemy then invalidates the pool, and the request's transaction is
run once more on a new connection (``server.db.once_more_if_disconnected``). Here every backend
of the centre's database is terminated between requests, as a PostgreSQL restart does.
"""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest

from clerk_app.server.db import make_engine, once_more_if_disconnected

from .helpers import WIN_A, case_no, case_payload, change, push_body

pytestmark = pytest.mark.postgres
ZERO = {"catalogue": 0, "roster": 0, "calendar": 0, "decisions": 0}


@pytest.fixture
def pg_central(pg_url):
    import server_harness as testing

    engine = make_engine(testing.normalise_url(pg_url), pool_size=4)
    testing.clear(engine)
    c = testing.Central(engine)
    yield c
    c.stop()
    engine.dispose()


def drop_every_connection(pg_url: str) -> int:
    """What a restart does to the server's pooled connections: their backends end."""
    dsn = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as admin:
        return len(admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchall())


def round_body(**over):
    return {"window_id": WIN_A, "protocol_version": 2, "device_time": datetime.now(UTC).isoformat(),
            "catalogue_version": "v1", "cursors": ZERO} | over


def test_rounds_pushes_and_decisions_go_on_after_every_connection_was_dropped(pg_central, pg_url):
    pg_central.back_office().close()  # its token made now, directly in the database (a test's set-up)
    with pg_central.http(pg_central.token_for(WIN_A)) as a:
        assert a.post("/v1/round", json=round_body()).status_code == 200
        assert a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", case_payload(WIN_A, 1))])).status_code == 200
        assert drop_every_connection(pg_url) >= 1  # the pool held at least one open connection

        answer = a.post("/v1/round", json=round_body(outbox_seq=1))
        assert answer.status_code == 200, answer.text
        assert answer.json()["push_high_seq"] == 1

        drop_every_connection(pg_url)
        pushed = a.post("/v1/push", json=push_body(WIN_A, [change(2, "case", case_payload(WIN_A, 2))]))
        assert pushed.status_code == 200, pushed.text
        assert [r["status"] for r in pushed.json()["results"]] == ["applied"]

        drop_every_connection(pg_url)
        decided = pg_central.decide(case_no(WIN_A, 1), "review")
        assert decided.status_code == 200, decided.text
        drop_every_connection(pg_url)
        heads = a.post("/v1/round", json=round_body(outbox_seq=2)).json()
        assert heads["stream_heads"]["decisions"] == 1 and "decisions" in heads["streams"]
    assert pg_central.scalar("SELECT count(*) FROM cases") == 2


def test_a_database_that_stays_down_is_a_503_not_a_loop(pg_url, monkeypatch):
    """The retry is once: a second failure is the database really being down (503, retried by
    the window later), and nothing is tried a third time."""
    import server_harness as testing
    from sqlalchemy.exc import OperationalError

    engine = make_engine(testing.normalise_url(pg_url), pool_size=2)
    calls = []

    def dead() -> None:
        calls.append(1)
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
            drop_every_connection(pg_url)  # ends this very connection too, every time
            conn.exec_driver_sql("SELECT 1")

    with pytest.raises(OperationalError) as err:
        once_more_if_disconnected(dead)
    assert err.value.connection_invalidated and len(calls) == 2
    engine.dispose()
