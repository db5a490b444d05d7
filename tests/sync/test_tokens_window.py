"""The window keeps a renewed token silently while it syncs; ``clerk server`` wants TLS off loopback."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from clerk_app.cli import main
from clerk_app.server.clock import utcnow
from clerk_app.sync.engine import run_round
from clerk_app.sync.token import load_token

from .conftest import make_case


def test_a_renewed_token_is_kept_and_used_and_the_old_one_then_ends(window, central):
    old = load_token()
    with central.engine.begin() as conn:
        conn.execute(text("UPDATE windows SET token_expires_at = :t"), {"t": utcnow() + timedelta(days=1)})
    make_case(window)

    report = run_round(window)

    assert report.ok, report.lines()
    new = load_token()
    assert new and new != old
    assert central.scalar("SELECT prev_token_hash FROM windows") is None  # the new one was used in that round
    assert central.scalar("SELECT token_expires_at FROM windows") is not None
    with central.http(old) as c:
        assert c.post("/v1/pull", json={}).status_code == 401
    assert run_round(window).ok


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_clerk_server_refuses_plain_http_off_loopback(host, monkeypatch, capsys, tmp_path, clerk_home):
    import uvicorn

    monkeypatch.setenv("CLERK_SERVER_DB", "unused")  # restored after: ``clerk server`` sets it for its workers

    called = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: called.append(kw))
    db = f"sqlite:///{tmp_path / 's.sqlite3'}"
    assert main(["server", "--db", db, "--host", host]) == 1
    assert "明文" in capsys.readouterr().err and not called
    assert main(["server", "--db", db, "--host", host, "--insecure"]) == 0
    assert called and called[0]["host"] == host


def test_clerk_server_serves_loopback_without_tls(monkeypatch, tmp_path, clerk_home):
    import uvicorn

    monkeypatch.setenv("CLERK_SERVER_DB", "unused")

    called = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: called.append(kw))
    assert main(["server", "--db", f"sqlite:///{tmp_path / 's.sqlite3'}", "--host", "127.0.0.1"]) == 0
    assert called


@pytest.mark.parametrize("url, refused", [
    ("postgresql://clerk@db.centre.example/clerk", True),
    ("postgresql://clerk@10.0.0.5/clerk?sslmode=prefer", True),
    ("postgresql://clerk@db.centre.example/clerk?sslmode=verify-full", False),
    ("postgresql://clerk@127.0.0.1/clerk", False),
    ("sqlite:///x.sqlite3", False),
])
def test_a_database_on_another_host_must_be_reached_over_tls(url, refused):
    from clerk_app.server.db import database_tls_problem

    assert (database_tls_problem(url) is not None) == refused


def test_clerk_server_refuses_a_plain_remote_database(monkeypatch, capsys, clerk_home):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: pytest.fail("must not serve"))
    assert main(["server", "--db", "postgresql://clerk@db.centre.example/clerk"]) == 1
    assert "sslmode" in capsys.readouterr().err


def test_database_errors_never_log_row_values(server_engine, caplog, monkeypatch):
    """A 500 or a refused change is logged without a citizen's data: the database's own message
    (PostgreSQL: "Failing row contains (…)") and the SQL parameters stay out of the log."""
    from starlette.testclient import TestClient

    from clerk_app.server import readback, windows
    from clerk_app.server.api import create_app

    secret = "11010519491231002X"

    def failing(conn, *_a, **_kw):
        conn.execute(text("INSERT INTO cases (id, case_no) VALUES (:v, :v)"), {"v": secret})  # NOT NULLs missing

    monkeypatch.setattr(readback, "get_case", failing)
    with server_engine.begin() as conn:
        token = windows.enroll(conn, windows.add_window(conn, "31010701003"))[2]
    with caplog.at_level("DEBUG"), TestClient(create_app(server_engine), raise_server_exceptions=False) as c:
        resp = c.get("/v1/cases/S310107010032611230001", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 500 and secret not in resp.text  # a bug, not "database unavailable" (503)
    logged = "\n".join(r.getMessage() + (str(r.exc_info[1]) if r.exc_info else "") for r in caplog.records)
    assert "IntegrityError" in logged and secret not in logged
