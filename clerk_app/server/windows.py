"""Registering windows, one-time enrolment, and authenticating every request."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, or_, select, update

from clerk_app.server import tokens
from clerk_app.server.clock import utcnow
from clerk_app.server.errors import ApiError, Forbidden, Invalid, NotFound, Unauthorized
from clerk_app.server.models import ApiClient, EnrolAttempt, Window

log = logging.getLogger(__name__)
W = Window.__table__
C = ApiClient.__table__
ATTEMPTS = EnrolAttempt.__table__
DEFAULT_TOKEN_DAYS = 90.0
# Wrong enrolment codes: per client address, and for the whole centre (a spread-out guess).
ENROL_WINDOW = timedelta(minutes=15)
ENROL_MAX_FAILURES = 5
ENROL_MAX_FAILURES_ALL = 100


class TooManyAttempts(ApiError):
    status = 429
    code = "too_many_attempts"


@dataclass(frozen=True)
class Caller:
    """Who is calling: a window (``window_id`` set) or a back-office client (``scope`` set)."""

    kind: str  # window | back_office
    name: str
    window_id: str | None = None
    centre_id: str | None = None
    token_hash: str | None = None  # the hash of the token this call came with
    token_expires_at: datetime | None = None
    used_previous: bool = False  # the window called with its token before the last renewal
    scope: dict[str, Any] | None = None

    @property
    def scopes(self) -> tuple[str, ...]:
        """Stream scopes this window may read: its own id, its centre, everything (``*``)."""
        return (self.window_id or "", self.centre_id or "", "*")


def check_window_id(window_id: str) -> str:
    wid = (window_id or "").strip()
    if not (len(wid) == 11 and wid.isdigit()):
        raise Invalid(f"窗口编号须为11位数字（区划6位+中心2位+窗口3位）：{window_id!r}")
    return wid


def add_window(conn: Connection, window_id: str, name: str = "", code_hours: float = 72.0) -> str:
    """Register a window (or re-issue its code); returns the one-time enrolment code."""
    wid = check_window_id(window_id)
    code = tokens.new_code()
    now = utcnow()
    values = {"enrol_code_hash": tokens.code_digest(code), "enrol_expires_at": now + timedelta(hours=code_hours)}
    exists = conn.execute(select(W.c.window_id).where(W.c.window_id == wid)).first()
    if exists:
        if name:
            values["name"] = name
        conn.execute(update(W).where(W.c.window_id == wid).values(**values))
    else:
        conn.execute(W.insert().values(window_id=wid, centre_id=wid[:8], name=name or f"窗口 {wid}",
                                       created_at=now, disabled=False, **values))
    return code


def check_enrol_rate(conn: Connection, client: str) -> None:
    """429 while this address (or everyone together) has guessed wrong too often lately."""
    since = utcnow() - ENROL_WINDOW
    failed = ATTEMPTS.c.ok.is_(False) & (ATTEMPTS.c.at > since)
    mine = conn.execute(select(func.count()).where(failed, ATTEMPTS.c.client == client[:64])).scalar() or 0
    everyone = conn.execute(select(func.count()).where(failed)).scalar() or 0
    if mine >= ENROL_MAX_FAILURES or everyone >= ENROL_MAX_FAILURES_ALL:
        log.warning("enrolment refused: too many wrong codes (client %s: %d, all: %d in %s)",
                    client, mine, everyone, ENROL_WINDOW)
        raise TooManyAttempts(f"登记码错误次数过多，请 {int(ENROL_WINDOW.total_seconds() // 60)} 分钟后再试，"
                              "或联系管理员")


def record_enrol_attempt(conn: Connection, client: str, ok: bool) -> None:
    conn.execute(ATTEMPTS.insert().values(client=client[:64], at=utcnow(), ok=ok))
    if not ok:
        log.warning("wrong enrolment code from %s", client)


def enroll(conn: Connection, code: str, token_days: float = DEFAULT_TOKEN_DAYS) -> tuple[str, str, str]:
    """Exchange a valid code for a new token, once: (window_id, name, token)."""
    token = tokens.new_token()
    now = utcnow()
    row = conn.execute(
        update(W)
        .where(W.c.enrol_code_hash == tokens.code_digest(code), W.c.enrol_expires_at > now, W.c.disabled.is_(False))
        .values(token_hash=tokens.token_digest(token), enrol_code_hash=None, enrol_expires_at=None, enrolled_at=now,
                token_expires_at=now + timedelta(days=token_days), prev_token_hash=None)
        .returning(W.c.window_id, W.c.name)
    ).first()
    if row is None:
        raise Unauthorized("登记码无效、已使用或已过期，请向管理员重新申请", code="bad_enrol_code")
    return row.window_id, row.name, token


def renew_token(conn: Connection, caller: Caller, token_days: float) -> str | None:
    """A new token for a window past half its token's life (or with none recorded); the one it
    called with stays valid until it uses the new one, so a lost answer locks nobody out."""
    if caller.kind != "window" or not caller.window_id:
        return None
    now = utcnow()
    half = timedelta(days=token_days) / 2
    if caller.token_expires_at is not None and caller.token_expires_at - now > half and not caller.used_previous:
        return None
    token = tokens.new_token()
    conn.execute(update(W).where(W.c.window_id == caller.window_id).values(
        prev_token_hash=caller.token_hash, token_hash=tokens.token_digest(token),
        token_expires_at=now + timedelta(days=token_days)))
    return token


def rotate_window(conn: Connection, window_id: str, code_hours: float = 72.0) -> str:
    """Revoke the window's token at once and issue a new one-time enrolment code."""
    wid = check_window_id(window_id)
    if conn.execute(select(W.c.window_id).where(W.c.window_id == wid)).first() is None:
        raise NotFound(f"中心没有窗口 {wid}")
    conn.execute(update(W).where(W.c.window_id == wid).values(token_hash=None, prev_token_hash=None,
                                                               token_expires_at=None))
    return add_window(conn, wid, code_hours=code_hours)


def check_scope_spec(departments: list[str] | tuple[str, ...] = (), items: list[str] | tuple[str, ...] = (),
                     all_items: bool = False) -> dict[str, Any]:
    deps = sorted({d.strip() for d in departments if d and d.strip()})
    codes = sorted({i.strip().upper() for i in items if i and i.strip()})
    if all_items:
        return {"all": True}
    if not deps and not codes:
        raise Invalid("后台部门令牌须限定范围：--department 部门名称 或 --items 事项编码（确需全部事项时用 --all）")
    return {"departments": deps, "items": codes}


def add_back_office(conn: Connection, name: str, departments: list[str] | tuple[str, ...] = (),
                    items: list[str] | tuple[str, ...] = (), all_items: bool = False) -> str:
    """A back-office client's token (shown once), limited to its department's items."""
    scope = check_scope_spec(departments, items, all_items)
    if not (name or "").strip():
        raise Invalid("后台部门名称不能为空")
    token = tokens.new_token()
    conn.execute(C.insert().values(id=str(uuid.uuid4()), name=name.strip()[:200], role="back_office",
                                   token_hash=tokens.token_digest(token), created_at=utcnow(), disabled=False,
                                   scope=scope))
    return token


def list_back_office(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(select(C).order_by(C.c.created_at)).mappings()
    return [{"id": r["id"], "name": r["name"], "scope": r["scope"], "created_at": r["created_at"],
             "revoked": bool(r["disabled"]), "revoked_at": r["revoked_at"], "last_used_at": r["last_used_at"]}
            for r in rows]


def revoke_back_office(conn: Connection, ident: str) -> int:
    """Revoke by id (or its first 8 characters) or by exact name; how many were revoked."""
    ident = (ident or "").strip()
    if not ident:
        raise Invalid("请给出后台令牌的编号或名称")
    cond = or_(C.c.id == ident, C.c.name == ident, C.c.id.startswith(ident) if len(ident) >= 8 else C.c.id == ident)
    res = conn.execute(update(C).where(cond, C.c.disabled.is_(False)).values(disabled=True, revoked_at=utcnow()))
    return int(res.rowcount or 0)


def token_of(authorization: str | None) -> str:
    """The digest of the bearer token in an ``Authorization`` header (401 when there is none)."""
    if not authorization or not authorization.lower().startswith("bearer "):
        raise Unauthorized("请求未带登记凭据：本窗口尚未登记到中心", code="not_enrolled")
    raw = authorization[7:]
    if not raw or len(raw) > 512:
        raise Unauthorized("登记凭据无效或已被撤销，请重新登记本窗口", code="bad_token")
    return tokens.token_digest(raw)


def window_caller(conn: Connection, row: Any, digest: str, touch: bool = True) -> Caller:
    """The window whose ``windows`` row (window_id, centre_id, name, disabled, token_hash,
    token_expires_at, prev_token_hash) the token ``digest`` matched; 403/401 if it may not call."""
    if row.disabled:
        raise Forbidden("本窗口已被中心停用，请联系管理员", code="window_disabled")
    if row.token_expires_at is not None and row.token_expires_at <= utcnow():
        raise Unauthorized("本窗口的登记凭据已过期，请向管理员申请登记码后重新登记（clerk enroll）",
                           code="token_expired")
    previous = row.token_hash != digest
    if touch and not previous and row.prev_token_hash is not None:  # the new token is in use: drop the old
        conn.execute(update(W).where(W.c.window_id == row.window_id, W.c.prev_token_hash.is_not(None))
                     .values(prev_token_hash=None))
    return Caller("window", row.name, row.window_id, row.centre_id, digest, row.token_expires_at, previous)


def authenticate(conn: Connection, authorization: str | None, touch: bool = True) -> Caller:
    digest = token_of(authorization)
    row = conn.execute(
        select(W.c.window_id, W.c.centre_id, W.c.name, W.c.disabled, W.c.token_hash, W.c.token_expires_at,
               W.c.prev_token_hash)
        .where(or_(W.c.token_hash == digest, W.c.prev_token_hash == digest))
    ).first()
    if row is not None:
        return window_caller(conn, row, digest, touch)
    client = conn.execute(select(C.c.id, C.c.name, C.c.role, C.c.disabled, C.c.scope)
                          .where(C.c.token_hash == digest)).first()
    if client is None or client.disabled:
        raise Unauthorized("登记凭据无效或已被撤销，请重新登记本窗口", code="bad_token")
    if touch:
        conn.execute(update(C).where(C.c.id == client.id).values(last_used_at=utcnow()))
    return Caller(client.role, client.name, scope=client.scope or {})


def lock_window(conn: Connection, window_id: str) -> None:
    """Serialise the pushes of one window across server processes (a row lock until commit)."""
    conn.execute(select(W.c.window_id).where(W.c.window_id == window_id).with_for_update())


def require_window(caller: Caller, window_id: str | None = None) -> str:
    """The caller's window id; 403 if the caller is not a window or names another window."""
    if caller.kind != "window" or not caller.window_id:
        raise Forbidden("此接口只供窗口使用", code="not_a_window")
    if window_id is not None and window_id != caller.window_id:
        raise Forbidden(f"本窗口（{caller.window_id}）不能读取或提交其他窗口（{window_id}）的数据")
    return caller.window_id


def require_back_office(caller: Caller) -> None:
    if caller.kind != "back_office":
        raise Forbidden("只有后台审批部门可以报告审批结果", code="not_back_office")


def list_windows(conn: Connection) -> list[dict]:
    rows = conn.execute(select(W).order_by(W.c.window_id)).mappings()
    return [{"window_id": r["window_id"], "name": r["name"], "enrolled": r["token_hash"] is not None,
             "code_pending": r["enrol_code_hash"] is not None, "disabled": r["disabled"],
             "token_expires_at": r["token_expires_at"],
             "last_seen_at": r["last_seen_at"], "last_hello": r["last_hello"]} for r in rows]


def disable_window(conn: Connection, window_id: str) -> bool:
    res = conn.execute(update(W).where(W.c.window_id == check_window_id(window_id)).values(disabled=True))
    return bool(res.rowcount)


def enable_window(conn: Connection, window_id: str) -> bool:
    """Let a disabled window work again (with the token it has, if still valid)."""
    res = conn.execute(update(W).where(W.c.window_id == check_window_id(window_id)).values(disabled=False))
    return bool(res.rowcount)
