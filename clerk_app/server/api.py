"""The HTTP API (FastAPI). Each request is one database transaction; nothing is kept between
requests, so any number of processes can serve one database. OpenAPI at ``/openapi.json``
and ``/docs``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date, timedelta
from typing import Annotated, TypeVar

from fastapi import Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from clerk_app import __version__
from clerk_app.protocol.messages import (
    AuditPushRequest,
    AuditPushResponse,
    CaseOut,
    DecisionRequest,
    DecisionResponse,
    EnrollRequest,
    EnrollResponse,
    HelloRequest,
    HelloResponse,
    Problem,
    ProgressOut,
    ProgressRequest,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    RecoveryResponse,
    RoundRequest,
    RoundResponse,
    TallyResponse,
)
from clerk_app.protocol.safe_json import UnsafeContent, check_moment
from clerk_app.protocol.versions import PROTOCOL_VERSION, STREAMS
from clerk_app.server import (
    audit_store,
    decisions,
    hello,
    progress,
    push,
    readback,
    recovery,
    streams,
    windows,
)
from clerk_app.server.clock import aware, utcnow
from clerk_app.server.db import once_more_if_disconnected
from clerk_app.server.errors import ApiError, Invalid
from clerk_app.server.fast_json import FastJSONRoute
from clerk_app.server.guard import UNAVAILABLE, BodyGuard, SafeErrors, describe_error, unreachable
from clerk_app.server.windows import Caller

log = logging.getLogger(__name__)
T = TypeVar("T")
bearer = HTTPBearer(auto_error=False, description="窗口令牌（clerk enroll 取得）或后台部门令牌")
Creds = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]

ERRORS = {code: {"model": Problem} for code in (401, 403, 404, 409, 413, 422, 503)}
ERRORS_ENROL = {code: {"model": Problem} for code in (401, 413, 422, 429, 503)}
ERRORS_PROGRESS = ERRORS_ENROL


def _auth_header(creds: HTTPAuthorizationCredentials | None) -> str | None:
    return f"Bearer {creds.credentials}" if creds else None


def create_app(engine: Engine, *, token_days: float = windows.DEFAULT_TOKEN_DAYS,
               max_push_bytes: int | None = None, threads: int | None = None) -> FastAPI:
    """``threads``: requests worked on at once (each in a worker thread holding one pooled
    connection); the server process sets it to its pool size, so no request waits inside a
    thread for a connection and none opens an overflow connection (docs/idle.md). None keeps
    anyio's default (40), e.g. for an app served from a test's thread."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if threads:
            import anyio.to_thread

            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    app = FastAPI(title="Window Clerk central server（综合窗口中心服务）", version=__version__, lifespan=lifespan,
                  description=f"同步协议版本 {PROTOCOL_VERSION}。窗口登记、变更上传、数据流下载、后台审批结果。")
    app.router.route_class = FastJSONRoute  # bodies read by pydantic-core's JSON reader (the push benchmark)
    app.state.engine = engine
    app.add_middleware(BodyGuard, engine=engine,
                       limits={"/v1/push": max_push_bytes} if max_push_bytes else None)
    app.add_middleware(SafeErrors)  # added last: outermost of ours
    touches = hello.Touches()  # per process: an idle window's row is rewritten once a minute, not every round
    autocommit = engine.dialect.name == "postgresql"

    def run(creds: HTTPAuthorizationCredentials | None, work: Callable[[Connection, Caller], T]) -> T:
        def once() -> T:
            with engine.begin() as conn:
                caller = windows.authenticate(conn, _auth_header(creds))
                return work(conn, caller)

        return once_more_if_disconnected(once)

    @app.exception_handler(ApiError)
    async def _api_error(_req: Request, exc: ApiError):
        return JSONResponse(Problem(code=exc.code, message=exc.message).model_dump(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        msg = f"请求格式不正确：{where}: {first.get('msg', '')}（共 {len(exc.errors())} 处）"
        return JSONResponse(Problem(code="invalid", message=msg).model_dump(), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_req: Request, exc: StarletteHTTPException):
        code = {400: "invalid", 401: "unauthorized", 404: "not_found", 405: "not_allowed", 413: "too_large"}
        return JSONResponse(Problem(code=code.get(exc.status_code, "error"),
                                    message=f"请求无法处理：{exc.detail}").model_dump(),
                            status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RecursionError)
    async def _too_deep(_req: Request, _exc: RecursionError):
        return JSONResponse(Problem(code="invalid", message="请求格式不正确：JSON 嵌套过深").model_dump(),
                            status_code=422)

    @app.exception_handler(DBAPIError)
    async def _db_error(_req: Request, exc: DBAPIError):
        log.error("database error: %s", describe_error(exc))  # never the message: it may carry row values
        if unreachable(exc):
            return JSONResponse(Problem(code="unavailable", message=UNAVAILABLE).model_dump(), status_code=503)
        return JSONResponse(Problem(code="internal", message="中心服务器内部错误，已记录，稍后自动重试").model_dump(),
                            status_code=500)

    @app.get("/v1/health", tags=["server"])
    def health() -> dict:
        return {"ok": True, "protocol_version": PROTOCOL_VERSION, "server_time": aware(utcnow()).isoformat()}

    @app.post("/v1/enroll", response_model=EnrollResponse, responses=ERRORS_ENROL, tags=["windows"])
    def enroll(req: EnrollRequest, request: Request) -> EnrollResponse:
        client = request.client.host if request.client else "?"
        with engine.begin() as conn:
            windows.check_enrol_rate(conn, client)
        try:
            with engine.begin() as conn:
                wid, name, token = windows.enroll(conn, req.code, token_days)
                windows.record_enrol_attempt(conn, client, True)
        except ApiError:
            with engine.begin() as conn:  # kept even though the enrolment itself was rolled back
                windows.record_enrol_attempt(conn, client, False)
            raise
        log.info("window %s enrolled from %s", wid, client)
        return EnrollResponse(window_id=wid, window_name=name, token=token, server_time=aware(utcnow()))

    @app.post("/v1/hello", response_model=HelloResponse, responses=ERRORS, tags=["sync"])
    def hello_(req: HelloRequest, creds: Creds) -> HelloResponse:
        return run(creds, lambda conn, caller: hello.hello(conn, caller, req, token_days, touches))

    round_body = {"required": True, "content": {"application/json": {"schema": RoundRequest.model_json_schema(
        ref_template="#/components/schemas/{model}")}}}

    @app.post("/v1/round", response_model=RoundResponse, responses=ERRORS, tags=["sync"],
              openapi_extra={"requestBody": round_body})
    async def round_(request: Request, creds: Creds) -> Response:
        """Protocol 2: the hello and every stream that moved, in one request (docs/idle.md).

        The token is checked before the body is parsed (the body guard leaves this path to it),
        in the same transaction that answers, so an idle round is one checkout and one
        statement of index lookups besides the token's."""
        body = await request.body()

        def work() -> bytes:
            # On PostgreSQL the round runs in autocommit: an idle one is a single SELECT (no BEGIN,
            # no COMMIT round trips), and each of its rare writes (recording the window once a
            # minute, a renewed token) is one single-row UPDATE that stands on its own.
            with (engine.connect().execution_options(isolation_level="AUTOCOMMIT") if autocommit
                  else engine.begin()) as conn:
                try:
                    answer = hello.answer_round(conn, _auth_header(creds), body, token_days, touches)
                except ValidationError as exc:
                    raise RequestValidationError(exc.errors()) from None
                return answer.model_dump_json().encode()

        return Response(await run_in_threadpool(once_more_if_disconnected, work), media_type="application/json")

    @app.post("/v1/push", response_model=PushResponse, responses=ERRORS, tags=["sync"])
    def push_(req: PushRequest, creds: Creds) -> PushResponse:
        return run(creds, lambda conn, caller: push.apply_push(conn, caller, req))

    @app.post("/v1/audit", response_model=AuditPushResponse, responses=ERRORS, tags=["sync"])
    def audit_(req: AuditPushRequest, creds: Creds) -> AuditPushResponse:
        return run(creds, lambda conn, caller: audit_store.store_audit(conn, caller, req))

    @app.post("/v1/pull", response_model=PullResponse, responses=ERRORS, tags=["sync"])
    def pull_(req: PullRequest, creds: Creds) -> PullResponse:
        def work(conn: Connection, caller: Caller) -> PullResponse:
            windows.require_window(caller)
            wanted = req.cursors or {s: 0 for s in STREAMS}
            pages = {s: streams.page(conn, s, caller.scopes, max(0, c), req.limit) for s, c in wanted.items()}
            return PullResponse(streams=pages, server_time=aware(utcnow()))

        return run(creds, work)

    @app.post("/v1/progress", response_model=ProgressOut, responses=ERRORS_PROGRESS, tags=["public"])
    def progress_(req: ProgressRequest, request: Request) -> ProgressOut:
        """The applicant's lookup: case number + 查询密码 (wrong ones rate-limited; no token)."""
        client = request.client.host if request.client else "?"
        no = progress.case_number(req.case_no)
        with engine.begin() as conn:
            progress.check_rate(conn, client, no)
        try:
            with engine.begin() as conn:
                out = progress.lookup(conn, req)
                progress.record_attempt(conn, client, no, True)
                return out
        except ApiError:
            with engine.begin() as conn:  # kept although the lookup itself was rolled back
                progress.record_attempt(conn, client, no, False)
            raise

    @app.get("/v1/cases/{case_no}", response_model=CaseOut, responses=ERRORS, tags=["sync"])
    def case_(case_no: str, creds: Creds) -> CaseOut:
        return run(creds, lambda conn, caller: readback.get_case(conn, caller, case_no))

    @app.get("/v1/windows/{window_id}/tally", response_model=TallyResponse, responses=ERRORS, tags=["sync"])
    def tally_(window_id: str, creds: Creds, since: Annotated[date | None, Query()] = None) -> TallyResponse:
        if since is not None:
            try:
                check_moment(since, "since")
            except UnsafeContent as exc:
                raise Invalid(f"请求格式不正确：{exc}") from None
        start = since or (utcnow().date() - timedelta(days=30))
        return run(creds, lambda conn, caller: readback.tally(conn, caller, window_id, start))

    @app.get("/v1/windows/{window_id}/recovery", response_model=RecoveryResponse, responses=ERRORS, tags=["sync"])
    def recovery_(window_id: str, creds: Creds, since: Annotated[date, Query()],
                  after_audit: Annotated[int, Query(ge=0, le=2**62)] = 0) -> RecoveryResponse:
        """This window's numbers, change seq and audit chain since ``since``, for ``clerk recover``."""
        return run(creds, lambda conn, caller: recovery.recovery(conn, caller, window_id, since, after_audit))

    @app.post("/v1/backoffice/decisions", response_model=DecisionResponse, responses=ERRORS, tags=["back office"])
    def decide_(req: DecisionRequest, creds: Creds) -> DecisionResponse:
        def work(conn: Connection, caller: Caller) -> DecisionResponse:
            windows.require_back_office(caller)
            return decisions.decide(conn, req, caller)

        return run(creds, work)

    return app
