"""The hello: versions first, so a window that missed an upgrade is told what to do."""

from __future__ import annotations

from sqlalchemy import Connection, update

from clerk_app.protocol.messages import Action, HelloRequest, HelloResponse
from clerk_app.protocol.versions import (
    CATALOGUE,
    CLOCK_SKEW_WARN_SECONDS,
    MIN_PROTOCOL_VERSION,
    PROTOCOL_VERSION,
)
from clerk_app.server import streams
from clerk_app.server.audit_store import audit_high_seq
from clerk_app.server.clock import aware, utcnow
from clerk_app.server.models import Window
from clerk_app.server.push import high_seq
from clerk_app.server.windows import DEFAULT_TOKEN_DAYS, Caller, renew_token, require_window

W = Window.__table__


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


def hello(conn: Connection, caller: Caller, req: HelloRequest,
          token_days: float = DEFAULT_TOKEN_DAYS) -> HelloResponse:
    window_id = require_window(caller, req.window_id)
    now = utcnow()
    skew = (aware(req.device_time) - aware(now)).total_seconds() if req.device_time.tzinfo else 0.0
    push_high = high_seq(conn, window_id)
    audit_high = audit_high_seq(conn, window_id)
    cat = streams.latest(conn, CATALOGUE, caller.scopes)
    catalogue = cat.get("version") if cat else None
    actions = _actions(req, push_high, audit_high, catalogue, skew)
    last = {"protocol": req.protocol_version, "app": req.app_version, "schema": req.store_schema,
            "catalogue": req.catalogue_version, "skew_seconds": round(skew, 1), "outbox_seq": req.outbox_seq}
    conn.execute(update(W).where(W.c.window_id == window_id).values(last_seen_at=now, last_hello=last))
    new_token = renew_token(conn, caller, token_days)  # silently, while the window syncs
    return HelloResponse(
        ok=not any(a.level == "error" and a.code in ("upgrade_required", "server_outdated") for a in actions),
        server_time=aware(now), protocol_version=PROTOCOL_VERSION, min_protocol_version=MIN_PROTOCOL_VERSION,
        window_id=window_id, actions=actions, push_high_seq=push_high, audit_high_seq=audit_high,
        catalogue_latest=catalogue, stream_heads=streams.heads(conn, caller.scopes), new_token=new_token,
    )

