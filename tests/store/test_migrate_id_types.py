"""0007_id_types: a store already in use keeps its applicants, each given the type its kind implies."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from clerk_app.store import migrate
from clerk_app.store.db import Store, create_file, make_engine
from clerk_app.store.models import Applicant


def test_existing_applicants_get_an_id_type_and_the_key_includes_it(tmp_path):
    path = tmp_path / "clerk.sqlite3"
    create_file(path, None)  # the engine never creates a store by itself
    engine = make_engine(path)
    migrate.upgrade(engine, "0005_merge")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO applicants(id, kind, name, id_number, phone, address, updated_at) VALUES "
            "('a1', 'person', '张三', '11010519491231002X', '13812345678', '', '2026-11-01 09:00:00'),"
            "('a2', 'company', '某公司', '91350100M000100Y43', '0591-87654321', '', '2026-11-01 09:00:00')"))
    engine.dispose()

    store = Store.open(path)  # upgrades to every head
    try:
        assert set(migrate.current(store.engine).split(",")) == migrate.script_heads()  # 0007 and all after it
        with store.read() as s:
            got = {(a.id, a.kind, a.id_type, a.name) for a in s.scalars(select(Applicant))}
        assert got == {("a1", "person", "resident_id", "张三"), ("a2", "company", "uscc", "某公司")}
        now = datetime(2026, 11, 23, 10)
        with store.transaction() as s:  # the same number under another document type is another holder
            s.add(Applicant(kind="person", id_type="passport", name="Smith", id_number="11010519491231002X",
                            phone="", address="", updated_at=now))
        with pytest.raises(IntegrityError), store.transaction() as s:
            s.add(Applicant(kind="person", id_type="resident_id", name="重复", id_number="11010519491231002X",
                            phone="", address="", updated_at=now))
    finally:
        store.close()
