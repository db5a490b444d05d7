"""Write a holiday-calendar year pulled from the centre into ``<data>/calendar/<year>.toml``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import tomli_w

from clerk_app import paths
from clerk_app.domain.calendar import WorkCalendar
from clerk_app.services.calendar_source import CalendarFileError, load_calendar, parse_file


def calendar_folder(home: Path) -> Path:
    folder = home / "calendar"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_year(home: Path, data: dict[str, Any]) -> Path:
    """Check the year as the calendar loader will read it, then replace the file atomically."""
    folder = calendar_folder(home)
    year = data.get("year")
    if not isinstance(year, int):
        raise CalendarFileError(f"中心发布的日历缺少年份：{year!r}")
    doc = {"year": year, "holidays": list(data.get("holidays") or []), "workdays": list(data.get("workdays") or [])}
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{year}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            tomli_w.dump(doc, fh)
            fh.flush()
            os.fsync(fh.fileno())
        parse_file(Path(tmp))
        target = folder / f"{year}.toml"
        os.replace(tmp, target)
        return target
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def load(ctx) -> tuple[WorkCalendar, list[str]]:
    """The calendar as the files now on disk give it (not yet the running one)."""
    return load_calendar(paths.CALENDAR_DATA, calendar_folder(ctx.home))


def reload(ctx) -> None:
    ctx.calendar, ctx.calendar_problems = load(ctx)
