"""What the status bar shows about replication, read from the store (no Qt, no network).

``read_status(ctx)`` works in any process: the app's status bar, ``clerk sync --status``,
tests. :class:`~clerk_app.sync.worker.SyncWorker` adds the live ``syncing`` state.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import func, select

from clerk_app.store import outbox
from clerk_app.store import sync_state as state
from clerk_app.store.models import OutboxEntry
from clerk_app.store.sync_models import SyncIssue
from clerk_app.sync.token import load_token

State = Literal["online", "offline", "syncing", "not_enrolled"]


@dataclass(frozen=True)
class SyncStatus:
    state: State
    waiting: int  # outbox entries not yet acknowledged by the centre
    waiting_since: datetime | None  # when the oldest of them was written
    last_error: str | None  # plain Chinese, None when the last round was clean
    last_success: datetime | None
    clock_skew_seconds: float | None  # positive: this window's clock is ahead
    waiting_cases: int = 0  # of ``waiting``, how many are new cases
    issues: int = 0  # refused changes / unapplied pulls, kept for the admin
    server_url: str = ""
    notices: list[str] = field(default_factory=list)  # the centre's hints and warnings, plain Chinese
    tally_mismatch: list[str] = field(default_factory=list)

    def with_state(self, new: State) -> SyncStatus:
        return replace(self, state=new)

    def summary(self) -> str:
        """One line for the status bar, e.g. ``离线 · 待上传 3 件（10:02 起）· 无法连接中心服务器``."""
        label = {"online": "在线", "offline": "离线", "syncing": "同步中", "not_enrolled": "未登记中心"}[self.state]
        parts = [label]
        if self.waiting:
            since = f"（{self.waiting_since:%m-%d %H:%M} 起）" if self.waiting_since else ""
            parts.append(f"待上传 {self.waiting_cases} 件办件/{self.waiting} 项{since}")
        elif self.state != "not_enrolled":
            parts.append("已全部上传")
        if self.issues:
            parts.append(f"{self.issues} 项被中心拒收或未能应用，已另存待管理员处理（其余照常同步）")
        if self.last_error:
            parts.append(self.last_error)
        return " · ".join(parts)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for k in ("waiting_since", "last_success"):
            out[k] = out[k].isoformat() if out[k] else None
        out["summary"] = self.summary()
        return out


def _dt(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def read_status(ctx) -> SyncStatus:
    url = ctx.settings.sync.server_url.strip()
    with ctx.store.read() as s:
        waiting, since, _err = outbox.stats(s)
        cases = s.execute(select(func.count()).where(OutboxEntry.kind == "case")).scalar() or 0
        issues = s.execute(select(func.count()).select_from(SyncIssue)
                           .where(SyncIssue.resolved_at.is_(None))).scalar() or 0
        values = {k: state.get(s, k) for k in (state.STATE, state.LAST_ERROR, state.LAST_SUCCESS,
                                                 state.CLOCK_SKEW, state.ACTIONS, state.TALLY)}
    enrolled = bool(url) and bool(load_token())
    st: State = "not_enrolled" if not enrolled else ("online" if values[state.STATE] == "online" else "offline")
    notices = [a.get("message", "") for a in (values[state.ACTIONS] or []) if a.get("level") in ("warning", "error")]
    return SyncStatus(
        state=st, waiting=waiting, waiting_since=since,
        last_error=(values[state.LAST_ERROR] if enrolled else "本窗口尚未登记到中心服务器"),
        last_success=_dt(values[state.LAST_SUCCESS]), clock_skew_seconds=values[state.CLOCK_SKEW],
        waiting_cases=int(cases), issues=int(issues), server_url=url, notices=notices,
        tally_mismatch=list(values[state.TALLY] or []),
    )
