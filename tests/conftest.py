"""Test-wide setup: Qt offscreen, a private data folder per test, an in-memory keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import keyring  # noqa: E402
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "forms"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self):
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.data.get((service, username))

    def set_password(self, service, username, password):
        self.data[(service, username)] = password

    def delete_password(self, service, username):
        self.data.pop((service, username), None)


@pytest.fixture(autouse=True)
def clerk_home(tmp_path, monkeypatch) -> Path:
    """Every test gets its own empty data folder (CLERK_HOME)."""
    home = tmp_path / "clerk-home"
    monkeypatch.setenv("CLERK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def memory_keyring():
    old = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(old)


class FakeClock:
    """A settable clock for services (``ctx.clock``)."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 23, 10, 0, 0))  # a Monday


@pytest.fixture
def ctx(clerk_home, clock):
    """A fresh window context on the demo catalogue, with a fixed clock."""
    from clerk_app.services.context import open_context

    c = open_context(clock=clock)
    yield c
    c.close()


# -- the central server's database, shared by tests/server and tests/sync ----------------------
# Every server test runs on SQLite and, where it answers, on PostgreSQL (127.0.0.1:5432): one
# private database ``clerk_test_<random>`` per session (dropped after), emptied between tests.
# Where none answers, the ``postgres`` variants are skipped with the reason.


@pytest.fixture(scope="session")
def pg_url():
    import server_harness as testing

    reason = testing.pg_unavailable()
    if reason:
        pytest.skip(reason)
    with testing.temporary_pg_database() as url:
        testing.migrated_engine(url).dispose()
        yield url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    import server_harness as testing

    return testing.SqliteTemplate(tmp_path_factory.mktemp("server-template"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_url(request, tmp_path, sqlite_template) -> str:
    """The database URL of an empty, migrated central database."""
    import server_harness as testing

    if request.param == "sqlite":
        return sqlite_template.fresh(tmp_path)
    url = request.getfixturevalue("pg_url")
    engine = testing.make_engine(testing.normalise_url(url))
    testing.clear(engine)
    engine.dispose()
    return url


@pytest.fixture
def server_engine(server_url):
    import server_harness as testing

    engine = testing.make_engine(testing.normalise_url(server_url))
    yield engine
    engine.dispose()


@pytest.fixture
def central(server_engine):
    import server_harness as testing

    c = testing.Central(server_engine)
    yield c
    c.stop()
