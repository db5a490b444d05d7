"""Test and benchmark harness for the central server (no window code here; not part of the package).

- :func:`temporary_pg_database`: a private PostgreSQL database ``clerk_test_<random>``,
  dropped afterwards; :func:`pg_unavailable` says why there is none.
- :class:`ThreadServer`: uvicorn in a thread of this process, on a free loopback port.
- :class:`ProcessServer`: uvicorn in a child process (to kill it with SIGKILL).
- :func:`clear`: empty every table between tests, keeping the schema.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from clerk_app.protocol.versions import STREAMS
from clerk_app.server.config import DB_ENV, normalise_url
from clerk_app.server.db import make_engine
from clerk_app.server.models import Base, StreamHead

PG_ENV = "CLERK_TEST_PG"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"


def admin_pg_url() -> str:
    return normalise_url(os.environ.get(PG_ENV, DEFAULT_PG))


def pg_unavailable() -> str | None:
    """None when PostgreSQL answers; otherwise the reason (for ``pytest.skip``)."""
    url = admin_pg_url()
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 2})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:
        safe = make_url(url).render_as_string(hide_password=True)
        return f"PostgreSQL unreachable at {safe} ({exc.__class__.__name__}); set {PG_ENV} to use another"
    return None


@contextlib.contextmanager
def temporary_pg_database(prefix: str = "clerk_test") -> Iterator[str]:
    admin = create_engine(admin_pg_url(), isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{secrets.token_hex(4)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_pg_url()).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def clear(engine: Engine) -> None:
    """Delete every row (children first) and reset the stream heads."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())
        conn.execute(StreamHead.__table__.insert(), [{"stream": s, "last_cursor": 0} for s in STREAMS])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout: float = 20.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server process exited with {proc.returncode}")
        try:
            if httpx.get(f"{url}/v1/health", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.02)
    raise TimeoutError(f"server at {url} did not start within {timeout}s")


class ThreadServer:
    """uvicorn serving ``app`` from a thread of this process."""

    def __init__(self, app, port: int | None = None):
        import uvicorn

        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="error",
                                                     lifespan="off"))
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> ThreadServer:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)


class ProcessServer:
    """uvicorn in a child process, on ``db_url``; ``kill()`` is a SIGKILL (no clean shutdown)."""

    def __init__(self, db_url: str, port: int | None = None, factory: str = "clerk_app.server.asgi:create_app_from_env",
                 workers: int = 1, env: dict[str, str] | None = None, log: Path | None = None):
        self.db_url, self.factory, self.workers = db_url, factory, workers
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, DB_ENV: db_url, **(env or {})}
        self.log = log
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 20.0) -> ProcessServer:
        cmd = [sys.executable, "-m", "uvicorn", "--factory", self.factory, "--host", "127.0.0.1",
               "--port", str(self.port), "--log-level", "warning", "--workers", str(self.workers)]
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.proc = subprocess.Popen(cmd, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        wait_healthy(self.url, timeout, self.proc)
        return self

    def kill(self) -> None:
        """SIGKILL the whole process group (uvicorn and its workers)."""
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def migrated_engine(url: str, revision: str = "heads") -> Engine:
    from clerk_app.server.migrate import upgrade

    engine = make_engine(normalise_url(url))
    upgrade(engine, revision)
    return engine


@contextlib.contextmanager
def pg_engine_at(revision: str, prefix: str = "clerk_mig") -> Iterator[Engine]:
    """A private PostgreSQL database migrated up to ``revision`` (for migration tests), dropped after."""
    with temporary_pg_database(prefix) as url:
        engine = migrated_engine(url, revision)
        try:
            yield engine
        finally:
            engine.dispose()


class SqliteTemplate:
    """A migrated empty SQLite server database, copied for each test (migrating is the slow part)."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / "template.sqlite3"
        engine = migrated_engine(f"sqlite:///{self.path}")
        engine.dispose()

    def fresh(self, folder: Path) -> str:
        import shutil

        target = Path(folder) / "server.sqlite3"
        shutil.copyfile(self.path, target)
        return f"sqlite:///{target}"


class Central:
    """A running central server on ``engine`` (in a thread), with helpers to drive it as an admin
    and as a back-office department would."""

    def __init__(self, engine: Engine):
        from clerk_app.server.api import create_app

        self.engine = engine
        self.server = ThreadServer(create_app(engine)).start()
        self.url = self.server.url
        self._back_office: str | None = None

    def stop(self) -> None:
        self.server.stop()

    def add_window(self, window_id: str, name: str = "") -> str:
        from clerk_app.server import windows

        with self.engine.begin() as conn:
            return windows.add_window(conn, window_id, name)

    def token_for(self, window_id: str) -> str:
        """Register and enrol a window directly; its token."""
        from clerk_app.server import windows

        code = self.add_window(window_id)
        with self.engine.begin() as conn:
            return windows.enroll(conn, code)[2]

    def http(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)

    def back_office(self) -> httpx.Client:
        from clerk_app.server import windows

        if self._back_office is None:
            with self.engine.begin() as conn:
                self._back_office = windows.add_back_office(conn, "测试审批部门", all_items=True)
        return self.http(self._back_office)

    def decide(self, case_no: str, action: str, note: str = "", missing: list[str] | None = None) -> httpx.Response:
        with self.back_office() as c:
            return c.post("/v1/backoffice/decisions", json={
                "decision_id": secrets.token_hex(16), "case_no": case_no, "action": action, "note": note,
                "missing": missing or []})

    def scalar(self, sql: str, **params):
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()
