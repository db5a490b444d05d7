"""Server configuration: the database URL and a few limits.

``--db URL`` (or ``CLERK_SERVER_DB``) takes a PostgreSQL URL in production; without one
the server uses an embedded SQLite file in the data folder, so a demo needs nothing else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from clerk_app import paths

DB_ENV = "CLERK_SERVER_DB"
TOKEN_DAYS_ENV = "CLERK_TOKEN_DAYS"  # window tokens expire after this many days (renewed while syncing)
MAX_PUSH_MB_ENV = "CLERK_MAX_PUSH_MB"  # largest push body accepted
POOL_ENV = "CLERK_SERVER_POOL"  # database connections per process = requests handled at once
DEFAULT_POOL_SIZE = 20  # see docs/idle.md


def _float_env(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, "") or default)
    except ValueError:
        return default
    return value if value > 0 else default


def default_db_url() -> str:
    folder = paths.sub("server")
    return f"sqlite:///{folder / 'server.sqlite3'}"


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def resolve_db_url(url: str | None = None) -> str:
    return normalise_url(url or os.environ.get(DB_ENV) or default_db_url())


@dataclass(frozen=True)
class ServerConfig:
    db_url: str
    enrol_code_hours: float = 72.0
    pool_size: int = DEFAULT_POOL_SIZE
    token_days: float = 90.0
    max_push_mb: float = 32.0

    @classmethod
    def from_env(cls) -> ServerConfig:
        return cls(db_url=resolve_db_url(), token_days=_float_env(TOKEN_DAYS_ENV, 90.0),
                   max_push_mb=_float_env(MAX_PUSH_MB_ENV, 32.0),
                   pool_size=max(1, min(500, int(_float_env(POOL_ENV, DEFAULT_POOL_SIZE)))))
