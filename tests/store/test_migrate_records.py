"""0006_records: a store written before it (material lines as ``case_materials`` rows) converts line by line."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import text

from clerk_app.services import cases
from clerk_app.store import migrate
from clerk_app.store.db import make_engine, store_location

from .samples import sign_notice, submit_request, ten_materials


def _to(engine, revision: str, down: bool = False) -> None:
    database, key = store_location(engine)  # the store is encrypted: the migration engine takes its key
    mig = make_engine(database, foreign_keys=False, key=key)
    try:
        (command.downgrade if down else command.upgrade)(migrate.config(mig), revision)
    finally:
        mig.dispose()


def test_old_layout_converts_and_back_without_losing_a_field(ctx):
    no = submit_request(ctx, ten_materials()).number
    notice_no = submit_request(ctx, sign_notice()).number
    before_case, before_notice = cases.get_case(ctx, no).to_json(), cases.get_notice(ctx, notice_no).to_json()
    engine = ctx.store.engine

    _to(engine, "0005_merge", down=True)  # the layout the previous release wrote
    with engine.connect() as conn:
        assert "materials" not in {r[1] for r in conn.execute(text("PRAGMA table_info(cases)"))}
        rows = conn.execute(text("SELECT line_key, detail, position FROM case_materials ORDER BY position")).all()
    assert len(rows) == 10 and [r.position for r in rows] == list(range(10))
    assert "form_label" in json.loads(rows[0].detail) and "key" not in json.loads(rows[0].detail)

    _to(engine, "heads")
    engine.dispose()
    later = ("query_password_hash", "refusal_ground", "refer_to")  # columns of 0015: gone below it, by design
    after_case = {k: v for k, v in cases.get_case(ctx, no).to_json().items() if k not in later}
    assert after_case == {k: v for k, v in before_case.items() if k not in later}
    assert cases.get_notice(ctx, notice_no).to_json() == before_notice


def test_rows_written_by_the_previous_release_become_flat_lines(ctx):
    engine = ctx.store.engine
    no = submit_request(ctx, ten_materials()).number
    _to(engine, "0005_merge", down=True)
    with engine.begin() as conn:  # exactly the columns the previous release filled
        conn.execute(text("UPDATE case_materials SET detail = :d, problem = '' WHERE position = 0"),
                     {"d": json.dumps({"form_label": "原件", "material_ids": ["x"], "review_points": ["签字"]})})
        conn.execute(text("UPDATE notices SET materials = :m"), {"m": json.dumps([{"key": "a", "name": "甲"}])})
    _to(engine, "heads")
    engine.dispose()
    first = cases.get_case(ctx, no).materials[0]
    assert (first.form_label, first.material_ids, first.review_points) == ("原件", ["x"], ["签字"])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM sqlite_master WHERE name = 'case_materials'")).all() == []
