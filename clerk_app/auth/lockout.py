"""Lockout after repeated wrong passwords: 5 in a row lock the account for 15 minutes.

The counters live on the staff row, so a restart does not reset them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)


@dataclass(frozen=True)
class AfterFailure:
    failed_count: int
    locked_until: datetime | None

    @property
    def locked(self) -> bool:
        return self.locked_until is not None


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and now < locked_until


def after_failure(failed_count: int, now: datetime) -> AfterFailure:
    """The counters after one more wrong password; the fifth locks and starts counting afresh."""
    n = failed_count + 1
    if n >= MAX_FAILURES:
        return AfterFailure(0, now + LOCK_DURATION)
    return AfterFailure(n, None)


def locked_message(locked_until: datetime) -> str:
    # the minute shown is one the account is open in: 05:32:54 is shown as 05:33, not 05:32
    shown = locked_until.replace(second=0, microsecond=0)
    if shown < locked_until:
        shown += timedelta(minutes=1)
    return (f"连续输错密码 {MAX_FAILURES} 次，账号已锁定 {int(LOCK_DURATION.total_seconds() // 60)} 分钟，"
            f"请于 {shown:%H:%M} 后再试，或请管理员解锁。")
