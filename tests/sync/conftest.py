"""Sync fixtures: a window and a centre (the central database fixtures live in tests/conftest.py)."""

from __future__ import annotations

import pytest
import server_harness as testing
from store.samples import food_tolerated


@pytest.fixture
def one_server_url(request, tmp_path, sqlite_template) -> str:
    """For the long fault loops: PostgreSQL where it answers, else SQLite (the loop is about the window)."""
    if testing.pg_unavailable():
        return sqlite_template.fresh(tmp_path)
    url = request.getfixturevalue("pg_url")
    engine = testing.make_engine(testing.normalise_url(url))
    testing.clear(engine)
    engine.dispose()
    return url


README_REQUEST = food_tolerated()


def make_case(ctx) -> str:
    """One intake through the wizard's own service code; the case number the clerk sees."""
    from clerk_app.domain.people import LOCAL_CLERK
    from clerk_app.intake.request import flow_from_json
    from clerk_app.services.intake import submit

    flow, errors = flow_from_json(README_REQUEST, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errors, errors
    return submit(ctx, flow, LOCAL_CLERK).number


@pytest.fixture
def window(ctx, central):
    """The test's window context, enrolled with the central server."""
    from clerk_app.sync.enroll import enroll

    enroll(ctx, central.url, central.add_window(ctx.window_id))
    return ctx


def attach(ctx, url: str, token: str) -> None:
    """Point the window at ``url`` with ``token`` (what ``clerk enroll`` leaves behind), without a network."""
    from clerk_app import settings as settings_mod
    from clerk_app.sync.token import save_token

    ctx.settings = settings_mod.set_value(ctx.settings, "sync.server_url", url)
    settings_mod.save(ctx.settings)
    save_token(token)


def enrol_code(engine, window_id: str) -> str:
    """Register ``window_id`` in the central database; its one-time enrolment code."""
    from clerk_app.server import windows

    with engine.begin() as conn:
        return windows.add_window(conn, window_id)


def central_token(engine, window_id: str) -> str:
    """Register and enrol ``window_id`` directly in the central database; its token."""
    from clerk_app.server import windows

    code = enrol_code(engine, window_id)
    with engine.begin() as conn:
        return windows.enroll(conn, code)[2]
