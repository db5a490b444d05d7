"""Migration 0002_security upgrades a centre's database that is already in use."""

from __future__ import annotations

import json

import pytest
import server_harness as testing
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from clerk_app.server import migrate
from clerk_app.server.models import Base


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def old_engine(request, tmp_path):
    if request.param == "sqlite":
        engine = testing.make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
        migrate.upgrade(engine, "0001")
        yield engine
        engine.dispose()
        return
    reason = testing.pg_unavailable()
    if reason:
        pytest.skip(reason)
    with testing.pg_engine_at("0001") as engine:
        yield engine


def test_upgrade_from_0001_keeps_data_and_fills_the_new_columns(old_engine):
    payload = {"id": "c1", "case_no": "S310107010032611230001", "status": "accepted",
               "items": [{"code": "000117001000", "name": "个体工商户登记", "department": "区市场监管局"}]}
    with old_engine.begin() as conn:
        conn.execute(text("INSERT INTO windows (window_id, centre_id, name, token_hash, created_at, disabled) "
                          "VALUES ('31010701003', '31010701', 'w', 'h', '2026-11-22 10:00:00', false)"))
        conn.execute(text("INSERT INTO api_clients (id, name, role, token_hash, created_at, disabled) "
                          "VALUES ('b1', '审批科', 'back_office', 'bh', '2026-11-22 10:00:00', false)"))
        conn.execute(text("INSERT INTO changes (window_id, seq, change_id, kind, entity_id, payload, content_hash, "
                          "received_at, status) VALUES ('31010701003', 1, 'ch1', 'case', 'c1', :p, 'x', "
                          "'2026-11-22 10:00:00', 'applied')"), {"p": json.dumps(payload, ensure_ascii=False)})
        conn.execute(text("INSERT INTO cases (id, case_no, window_id, status, catalogue_version, row_version, "
                          "data_change_id, event_count, created_at, updated_at) VALUES ('c1', "
                          "'S310107010032611230001', '31010701003', 'accepted', 'v', 1, 'ch1', 1, "
                          "'2026-11-22 10:00:00', '2026-11-22 10:00:00')"))

    migrate.upgrade(old_engine)

    assert migrate.current(old_engine) == migrate.head()  # the head moves as migrations are added
    with old_engine.connect() as conn:
        items = conn.execute(text("SELECT items FROM cases WHERE id = 'c1'")).scalar()
        scope = conn.execute(text("SELECT scope FROM api_clients WHERE id = 'b1'")).scalar()
        items = json.loads(items) if isinstance(items, str) else items
        scope = json.loads(scope) if isinstance(scope, str) else scope
        assert items == [{"code": "000117001000", "department": "区市场监管局"}]
        assert scope == {"all": True}
        # an actor longer than the old 200 characters now fits
        conn.execute(text("INSERT INTO audit_entries (window_id, seq, entry_id, at, actor, action, subject, detail, "
                          "prev_hash, hash, received_at) VALUES ('31010701003', 1, 'e', 'at', :a, 'x', 's', '{}', "
                          "'p', 'h', '2026-11-22 10:00:00')"), {"a": "张" * 500})
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d for d in diff if d[0] not in ("modify_nullable",)] == [], diff
