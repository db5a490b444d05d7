"""ASGI entry for uvicorn workers: ``uvicorn --factory clerk_app.server.asgi:create_app_from_env``.

Each worker process reads the database URL from ``CLERK_SERVER_DB`` (set by ``clerk server``).
"""

from __future__ import annotations

import gc

from fastapi import FastAPI

from clerk_app.server.api import create_app
from clerk_app.server.config import ServerConfig
from clerk_app.server.db import make_engine


def create_app_from_env() -> FastAPI:
    cfg = ServerConfig.from_env()
    app = create_app(make_engine(cfg.db_url, cfg.pool_size), token_days=cfg.token_days,
                     max_push_bytes=int(cfg.max_push_mb * 1024 * 1024), threads=cfg.pool_size)
    tune_gc()
    return app


GC_THRESHOLDS = (50_000, 20, 10)


def tune_gc() -> None:
    """The cyclic garbage collector for a server process (``docs/push.md``).

    A push batch builds ~150,000 containers that live until its answer and are then freed by
    reference counting; with Python's default thresholds (700, 10, 10) the collector walks
    them again and again while the batch runs (≈ 20 % of the push's CPU in the push
    benchmark). Young collections every 50,000 allocations instead of 700 leave that to a few
    passes (memory: a few MB at most before one), and everything built at start-up, which
    lives as long as the process, is frozen out of every pass."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
