"""Migration 0008: pushed payloads are compressed with lz4 on PostgreSQL (pglz was most of the
backend's CPU for a push); rows stored before keep reading the same. Skipped without PostgreSQL."""

from __future__ import annotations

import json

import pytest
import server_harness as testing
from alembic import command
from sqlalchemy import text

from clerk_app.server import migrate

pytestmark = pytest.mark.postgres

BIG = {"id": "c1", "materials": [{"name": f"材料{i}", "standard": "原件一份，复印件两份" * 5} for i in range(60)]}


@pytest.fixture
def engine():
    reason = testing.pg_unavailable()
    if reason:
        pytest.skip(reason)
    with testing.pg_engine_at("0007_papers") as engine:
        yield engine


def _insert(conn, seq: int) -> None:
    conn.execute(text("INSERT INTO changes (window_id, seq, change_id, kind, entity_id, payload, content_hash, "
                      "received_at, status) VALUES ('31010701003', :s, :c, 'print', 'p', :p, 'x', "
                      "'2026-12-06 10:00:00', 'applied')"),
                 {"s": seq, "c": f"ch{seq}", "p": json.dumps(BIG, ensure_ascii=False)})


def _compression(conn, seq: int) -> str | None:
    return conn.execute(text("SELECT pg_column_compression(payload) FROM changes WHERE seq = :s"), {"s": seq}).scalar()


def test_new_payloads_are_lz4_and_old_ones_read_the_same(engine):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO windows (window_id, centre_id, name, created_at, disabled) "
                          "VALUES ('31010701003', '31010701', 'w', '2026-12-06 10:00:00', false)"))
        _insert(conn, 1)
        default = conn.execute(text("SHOW default_toast_compression")).scalar()
        assert _compression(conn, 1) == default

    migrate.upgrade(engine)

    with engine.begin() as conn:
        _insert(conn, 2)
        assert _compression(conn, 1) == default and _compression(conn, 2) == "lz4"
        for seq in (1, 2):
            stored = conn.execute(text("SELECT CAST(payload AS TEXT) FROM changes WHERE seq = :s"), {"s": seq}).scalar()
            assert json.loads(stored) == BIG

    command.downgrade(migrate.config(engine), "0007_papers")
    with engine.begin() as conn:
        _insert(conn, 3)
        assert _compression(conn, 3) == default, "the downgrade gives the column back its default"
