"""The hello: versions first, so a window that missed an upgrade is told what to do; and the
one-request round (protocol 2), which is the hello plus whatever streams moved."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Boolean, Connection, DateTime, TextClause, TextualSelect, text, update

from clerk_app.protocol.messages import Action, HelloRequest, HelloResponse, RoundRequest, RoundResponse
from clerk_app.protocol.versions import (
    CATALOGUE,
    CLOCK_SKEW_WARN_SECONDS,
    MIN_PROTOCOL_VERSION,
    PROTOCOL_VERSION,
    STREAMS,
)
from clerk_app.server import streams, windows
from clerk_app.server.clock import aware, utcnow
from clerk_app.server.db import driver_fetchone
from clerk_app.server.models import Window
from clerk_app.server.windows import DEFAULT_TOKEN_DAYS, Caller, renew_token, require_window

W = Window.__table__
TOUCH_EVERY_SECONDS = 60.0  # an idle window's row (last_seen_at, last_hello) is rewritten at most this often


def _actions(req: HelloRequest, push_high: int, audit_high: int, catalogue: str | None,
             skew: float) -> list[Action]:
    out: list[Action] = []
    if req.protocol_version < MIN_PROTOCOL_VERSION:
        out.append(Action(code="upgrade_required", level="error", message=(
            f"本窗口程序的同步协议版本（{req.protocol_version}）过旧，中心要求至少 {MIN_PROTOCOL_VERSION}："
            "请安装新版本后再同步。未同步的办件仍安全保存在本机，不会丢失。")))
    elif req.protocol_version > PROTOCOL_VERSION:
        out.append(Action(code="server_outdated", level="error", message=(
            f"中心服务器版本较旧（协议 {PROTOCOL_VERSION}），不支持本窗口程序（协议 {req.protocol_version}）："
            "请联系管理员升级中心服务器。未同步的办件仍安全保存在本机。")))
    if push_high > req.outbox_seq:
        out.append(Action(code="seq_behind", level="error", message=(
            f"中心已收到本窗口第 {push_high} 条变更，本机却只记录到第 {req.outbox_seq} 条："
            "本机数据可能是从旧备份恢复的。为免覆盖，暂停上传，请联系管理员。")))
    if audit_high > req.audit_seq:
        out.append(Action(code="audit_behind", level="warning", message=(
            f"中心已有本窗口审计日志 {audit_high} 条，本机只有 {req.audit_seq} 条：本机数据可能是从旧备份恢复的。")))
    if catalogue and catalogue != req.catalogue_version:
        out.append(Action(code="catalogue_update", level="info",
                          message=f"中心已发布事项目录版本 {catalogue}，本次同步将下载并启用"))
    if abs(skew) > CLOCK_SKEW_WARN_SECONDS:
        out.append(Action(code="clock_skew", level="warning", message=(
            f"本机时钟与中心相差约 {abs(skew) / 60:.0f} 分钟，请校准系统时间（办件顺序不受影响，但凭证上的时间可能不准）")))
    return out


class Touches:
    """What this process last recorded of each window's hello, and when (monotonic seconds).

    An idle window says the same thing every few seconds; rewriting its ``windows`` row each
    time is a write (and a WAL flush) per round for nothing. The row is written when what the
    window reports changes (versions, outbox seq) or after ``every`` seconds, so
    ``last_seen_at`` is at most that old. Per process: two processes may each write once.
    """

    def __init__(self, every: float = TOUCH_EVERY_SECONDS, most: int = 200_000):
        self.every, self.most = every, most
        self._seen: dict[str, tuple[tuple[Any, ...], float]] = {}

    def due(self, window_id: str, key: tuple[Any, ...]) -> bool:
        last = self._seen.get(window_id)
        return last is None or last[0] != key or time.monotonic() - last[1] >= self.every

    def done(self, window_id: str, key: tuple[Any, ...]) -> None:
        if len(self._seen) >= self.most:
            self._seen.clear()
        self._seen[window_id] = (key, time.monotonic())


State = tuple[int, int, str | None, dict[str, int]]  # push high, audit high, catalogue, stream heads


@cache
def _state_sql(n_scopes: int) -> TextClause:
    """The statement of :func:`window_state`, written once: building and caching an expression of
    fifteen subqueries on every round cost more CPU than the database spends answering it."""
    scopes = ", ".join(f":s{m}" for m in range(n_scopes))
    cols = [
        "(SELECT max(seq) FROM changes WHERE window_id = :w) AS push_high",
        "(SELECT max(seq) FROM audit_entries WHERE window_id = :w) AS audit_high",
        f"(SELECT \"key\" FROM stream_items WHERE stream = '{CATALOGUE}' AND scope IN ({scopes}) "
        "ORDER BY \"cursor\" DESC LIMIT 1) AS catalogue",
    ]
    for stream in STREAMS:
        assert stream.isidentifier()  # a constant of protocol.versions, never input
        cols += [f"(SELECT max(\"cursor\") FROM stream_items WHERE stream = '{stream}' AND scope = :s{m})"
                 for m in range(n_scopes)]
    return text("SELECT " + ",\n  ".join(cols))


def window_state(conn: Connection, window_id: str, scopes: tuple[str, ...]) -> State:
    """(push high seq, audit high seq, latest catalogue version, stream heads) in ONE statement of
    index-only lookups: no payload is read (each head is a ``max(cursor)`` on the index
    ``(stream, scope, cursor)``, per scope; the catalogue version is the key of its head)."""
    params: dict[str, Any] = {"w": window_id} | {f"s{m}": scope for m, scope in enumerate(scopes)}
    row = conn.execute(_state_sql(len(scopes)), params).one()
    k = len(scopes)
    heads = {stream: max(int(row[3 + n * k + m] or 0) for m in range(k)) for n, stream in enumerate(STREAMS)}
    return int(row[0] or 0), int(row[1] or 0), row[2], heads


def hello(conn: Connection, caller: Caller, req: HelloRequest, token_days: float = DEFAULT_TOKEN_DAYS,
          touches: Touches | None = None, state: State | None = None,
          answer: type[HelloResponse] = HelloResponse) -> HelloResponse:
    window_id = require_window(caller, req.window_id)
    now = utcnow()
    skew = (aware(req.device_time) - aware(now)).total_seconds() if req.device_time.tzinfo else 0.0
    push_high, audit_high, catalogue, heads = state or window_state(conn, window_id, caller.scopes)
    actions = _actions(req, push_high, audit_high, catalogue, skew)
    key = (req.protocol_version, req.app_version, req.store_schema, req.catalogue_version, req.outbox_seq)
    if touches is None or touches.due(window_id, key):
        last = {"protocol": req.protocol_version, "app": req.app_version, "schema": req.store_schema,
                "catalogue": req.catalogue_version, "skew_seconds": round(skew, 1), "outbox_seq": req.outbox_seq}
        conn.execute(update(W).where(W.c.window_id == window_id).values(last_seen_at=now, last_hello=last))
        if touches is not None:
            touches.done(window_id, key)
    new_token = renew_token(conn, caller, token_days)  # silently, while the window syncs
    return answer(
        ok=not any(a.level == "error" and a.code in ("upgrade_required", "server_outdated") for a in actions),
        server_time=aware(now), protocol_version=PROTOCOL_VERSION, min_protocol_version=MIN_PROTOCOL_VERSION,
        window_id=window_id, actions=actions, push_high_seq=push_high, audit_high_seq=audit_high,
        catalogue_latest=catalogue, stream_heads=heads, new_token=new_token,
    )


def round_(conn: Connection, caller: Caller, req: RoundRequest, token_days: float = DEFAULT_TOKEN_DAYS,
           touches: Touches | None = None, state: State | None = None) -> RoundResponse:
    """The one-request round (protocol 2): the hello, plus the first page of each stream the
    window follows whose head moved past its cursor. An up-to-date window costs the hello's
    one statement of index lookups and nothing else."""
    said = hello(conn, caller, req, token_days, touches, state, answer=RoundResponse)
    assert isinstance(said, RoundResponse)
    for stream, cursor in req.cursors.items():
        if stream in said.stream_heads and said.stream_heads[stream] > cursor:
            said.streams[stream] = streams.page(conn, stream, caller.scopes, cursor, req.limit)
    return said


_SCOPES = ("w.window_id", "w.centre_id", "'*'")  # Caller.scopes, in SQL
_HEADS_AT = 10  # where the stream heads start in the round's row


class _WindowRow(NamedTuple):
    """The caller's ``windows`` row, as :func:`windows.window_caller` reads it."""

    window_id: str
    centre_id: str
    name: str
    disabled: bool
    token_hash: str | None
    token_expires_at: datetime | None
    prev_token_hash: str | None


@cache
def _round_sql(dialect: str) -> str | TextualSelect:
    """Who calls with this token, and all the idle round answers, in ONE statement: the window's
    row, its push and audit high-water marks, the catalogue version, and each stream's head (the
    greatest cursor over the window's scopes; SQLite's many-argument ``max`` is GREATEST)."""
    greatest = "GREATEST" if dialect.startswith("postgresql") else "max"
    heads = [greatest + "(" + ", ".join(
        f"coalesce((SELECT max(\"cursor\") FROM stream_items WHERE stream = '{stream}' AND scope = {scope}), 0)"
        for scope in _SCOPES) + ")" for stream in STREAMS]
    sql = (
        "SELECT w.window_id, w.centre_id, w.name, w.disabled, w.token_hash, w.token_expires_at, w.prev_token_hash,\n"
        "  (SELECT max(seq) FROM changes c WHERE c.window_id = w.window_id),\n"
        "  (SELECT max(seq) FROM audit_entries a WHERE a.window_id = w.window_id),\n"
        f"  (SELECT \"key\" FROM stream_items WHERE stream = '{CATALOGUE}' AND scope IN ({', '.join(_SCOPES)}) "
        "ORDER BY \"cursor\" DESC LIMIT 1),\n  " + ",\n  ".join(heads) + "\n"
        "FROM windows w WHERE w.token_hash = :d OR w.prev_token_hash = :d")
    if dialect == "postgresql":
        return sql.replace(":d", "%(d)s")
    return text(sql).columns(token_expires_at=DateTime, disabled=Boolean)  # typed: SQLite returns text otherwise


def _round_row(conn: Connection, digest: str) -> Sequence[Any] | None:
    sql = _round_sql(conn.dialect.name + ("+async" if conn.dialect.is_async else ""))
    if isinstance(sql, str):
        # PostgreSQL: the centre's hottest statement runs on the driver's own cursor, without
        # SQLAlchemy's result layer (about 300 µs of CPU a round, docs/idle.md); same connection
        # and transaction as the rest of the round.
        return driver_fetchone(conn, sql, {"d": digest})
    return conn.execute(sql, {"d": digest}).first()


def answer_round(conn: Connection, authorization: str | None, body: bytes, token_days: float = DEFAULT_TOKEN_DAYS,
                 touches: Touches | None = None) -> RoundResponse:
    """``POST /v1/round``: the token is checked first (one statement that also reads everything an
    idle round answers), then the body is parsed: a stranger never costs a parse."""
    digest = windows.token_of(authorization)
    row = _round_row(conn, digest)
    if row is None:  # not a window's token: a back office's (refused below) or nobody's (401)
        caller = windows.authenticate(conn, authorization)
        require_window(caller)
    caller = windows.window_caller(conn, _WindowRow._make(row[:7]), digest)
    req = RoundRequest.model_validate_json(body)  # a pydantic ValidationError: the API answers 422
    heads = {stream: int(row[_HEADS_AT + n]) for n, stream in enumerate(STREAMS)}
    return round_(conn, caller, req, token_days, touches, (int(row[7] or 0), int(row[8] or 0), row[9], heads))
