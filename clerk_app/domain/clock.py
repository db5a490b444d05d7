"""The promised time of a case and the days that are not counted in it (补正, 特别程序).

A case's promised working days are counted from the day after it was received
(:meth:`WorkCalendar.add_working_days`). Two kinds of time are not counted:

- **补正** (supplement asked by the back office): the calendar days from the day the
  request was made up to and including the day the supplement is received. While the
  supplement is outstanding the clock is suspended (there is no due date, only the working
  days left); it runs again from the day after the supplement (see docs/clock.md for why
  this rule and not a restart of the whole period).
- **特别程序** (行政许可法 art. 45: 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审):
  the days the back office recorded, from its start to its end (both included).

Each is a :class:`Stop`: a span of calendar days in which working days are not counted.
Stops only ever take days out of the count, so they never make a deadline earlier.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol, TypeVar

from clerk_app.domain.calendar import DueDate, WorkCalendar

CORRECTION = "correction"  # 补正
# 行政许可法 art. 45: the special procedures whose time is not counted, with their labels.
SPECIAL_PROCEDURES: dict[str, str] = {
    "hearing": "听证", "tender": "招标", "auction": "拍卖", "inspection": "检验", "testing": "检测",
    "quarantine": "检疫", "appraisal": "鉴定", "expert_review": "专家评审",
}
STOP_LABELS: dict[str, str] = {CORRECTION: "补正", **SPECIAL_PROCEDURES}
MAX_SPECIAL_DAYS = 250  # working days one special procedure may take (about a year)

# What a catalogue may say happens to a case whose tolerated material is not supplied in time.
OVERDUE_OUTCOMES: dict[str, str] = {"refuse": "不予许可", "withdraw": "视为撤回申请"}


@dataclass(frozen=True)
class Stop:
    """Calendar days ``start``..``end`` (both included) in which no working day is counted.

    ``end`` None: still running (a 补正 not yet answered); the clock is suspended from ``start``.
    """

    start: date
    end: date | None = None
    kind: str = CORRECTION

    def covers(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


@dataclass(frozen=True)
class Clock:
    """Where a case's promised time stands.

    ``due`` is None while the clock is suspended (``paused_since``); ``days_left`` are then the
    working days still to run once it resumes.
    """

    due: DueDate | None
    days: int
    days_left: int
    paused_since: date | None = None
    provisional_years: tuple[int, ...] = ()

    @property
    def paused(self) -> bool:
        return self.paused_since is not None


def correction_stop(asked_on: date, received_on: date | None) -> Stop:
    """The days of a 补正 not counted: from the day it was asked to the day the supplement came in."""
    if received_on is not None and received_on < asked_on:
        received_on = asked_on
    return Stop(asked_on, received_on, CORRECTION)


def special_end(calendar: WorkCalendar, start: date, days: int) -> date:
    """The last day of a special procedure of ``days`` working days beginning on ``start``."""
    if days < 1:
        raise ValueError("days must be >= 1")
    return calendar.add_working_days(start - timedelta(days=1), days).due


def run(calendar: WorkCalendar, received_on: date, days: int, stops: Iterable[Stop] = ()) -> Clock:
    """Count ``days`` working days from the day after ``received_on``, skipping the stops' days.

    A stop still running suspends the clock from its start, unless the time had already run
    out before it began (a late suspension does not revive a deadline).
    """
    if days < 0:
        raise ValueError("days must be >= 0")
    spans = list(stops)
    if days == 0:  # 即办件: the same day, whatever happens later
        return Clock(DueDate(received_on), 0, 0)
    pause = min((s.start for s in spans if s.end is None), default=None)
    closed = [s for s in spans if s.end is not None]
    d, left = received_on, days
    unpublished: set[int] = set()
    if not calendar.is_published(d.year):
        unpublished.add(d.year)
    while left > 0:
        d += timedelta(days=1)
        if pause is not None and d >= pause:
            return Clock(None, days, left, pause, tuple(sorted(unpublished)))
        if not calendar.is_published(d.year):
            unpublished.add(d.year)
        if calendar.is_workday(d) and not any(s.covers(d) for s in closed):
            left -= 1
    years = tuple(sorted(unpublished))
    return Clock(DueDate(d, years), days, 0, None, years)


def latest(clocks: Sequence[Clock]) -> Clock | None:
    """A case of several items: suspended if any is, else the latest due date."""
    if not clocks:
        return None
    paused = [c for c in clocks if c.paused]
    if paused:
        return max(paused, key=lambda c: c.days_left)
    return max(clocks, key=lambda c: c.due.due if c.due else date.min)


class ToleratedLine(Protocol):
    """What :func:`overdue_tolerated` reads of a material line."""

    @property
    def verdict(self) -> str: ...
    @property
    def supplement_due(self) -> date | None: ...
    @property
    def supplied_at(self) -> datetime | None: ...


T = TypeVar("T", bound=ToleratedLine)


def overdue_tolerated(lines: Iterable[T], today: date) -> list[T]:
    """The tolerated (容缺) materials not supplied by their date (the date itself is still in time)."""
    return [m for m in lines if m.verdict == "tolerated" and m.supplied_at is None
            and m.supplement_due is not None and m.supplement_due < today]
