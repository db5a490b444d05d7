"""0010_applications: every case a store already holds gets its own one-case application."""

from __future__ import annotations

from alembic import command
from sqlalchemy import select, text

from clerk_app.store import migrate
from clerk_app.store.db import make_engine, store_location
from clerk_app.store.models import Application, Case

from .samples import sign_accepted, social_org_received, submit_request


def _to(engine, revision: str, down: bool = False) -> None:
    database, key = store_location(engine)  # the store is encrypted: the migration engine takes its key
    mig = make_engine(database, foreign_keys=False, key=key)
    try:
        (command.downgrade if down else command.upgrade)(migrate.config(mig), revision)
    finally:
        mig.dispose()


def test_existing_cases_each_get_their_own_application_and_new_numbers_do_not_collide(ctx):
    first = submit_request(ctx, sign_accepted()).number
    second = submit_request(ctx, social_org_received()).number
    engine = ctx.store.engine
    _to(engine, "0009_syncissues", down=True)  # the layout the previous release wrote
    with engine.begin() as conn:
        cols = {r[1] for r in conn.execute(text("PRAGMA table_info(cases)"))}
        assert "application_id" not in cols
        assert conn.execute(text("SELECT name FROM sqlite_master WHERE name = 'applications'")).all() == []
        events_before = conn.execute(text("SELECT count(*) FROM case_events")).scalar()
    _to(engine, "heads")
    engine.dispose()
    with ctx.store.read() as s:
        apps = {a.id: a for a in s.scalars(select(Application))}
        rows = {c.case_no: c for c in s.scalars(select(Case))}
        assert len(apps) == 2 and all(c.application_id in apps for c in rows.values())
        for no in (first, second):
            app = apps[rows[no].application_id]
            assert app.application_no == "A" + no[1:] and len(app.application_no) == 22
            assert (app.applicant_id, app.received_at, app.channel) == (
                rows[no].applicant_id, rows[no].received_at, rows[no].channel)
            assert app.applicant == rows[no].applicant
        assert s.execute(text("SELECT count(*) FROM case_events")).scalar() == events_before
    third = submit_request(ctx, sign_accepted())  # the day's A counter continues after the numbers taken
    assert third.application_no not in {a.application_no for a in apps.values()}
    assert third.application_no == "A" + third.number[1:]
