"""Before a request body is read: who is calling, and how big the body may be.

A pure ASGI middleware (it sees the request before FastAPI reads and parses the body):

1. A body larger than the endpoint's limit is refused with 413 from its ``Content-Length``
   alone, and a body sent without one (chunked) is cut off with 413 as soon as it passes the
   limit; nothing more is read.
2. Every ``POST`` except enrolment must carry a token the centre knows (checked in a worker
   thread against the database) before its body is read: 401/403 otherwise. ``/v1/round``
   checks the token itself, first thing, in the transaction that answers it (its body is at
   most 64 KB and is parsed only after the check): a second lookup here would add a database
   round trip to every window's idle round.

So a stranger's 200 MB body costs the centre a header lookup, not 200 MB of parsing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from clerk_app.server import windows
from clerk_app.server.db import once_more_if_disconnected
from clerk_app.server.errors import ApiError

log = logging.getLogger(__name__)
MB = 1024 * 1024
DEFAULT_LIMITS = {"/v1/push": 32 * MB, "/v1/audit": 16 * MB, "/v1/round": 64 * 1024}
DEFAULT_OTHER = 1 * MB
OPEN_PATHS = ("/v1/enroll", "/v1/health", "/v1/progress")  # progress: the applicant, by 查询密码
SELF_CHECKED = ("/v1/round",)  # small bodies; the endpoint checks the token before it parses one

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class TooLarge(StarletteHTTPException):
    """Raised while FastAPI reads the body (it re-raises HTTP exceptions as they are)."""

    def __init__(self, limit: int):
        super().__init__(413, f"请求内容过大（上限 {limit / MB:g} MB），请分批发送")


async def _answer(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"code": code, "message": message}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


UNAVAILABLE = "中心数据库暂时不可用，稍后自动重试"


def unreachable(exc: BaseException) -> bool:
    """The database cannot be reached or is busy (503, retried), as opposed to a bug (500)."""
    import sqlite3

    from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError

    if isinstance(exc, OperationalError | InterfaceError | DisconnectionError | sqlite3.OperationalError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    try:
        import psycopg

        return isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError)
    except ImportError:  # pragma: no cover - PostgreSQL support not installed
        return False


def describe_error(exc: BaseException) -> str:
    """An error for the log without its message: class names, SQLSTATE and the frames.

    Database errors carry row values (PostgreSQL's "Failing row contains (…)", a driver's
    parameters); the log must not, so only where it happened is written, never what.
    """
    import traceback

    names, cur, seen = [], exc, set()
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        state = getattr(getattr(cur, "orig", None), "sqlstate", None) or getattr(cur, "sqlstate", None)
        names.append(type(cur).__name__ + (f"[{state}]" if state else ""))
        cur = cur.__cause__ or cur.__context__
    return " <- ".join(names) + "\n" + "".join(traceback.format_tb(exc.__traceback__))


class SafeErrors:
    """The outermost guard: an unexpected error is a plain 500 Problem, logged without values."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            log.error("internal error in %s %s: %s", scope.get("method"), scope.get("path"), describe_error(exc))
            if not started:
                if unreachable(exc):
                    await _answer(send, 503, "unavailable", UNAVAILABLE)
                else:
                    await _answer(send, 500, "internal", "中心服务器内部错误，已记录，稍后自动重试")


class BodyGuard:
    def __init__(self, app, engine: Engine, limits: dict[str, int] | None = None, other: int = DEFAULT_OTHER):
        self.app, self.engine = app, engine
        self.limits = dict(DEFAULT_LIMITS, **(limits or {}))
        self.other = other

    def limit_for(self, path: str) -> int:
        return self.limits.get(path, self.other)

    def _check_token(self, authorization: str | None) -> None:
        def once() -> None:
            with self.engine.connect() as conn:
                windows.authenticate(conn, authorization, touch=False)

        once_more_if_disconnected(once)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        limit = self.limit_for(path)
        mb = f"{limit / MB:g} MB"
        try:
            declared = int(headers.get("content-length", "0") or 0)
        except ValueError:
            await _answer(send, 400, "invalid", "请求头 Content-Length 无效")
            return
        if declared > limit:
            await _answer(send, 413, "too_large", f"请求内容过大（上限 {mb}），请分批发送")
            return
        if path not in OPEN_PATHS and path not in SELF_CHECKED:
            try:
                await anyio.to_thread.run_sync(self._check_token, headers.get("authorization"))
            except ApiError as exc:
                await _answer(send, exc.status, exc.code, exc.message)
                return
            except Exception as exc:
                if not unreachable(exc):
                    raise
                log.error("database unreachable while checking a token: %s", describe_error(exc))
                await _answer(send, 503, "unavailable", UNAVAILABLE)
                return
        seen = 0
        started = False

        async def counted() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise TooLarge(limit)
            return message

        async def tracking_send(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracking_send)
        except TooLarge:
            if not started:
                await _answer(send, 413, "too_large", f"请求内容过大（上限 {mb}），请分批发送")
