"""督办 (supervision): how near a date is, in working days, and what the period report counts.

Pure rules, no Qt and no store: the supervision view, ``clerk supervise`` and the report all
come to these functions for a colour or a count, so the screen holds no rule of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Level(StrEnum):
    """How near a deadline is: the colour of its row."""

    OK = "ok"  # more than the threshold left
    NEAR = "near"  # yellow: at most ``near_days`` working days left (the due day itself is 0)
    LATE = "late"  # red: the due day is past


LEVEL_LABELS = {Level.OK: "正常", Level.NEAR: "临近期限", Level.LATE: "已逾期"}


def deadline_level(today: date, due: date, working_days_left: int, near_days: int) -> Level:
    """Red once ``due`` is past, yellow within ``near_days`` working days (due today included)."""
    if due < today:
        return Level.LATE
    if working_days_left <= near_days:
        return Level.NEAR
    return Level.OK


def left_text(level: Level, working_days_left: int) -> str:
    """剩 3 个工作日 / 今日到期 / 已逾期 2 个工作日."""
    if level is Level.LATE:
        return f"已逾期 {abs(working_days_left)} 个工作日" if working_days_left else "已逾期"
    if working_days_left == 0:
        return "今日到期"
    return f"剩 {working_days_left} 个工作日"


def waited_too_long(waited_working_days: int, limit_days: int) -> bool:
    """A result waiting for pickup more than ``limit_days`` working days is listed as not collected."""
    return waited_working_days > limit_days


@dataclass(frozen=True)
class Counts:
    """What one clerk (or the whole window) did in a period; the report's one row."""

    received: int = 0  # cases opened (收件)
    accepted: int = 0  # accepted at intake or later at the window (受理, 容缺 included)
    tolerated: int = 0  # 容缺受理
    notices: int = 0  # 一次性告知
    not_accepted: int = 0  # 不予受理
    handed_out: int = 0  # 出件（窗口领取）
    mailed: int = 0  # 出件（邮寄）
    enquiries: int = 0  # 咨询登记
    late: int = 0  # cases whose promised date fell in the period and that were still running past it

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[int, ...]:
        return (self.received, self.accepted, self.tolerated, self.notices, self.not_accepted,
                self.handed_out, self.mailed, self.enquiries, self.late)


COUNT_LABELS = ("收件", "受理", "容缺受理", "一次性告知", "不予受理", "窗口出件", "邮寄出件", "咨询登记", "逾期办件")


def total(rows: Iterable[Counts]) -> Counts:
    out = Counts()
    for r in rows:
        out = out + r
    return out
