"""Each server process works on at most ``--pool`` requests at once, one pooled connection each
(docs/idle.md): no request thread waits for a connection, none opens one per request."""

from __future__ import annotations

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient

from clerk_app.cli import main
from clerk_app.server.api import create_app
from clerk_app.server.config import DEFAULT_POOL_SIZE, POOL_ENV, ServerConfig
from clerk_app.server.db import make_engine


def test_the_app_limits_its_request_threads_to_the_pool(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 's.sqlite3'}", pool_size=3)
    app = create_app(engine, threads=3)

    @app.get("/probe-threads")
    async def probe() -> dict:
        return {"threads": anyio.to_thread.current_default_thread_limiter().total_tokens}

    with TestClient(app) as client:  # runs the app's lifespan, as uvicorn does
        assert client.get("/probe-threads").json() == {"threads": 3}
    engine.dispose()


def test_the_pool_size_comes_from_the_environment_and_odd_values_fall_back(monkeypatch):
    monkeypatch.setenv(POOL_ENV, "8")
    assert ServerConfig.from_env().pool_size == 8
    for odd in ("", "abc", "-3", "0"):
        monkeypatch.setenv(POOL_ENV, odd)
        assert ServerConfig.from_env().pool_size == DEFAULT_POOL_SIZE
    monkeypatch.setenv(POOL_ENV, "100000")
    assert ServerConfig.from_env().pool_size == 500


def test_clerk_server_pool_option(monkeypatch, capsys, tmp_path, clerk_home):
    import uvicorn

    monkeypatch.setenv("CLERK_SERVER_DB", "unused")  # restored after: ``clerk server`` sets them for its workers
    monkeypatch.setenv(POOL_ENV, "")
    called = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: called.append(kw))
    db = f"sqlite:///{tmp_path / 's.sqlite3'}"
    assert main(["server", "--db", db, "--pool", "0"]) == 1
    assert "--pool" in capsys.readouterr().err and not called
    assert main(["server", "--db", db, "--pool", "12"]) == 0
    assert called and ServerConfig.from_env().pool_size == 12


@pytest.mark.parametrize("size", [1, 20])
def test_the_engine_pool_has_the_size_asked_for(size, tmp_path):
    for url in ("postgresql+psycopg://nobody@127.0.0.1:1/none", f"sqlite:///{tmp_path / 's.sqlite3'}"):
        engine = make_engine(url, pool_size=size)
        assert engine.pool.size() == size
        engine.dispose()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_an_in_memory_sqlite_server_database_still_opens(url):
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT 1").scalar() == 1
    engine.dispose()
