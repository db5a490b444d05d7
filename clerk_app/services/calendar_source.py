"""Build the working-day calendar from data: chinesecalendar's published years plus
centre-maintained files (``resources/calendar/*.toml`` shipped, ``<data>/calendar/*.toml``
added by the admin, the latter winning). File format::

    year = 2027
    holidays = ["2027-01-01", ...]   # official days off (法定节假日及调休休息日)
    workdays = ["2027-02-07", ...]   # make-up working days on a weekend (调休上班)
"""

from __future__ import annotations

import logging
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path

from clerk_app.domain.calendar import WorkCalendar

log = logging.getLogger(__name__)


class CalendarFileError(ValueError):
    pass


def _from_chinesecalendar() -> tuple[set[date], set[date], set[int]]:
    try:
        import chinese_calendar as cc
    except ImportError:  # pragma: no cover - a dependency; keep the app usable
        return set(), set(), set()
    holidays = set(cc.holidays)  # official days off (may include weekend days of a holiday)
    workdays = set(cc.workdays)  # make-up working days
    seen = {d.year for d in holidays} | {d.year for d in workdays}
    years = set(range(min(seen), max(seen) + 1)) if seen else set()
    return holidays, workdays, years


def parse_file(path: Path) -> tuple[int, set[date], set[date]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CalendarFileError(f"{path}: 无法读取: {exc}") from exc
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2999:
        raise CalendarFileError(f"{path}: year: 须为整数年份（如 2027）")
    out: dict[str, set[date]] = {}
    for key in ("holidays", "workdays"):
        vals = data.get(key, [])
        if not isinstance(vals, list):
            raise CalendarFileError(f"{path}: {key}: 须为日期列表")
        dates = set()
        for i, v in enumerate(vals):
            try:
                if isinstance(v, datetime):
                    raise ValueError  # a date-time would never equal a calendar day
                d = v if isinstance(v, date) else date.fromisoformat(str(v))
            except ValueError:
                raise CalendarFileError(f"{path}: {key}[{i}]: 不是有效日期 {v!r}") from None
            if d.year != year:
                raise CalendarFileError(f"{path}: {key}[{i}]: {d} 不属于 {year} 年")
            dates.add(d)
        out[key] = dates
    if out["holidays"] & out["workdays"]:
        raise CalendarFileError(f"{path}: 同一天不能既是假日又是调休工作日")
    return year, out["holidays"], out["workdays"]


def load_calendar(*folders: Path) -> tuple[WorkCalendar, list[str]]:
    """The calendar and a list of problems (bad files are skipped and reported, never fatal)."""
    holidays, workdays, years = _from_chinesecalendar()
    problems: list[str] = []
    for folder in folders:
        if not folder or not Path(folder).is_dir():
            continue
        for path in sorted(Path(folder).glob("*.toml")):
            try:
                year, h, w = parse_file(path)
            except CalendarFileError as e:
                problems.append(str(e))
                log.warning("calendar file skipped: %s", e)
                continue
            start, end = date(year, 1, 1), date(year, 12, 31)
            holidays = {d for d in holidays if not (start <= d <= end)} | h
            workdays = {d for d in workdays if not (start <= d <= end)} | w
            years.add(year)
    return WorkCalendar.of(holidays, workdays, years), problems


def weekends_of(year: int) -> list[date]:  # helper for admins writing a new year file
    d, out = date(year, 1, 1), []
    while d.year == year:
        if d.weekday() >= 5:
            out.append(d)
        d += timedelta(days=1)
    return out
