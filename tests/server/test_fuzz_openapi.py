"""Fuzz the centre's API from its own OpenAPI description (schemathesis): whatever a window, a
back office or a stranger sends, the server answers with a clear 4xx, never a 5xx."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a test dependency (pip install -e '.[test]')")

import server_harness as testing  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from clerk_app.server.api import create_app  # noqa: E402

_STATE: dict = {}


def _app():
    """One SQLite-backed centre for the whole module, with a window and a back office enrolled."""
    if "app" not in _STATE:
        import tempfile
        from pathlib import Path

        from clerk_app.server import windows

        folder = Path(tempfile.mkdtemp(prefix="clerk-fuzz-"))
        engine = testing.migrated_engine(f"sqlite:///{folder / 'centre.sqlite3'}")
        with engine.begin() as conn:
            code = windows.add_window(conn, "31010701003", "fuzz")
            window_token = windows.enroll(conn, code)[2]
            office_token = windows.add_back_office(conn, "fuzz-office")
        _STATE.update(app=create_app(engine), window=window_token, office=office_token)
    return _STATE["app"]


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_for_a_window(case):
    response = case.call(headers={"Authorization": f"Bearer {_STATE['window']}"})
    assert response.status_code < 500, f"{case.method} {case.path}: {response.status_code} {response.text[:300]}"


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_for_a_stranger(case):
    response = case.call(headers={"Authorization": "Bearer not-a-real-token"})
    assert response.status_code < 500, f"{case.method} {case.path}: {response.status_code} {response.text[:300]}"
    if case.path not in ("/v1/enroll", "/v1/health", "/openapi.json"):
        # a stranger never gets anything done: no 2xx, whatever the body
        assert not 200 <= response.status_code < 300, f"{case.method} {case.path}: {response.status_code}"
