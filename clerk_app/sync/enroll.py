"""Enrol this window with the centre: exchange the admin's one-time code for a token.

The token goes to the keyring (or the private file fallback), the server address to the
settings. If the centre registered this window under another window number, the local
settings follow it, but only while this window has no cases of its own yet (their
numbers contain the window number).
"""

from __future__ import annotations

import logging
import platform
from dataclasses import dataclass

import httpx
from sqlalchemy import func, select

from clerk_app import __version__
from clerk_app import settings as settings_mod
from clerk_app.store import audit
from clerk_app.store import sync_state as state
from clerk_app.store.models import Case, Notice
from clerk_app.sync.client import enroll_request
from clerk_app.sync.token import save_token

log = logging.getLogger(__name__)


class EnrollError(Exception):
    pass


@dataclass(frozen=True)
class EnrollResult:
    window_id: str
    window_name: str
    server_url: str
    token_store: str  # keyring | file
    settings_changed: bool


def enroll(ctx, server_url: str, code: str, *, ca_file: str | None = None,
           transport: httpx.BaseTransport | None = None) -> EnrollResult:
    url = server_url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise EnrollError(f"中心服务器地址须以 http:// 或 https:// 开头：{server_url}")
    resp = enroll_request(url, code, platform.node(), __version__, ca_file=ca_file, transport=transport)
    new = ctx.settings
    changed = resp.window_id != ctx.window_id
    if changed:
        with ctx.store.read() as s:
            own = (s.execute(select(func.count()).select_from(Case)).scalar() or 0) + \
                  (s.execute(select(func.count()).select_from(Notice)).scalar() or 0)
        if own:
            raise EnrollError(
                f"中心登记的窗口编号为 {resp.window_id}，而本机设置为 {ctx.window_id} 且已有 {own} 件办件/告知书："
                "请管理员在中心按本机编号登记（clerk server window add "
                f"{ctx.window_id}），再用新的登记码重试。")
        new = settings_mod.set_value(new, "centre.region_code", resp.window_id[:6])
        new = settings_mod.set_value(new, "centre.centre_code", resp.window_id[6:8])
        new = settings_mod.set_value(new, "window.number", resp.window_id[8:])
    previous_url = ctx.settings.sync.server_url.strip().rstrip("/")
    new = settings_mod.set_value(new, "sync.server_url", url)
    if ca_file is not None:
        new = settings_mod.set_value(new, "sync.ca_file", ca_file)
    where = save_token(resp.token)
    settings_mod.save(new)
    ctx.settings = new
    with ctx.store.transaction() as s:
        if previous_url and previous_url != url:
            state.reset_cursors(s)  # another centre: its streams start from the beginning
        state.put_many(s, {state.SERVER_URL: url, state.LAST_ERROR: None, state.STATE: "offline"})
        audit.append(s, "管理员", "sync.enroll", resp.window_id, {"server": url, "window_name": resp.window_name})
    log.info("window %s enrolled with %s (token in %s)", resp.window_id, url, where)
    return EnrollResult(resp.window_id, resp.window_name, url, where, changed)
