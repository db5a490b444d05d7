"""Working-day arithmetic over official holidays and make-up working days (调休).

The calendar is data: sets of holiday dates and make-up working days per published
year. For a year that is not published the calendar falls back to plain weekends and
says so (``unpublished_years``), so a deadline is still computed but shown as
provisional instead of crashing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta


class DateOutOfRange(ValueError):
    """A working-day count whose date falls past the last date the calendar can hold."""

    def __init__(self, days: int):
        super().__init__(f"期限 {days} 个工作日超出日历可计算的范围（至 {date.max.year} 年），请检查事项目录中的时限")
        self.days = days


@dataclass(frozen=True)
class DueDate:
    due: date
    provisional_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    def warning(self) -> str | None:
        if not self.provisional_years:
            return None
        years = "、".join(f"{y}年" for y in self.provisional_years)
        return f"{years}法定节假日安排尚未录入，期限暂按周末推算，请以公布的安排为准"


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)  # make-up working days
    published_years: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def of(cls, holidays: Iterable[date], workdays: Iterable[date], years: Iterable[int]) -> WorkCalendar:
        return cls(frozenset(holidays), frozenset(workdays), frozenset(years))

    def is_published(self, year: int) -> bool:
        return year in self.published_years

    def is_workday(self, d: date) -> bool:
        if d in self.holidays:
            return False
        if d in self.workdays:
            return True
        return d.weekday() < 5

    def add_working_days(self, start: date, days: int) -> DueDate:
        """The ``days``-th working day counted from the day after ``start``.

        ``days == 0`` means the same day (即办件).
        """
        if days < 0:
            raise ValueError("days must be >= 0")
        # each calendar day is at most one working day: a count past the last representable
        # date is refused at once instead of looping up to year 9999 and overflowing there
        if days > (date.max - start).days:
            raise DateOutOfRange(days)
        d = start
        unpublished: set[int] = set()
        if not self.is_published(d.year):
            unpublished.add(d.year)
        left = days
        try:
            while left > 0:
                d += timedelta(days=1)
                if not self.is_published(d.year):
                    unpublished.add(d.year)
                if self.is_workday(d):
                    left -= 1
        except OverflowError:
            raise DateOutOfRange(days) from None
        return DueDate(d, tuple(sorted(unpublished)) if days else ())

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
        if end == start:
            return 0
        sign = 1 if end > start else -1
        a, b = (start, end) if sign > 0 else (end, start)
        n = 0
        d = a
        while d < b:
            d += timedelta(days=1)
            if self.is_workday(d):
                n += 1
        return sign * n
