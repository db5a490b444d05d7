"""Recomputing a case's dates when the calendar changes (a year's official holidays arrive).

A date computed while its year's holidays were not published was counted over plain
weekends and marked provisional (:class:`~clerk_app.domain.calendar.DueDate`). Once the
year is published the same rule is applied again, from what the case kept at intake: the
received day, each item's promised working days, each tolerated material's days, and the days
not counted (补正, 特别程序).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from clerk_app.domain import clock
from clerk_app.domain.calendar import DueDate, WorkCalendar
from clerk_app.domain.clock import Stop
from clerk_app.domain.decision import supplement_due


@dataclass(frozen=True)
class ToleratedLine:
    """A tolerated material of a case: its working days and the items it belongs to."""

    days: int
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseDates:
    due: DueDate | None
    lines: tuple[DueDate | None, ...]  # one per ToleratedLine given, in order
    supplement: DueDate | None  # the earliest line date (what the case shows)
    clock: clock.Clock | None = None  # where the promised time stands (paused while a 补正 is outstanding)

    @property
    def provisional(self) -> bool:
        return any(d is not None and d.provisional for d in (self.due, self.supplement, *self.lines))


def recompute(calendar: WorkCalendar, received_on: date, item_days: Mapping[str, int],
              tolerated: Sequence[ToleratedLine], stops: Sequence[Stop] = ()) -> CaseDates:
    """The due date (latest item date) and the supplement dates, as ``decide`` computes them at intake.

    ``stops`` are the days not counted (补正, 特别程序; :mod:`clerk_app.domain.clock`): they move
    the due date, never the tolerated materials' dates (those are the applicant's). While a
    stop is still running the case has no due date (``clock.paused``).
    """
    item_due = {code: calendar.add_working_days(received_on, days) for code, days in item_days.items()}
    clocks = [clock.run(calendar, received_on, days, stops) for days in item_days.values()]
    case_clock = clock.latest(clocks)
    due = None
    if case_clock is not None and case_clock.due is not None:
        due = DueDate(case_clock.due.due, tuple(sorted({y for c in clocks for y in c.provisional_years})))
    lines = tuple(
        supplement_due(calendar, received_on, t.days, [item_due[c] for c in t.items if c in item_due])
        if t.days else None
        for t in tolerated)
    sup = min((d for d in lines if d is not None), key=lambda d: d.due, default=None)
    return CaseDates(due, lines, sup, case_clock)
