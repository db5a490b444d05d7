"""How long a window may work on its own: roster age, contact with the centre, clock.

A staff member disabled at the centre stays able to log in at a window until the roster
arrives; so an enrolled window allows offline logins only while its roster was confirmed
by the centre within ``offline.roster_max_age_days``. Past it, only the break-glass staff
numbers in ``offline.break_glass`` may log in (audited). A window out of contact longer
than ``offline.no_contact_banner_hours`` shows a banner, and one whose clock the centre's
last hello found off by more than ``offline.clock_max_skew_minutes`` prints no dated paper.
The roster counts as confirmed at the last clean sync round (the round pulls the roster
stream) or when a roster version was applied, whichever is later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from clerk_app.store.staff_models import RosterState


@dataclass(frozen=True)
class OfflineState:
    enrolled: bool
    last_contact: datetime | None
    roster_confirmed: datetime | None
    roster_stale: bool
    clock_skew_minutes: float | None
    clock_off: bool
    banner: str | None  # for the clerk, or None when all is well


def _sync_values(s: Session) -> tuple[datetime | None, float | None]:
    from clerk_app.store import sync_state as state

    last = state.get(s, state.LAST_SUCCESS)
    skew = state.get(s, state.CLOCK_SKEW)
    try:
        last_dt = datetime.fromisoformat(last) if last else None
    except (TypeError, ValueError):
        last_dt = None
    return last_dt, (float(skew) / 60 if isinstance(skew, int | float) else None)


def offline_state(ctx, s: Session | None = None) -> OfflineState:
    if s is None:
        with ctx.store.read() as session:
            return offline_state(ctx, session)
    limits = ctx.settings.offline
    now = ctx.clock()
    enrolled = bool(ctx.settings.sync.server_url.strip())
    last, skew = _sync_values(s)
    roster = s.get(RosterState, 1)
    applied = roster.applied_at if roster is not None else None
    confirmed = max((d for d in (last, applied) if d is not None), default=None)
    stale = enrolled and confirmed is not None and now - confirmed > timedelta(days=limits.roster_max_age_days)
    clock_off = skew is not None and abs(skew) > limits.clock_max_skew_minutes
    banner = None
    if enrolled and last is not None and now - last > timedelta(hours=limits.no_contact_banner_hours):
        hours = (now - last).total_seconds() / 3600
        banner = (f"本窗口已 {hours / 24:.1f} 天未与中心联系（上次 {last:%Y-%m-%d %H:%M}）：请检查网络，"
                  "办件仍保存在本机，联网后自动上传。" if hours >= 48 else
                  f"本窗口已 {hours:.0f} 小时未与中心联系（上次 {last:%Y-%m-%d %H:%M}）：请检查网络。")
    if clock_off:
        banner = ((banner + " ") if banner else "") + clock_message(skew or 0.0, limits.clock_max_skew_minutes)
    return OfflineState(enrolled, last, confirmed, stale, skew, clock_off, banner)


def clock_message(skew_minutes: float, limit: float) -> str:
    side = "快" if skew_minutes > 0 else "慢"
    return (f"本机时钟比中心{side}约 {abs(skew_minutes):.0f} 分钟（允许 {limit:.0f} 分钟），带日期的文书暂停打印："
            "请校准系统时间，联网同步一次后即可恢复。")


def roster_stale_message(ctx, confirmed: datetime | None) -> str:
    days = ctx.settings.offline.roster_max_age_days
    when = f"{confirmed:%Y-%m-%d %H:%M}" if confirmed else "从未"
    return (f"本窗口的人员名册已超过 {days:g} 天未与中心核对（上次 {when}），为防已停用的账号继续登录，"
            "暂停离线登录。请恢复网络同步；紧急情况下由应急管理员账号登录。")
