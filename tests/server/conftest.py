"""Server fixtures: every test runs on SQLite and, where it answers, on PostgreSQL.

PostgreSQL: one private database ``clerk_test_<random>`` per session (dropped after),
emptied between tests. Where none answers, the ``postgres`` variants are skipped with the
reason and the same tests still run on the SQLite backend.
"""

from __future__ import annotations

import pytest

from clerk_app.server import testing


@pytest.fixture(scope="session")
def pg_url():
    reason = testing.pg_unavailable()
    if reason:
        pytest.skip(reason)
    with testing.temporary_pg_database() as url:
        testing.migrated_engine(url).dispose()
        yield url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    return testing.SqliteTemplate(tmp_path_factory.mktemp("server-template"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_url(request, tmp_path, sqlite_template) -> str:
    """The database URL of an empty, migrated central database."""
    if request.param == "sqlite":
        return sqlite_template.fresh(tmp_path)
    url = request.getfixturevalue("pg_url")
    engine = testing.make_engine(testing.normalise_url(url))
    testing.clear(engine)
    engine.dispose()
    return url


@pytest.fixture
def server_engine(server_url):
    engine = testing.make_engine(testing.normalise_url(server_url))
    yield engine
    engine.dispose()


@pytest.fixture
def central(server_engine):
    c = testing.Central(server_engine)
    yield c
    c.stop()
