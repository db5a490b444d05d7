"""Registering windows, one-time enrolment, and authenticating every request."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Connection, select, update

from clerk_app.server import tokens
from clerk_app.server.clock import utcnow
from clerk_app.server.errors import Forbidden, Invalid, Unauthorized
from clerk_app.server.models import ApiClient, Window

W = Window.__table__
C = ApiClient.__table__


@dataclass(frozen=True)
class Caller:
    """Who is calling: a window (``window_id`` set) or a back-office client."""

    kind: str  # window | back_office
    name: str
    window_id: str | None = None
    centre_id: str | None = None

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


def enroll(conn: Connection, code: str) -> tuple[str, str, str]:
    """Exchange a valid code for a new token, once: (window_id, name, token)."""
    token = tokens.new_token()
    now = utcnow()
    row = conn.execute(
        update(W)
        .where(W.c.enrol_code_hash == tokens.code_digest(code), W.c.enrol_expires_at > now, W.c.disabled.is_(False))
        .values(token_hash=tokens.token_digest(token), enrol_code_hash=None, enrol_expires_at=None, enrolled_at=now)
        .returning(W.c.window_id, W.c.name)
    ).first()
    if row is None:
        raise Unauthorized("登记码无效、已使用或已过期，请向管理员重新申请", code="bad_enrol_code")
    return row.window_id, row.name, token


def add_back_office(conn: Connection, name: str) -> str:
    token = tokens.new_token()
    conn.execute(C.insert().values(id=str(uuid.uuid4()), name=name, role="back_office",
                                   token_hash=tokens.token_digest(token), created_at=utcnow(), disabled=False))
    return token


def authenticate(conn: Connection, authorization: str | None) -> Caller:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise Unauthorized("请求未带登记凭据：本窗口尚未登记到中心", code="not_enrolled")
    digest = tokens.token_digest(authorization[7:])
    row = conn.execute(
        select(W.c.window_id, W.c.centre_id, W.c.name, W.c.disabled).where(W.c.token_hash == digest)
    ).first()
    if row is not None:
        if row.disabled:
            raise Forbidden("本窗口已被中心停用，请联系管理员", code="window_disabled")
        return Caller("window", row.name, row.window_id, row.centre_id)
    client = conn.execute(select(C.c.name, C.c.role, C.c.disabled).where(C.c.token_hash == digest)).first()
    if client is None or client.disabled:
        raise Unauthorized("登记凭据无效或已被撤销，请重新登记本窗口", code="bad_token")
    return Caller(client.role, client.name)


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
             "last_seen_at": r["last_seen_at"], "last_hello": r["last_hello"]} for r in rows]


def disable_window(conn: Connection, window_id: str) -> bool:
    res = conn.execute(update(W).where(W.c.window_id == check_window_id(window_id)).values(disabled=True))
    return bool(res.rowcount)
