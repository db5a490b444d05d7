"""Mail applications (信函申请): when a letter may say it arrived, and a deadline already past at entry."""

from __future__ import annotations

from datetime import date, datetime, timedelta

DEFAULT_MAIL_MAX_AGE_DAYS = 60
"""How far back a letter's arrival may lie when the centre has not set its own bound."""


def mail_received_error(received_at: datetime, now: datetime, max_age_days: int = DEFAULT_MAIL_MAX_AGE_DAYS) -> str:
    """Why ``received_at`` cannot be the arrival of a letter entered ``now`` ("" when it can)."""
    if received_at > now:
        return "收到信函的时间不能晚于现在"
    earliest = (now - timedelta(days=max_age_days)).date()
    if received_at.date() < earliest:
        return (f"收到信函的时间 {received_at:%Y-%m-%d} 早于本中心允许的最早日期 {earliest:%Y-%m-%d}"
                f"（{max_age_days} 天内），请核对邮戳或签收记录")
    return ""


def overdue_at_entry_warning(due: date, today: date) -> str:
    """A warning when the promised date computed from the arrival has already passed today."""
    if due >= today:
        return ""
    return (f"按收到信函的时间计算，承诺办结日期 {due:%Y-%m-%d} 已过（今天 {today:%Y-%m-%d}），"
            "录入后即为超期件，请立即报告并向申请人说明")
