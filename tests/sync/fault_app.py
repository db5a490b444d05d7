"""A central server that dies on purpose, for fault tests (``uvicorn --factory fault_app:create``).

``CLERK_FAULT=before_commit``: SIGKILL itself inside the N-th push transaction, before it commits.
``CLERK_FAULT=after_commit``: SIGKILL itself after the N-th push committed, before answering.
``CLERK_FAULT_AT=N`` (default 1) picks the push request.
``CLERK_FAULT=slow``: a slow link, ``CLERK_FAULT_DELAY`` seconds (default 0.05) before and after
every push, audit, pull and round is handled, so a killed window is often caught mid-request.
"""

from __future__ import annotations

import asyncio
import os
import signal

from sqlalchemy import event

from clerk_app.server.asgi import create_app_from_env

# One client pushes at a time in these tests, so a plain flag is enough (a ContextVar set in
# the middleware does not reach the endpoint's worker thread).
_armed = {"push": False}


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def create():
    app = create_app_from_env()
    mode = os.environ.get("CLERK_FAULT", "")
    at = int(os.environ.get("CLERK_FAULT_AT", "1"))
    seen = {"push": 0}
    delay = float(os.environ.get("CLERK_FAULT_DELAY", "0.05"))

    if mode == "slow":
        @app.middleware("http")
        async def slow_link(request, call_next):
            if request.url.path in ("/v1/push", "/v1/audit", "/v1/pull", "/v1/round"):
                await asyncio.sleep(delay)
                response = await call_next(request)
                await asyncio.sleep(delay)
                return response
            return await call_next(request)

        return app

    @app.middleware("http")
    async def count_pushes(request, call_next):
        if request.url.path != "/v1/push":
            return await call_next(request)
        seen["push"] += 1
        hit = seen["push"] == at
        _armed["push"] = hit
        try:
            response = await call_next(request)
        finally:
            _armed["push"] = False
        if hit and mode == "after_commit":
            _die()
        return response

    if mode == "before_commit":
        @event.listens_for(app.state.engine, "commit")
        def _before_commit(conn):  # runs before the database commit itself
            if _armed["push"]:
                _die()

    return app
