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
                     max_push_bytes=int(cfg.max_push_mb * 1024 * 1024))
    # Everything built so far lives as long as the process: keep it out of the cyclic garbage
    # collector's full passes, which a push batch's many short-lived objects set off (the push
    # benchmark, docs/push.md).
    gc.freeze()
    return app
