"""Offline rights have limits: a stale roster stops offline logins (but the break-glass admin),
a window out of contact shows a banner, a window with a wrong clock prints no dated paper."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from store.samples import sign_accepted, submit_request

from clerk_app import settings as settings_mod
from clerk_app.services import documents, offline_limits, staff_login
from clerk_app.store import sync_state as state
from clerk_app.store.models import AuditEntry


def _enrolled(ctx, **offline) -> None:
    s = settings_mod.set_value(ctx.settings, "sync.server_url", "https://centre.example:8765")
    for k, v in offline.items():
        s = settings_mod.set_value(s, f"offline.{k}", v)
    ctx.settings = s


def _last_contact(ctx, ago: timedelta, skew_seconds: float | None = None) -> None:
    with ctx.store.transaction() as s:
        state.put(s, state.LAST_SUCCESS, (ctx.clock() - ago).isoformat())
        if skew_seconds is not None:
            state.put(s, state.CLOCK_SKEW, skew_seconds)


def test_a_stale_roster_stops_offline_logins_but_the_break_glass_admin(ctx):
    _enrolled(ctx, break_glass=["1003"])
    _last_contact(ctx, timedelta(days=8))
    with pytest.raises(staff_login.LoginRefused) as info:
        staff_login.login(ctx, "1001", "zs123456")
    assert info.value.reason == "roster_stale"
    assert "超过 7 天未与中心核对" in str(info.value) and "应急管理员" in str(info.value)
    result = staff_login.login(ctx, "1003", "ww123456")  # the break-glass account may work
    assert result.clerk is not None
    with ctx.store.read() as s:
        actions = list(s.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())
    assert "staff.login_break_glass" in actions
    assert actions.count("staff.login_refused") == 1


def test_the_roster_age_limit_is_the_one_the_settings_give(ctx):
    _enrolled(ctx, roster_max_age_days=3)
    _last_contact(ctx, timedelta(days=2))
    assert staff_login.login(ctx, "1001", "zs123456").clerk
    _last_contact(ctx, timedelta(days=4))
    with pytest.raises(staff_login.LoginRefused):
        staff_login.login(ctx, "1001", "zs123456")


def test_no_contact_for_long_shows_a_banner(ctx, qtbot):
    _enrolled(ctx)
    _last_contact(ctx, timedelta(hours=2))
    assert offline_limits.offline_state(ctx).banner is None
    _last_contact(ctx, timedelta(hours=30))
    banner = offline_limits.offline_state(ctx).banner
    assert banner and "30 小时未与中心联系" in banner

    from clerk_app.ui.offline_banner import OfflineBanner

    w = OfflineBanner(ctx)
    qtbot.addWidget(w)
    assert not w.isHidden() and "未与中心联系" in w.text()
    _last_contact(ctx, timedelta(hours=1))
    w.refresh()
    assert w.isHidden()


def test_a_clock_known_to_be_off_prints_no_dated_paper(ctx):
    from clerk_app.domain.people import Clerk

    clerk = Clerk(id="s1", name="张三", badge="A017")  # papers need a logged-in person
    no = submit_request(ctx, sign_accepted(), clerk).number

    _enrolled(ctx, clock_max_skew_minutes=10)
    _last_contact(ctx, timedelta(minutes=1), skew_seconds=-25 * 60)
    with pytest.raises(documents.DocumentUnavailable, match="慢约 25 分钟.*校准系统时间"):
        documents.issue(ctx, no, "acceptance", clerk)
    assert "校准" in (offline_limits.offline_state(ctx).banner or "")
    _last_contact(ctx, timedelta(minutes=1), skew_seconds=90)
    pdf, _ = documents.issue(ctx, no, "acceptance", clerk)
    assert pdf.startswith(b"%PDF")


def test_the_banner_turns_red_when_the_store_vanishes(ctx, qtbot):
    import os

    from clerk_app import paths
    from clerk_app.ui.offline_banner import OfflineBanner

    w = OfflineBanner(ctx)
    qtbot.addWidget(w)
    assert w.isHidden()
    os.remove(paths.db_path())
    w.refresh()
    assert not w.isHidden() and w.property("alarm") and "已被删除或替换" in w.text()
