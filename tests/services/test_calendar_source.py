"""The working-day calendar as data: chinesecalendar's years, shipped and admin files, safe fallbacks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clerk_app import paths
from clerk_app.services.calendar_source import load_calendar, parse_file, weekends_of

# A made-up 2027 schedule in the admin's file format (the real one is published each autumn).
CAL_2027 = """\
year = 2027
holidays = ["2027-01-01", "2027-02-10", "2027-02-11", "2027-02-12"]
workdays = ["2027-02-07"]
"""


@pytest.fixture(scope="module")
def cal():
    calendar, problems = load_calendar()
    assert problems == []
    return calendar


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def test_five_working_days_after_30_september_2026_is_13_october(cal):
    # 1–7 Oct National Day holiday; Saturday 10 Oct is a make-up working day.
    d = cal.add_working_days(date(2026, 9, 30), 5)
    assert d.due == date(2026, 10, 13) and not d.provisional


def test_make_up_days_of_2026_are_working_days(cal):
    for d in ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]:
        assert cal.is_workday(date.fromisoformat(d)), d
    for d in ["2026-10-01", "2026-10-05", "2026-10-07", "2026-10-11"]:
        assert not cal.is_workday(date.fromisoformat(d)), d


def test_across_the_whole_national_day_holiday(cal):
    assert cal.add_working_days(date(2026, 9, 29), 1).due == date(2026, 9, 30)
    assert cal.add_working_days(date(2026, 9, 29), 2).due == date(2026, 10, 8)
    assert cal.working_days_between(date(2026, 9, 30), date(2026, 10, 13)) == 5


def test_into_2027_without_a_published_schedule_is_provisional_not_a_crash(cal):
    assert not cal.is_published(2027)
    d = cal.add_working_days(date(2026, 12, 15), 20)
    assert d.due == date(2027, 1, 12)  # weekends only: 1 Jan 2027 counted as a working day
    assert d.provisional_years == (2027,)
    assert "2027年法定节假日安排尚未录入" in d.warning()


def test_an_admin_file_for_2027_changes_the_deadline_and_removes_the_warning(clerk_home):
    write(paths.calendar_dir(), "2027.toml", CAL_2027)
    cal, problems = load_calendar(paths.CALENDAR_DATA, paths.calendar_dir())
    assert problems == []
    d = cal.add_working_days(date(2026, 12, 15), 20)
    assert d.due == date(2027, 1, 13)  # 1 Jan is now a holiday
    assert not d.provisional and d.warning() is None
    assert cal.is_workday(date(2027, 2, 7))  # make-up Sunday
    assert not cal.is_workday(date(2027, 2, 10))
    assert cal.add_working_days(date(2027, 12, 30), 2).provisional_years == (2028,)


def test_admin_file_replaces_a_published_year(tmp_path):
    write(tmp_path, "2026.toml", 'year = 2026\nholidays = ["2026-12-25"]\nworkdays = []\n')
    cal, _ = load_calendar(tmp_path)
    assert not cal.is_workday(date(2026, 12, 25))
    assert cal.is_workday(date(2026, 10, 8)) and not cal.is_workday(date(2026, 10, 10))  # the file rules 2026


def test_later_folder_wins_over_the_shipped_one(tmp_path):
    shipped, admin = tmp_path / "shipped", tmp_path / "admin"
    write(shipped, "2027.toml", 'year = 2027\nholidays = ["2027-01-04"]\n')
    write(admin, "2027.toml", CAL_2027)
    cal, _ = load_calendar(shipped, admin)
    assert cal.is_workday(date(2027, 1, 4)) and not cal.is_workday(date(2027, 1, 1))


def test_toml_date_literals_are_accepted(tmp_path):
    p = write(tmp_path, "2027.toml", "year = 2027\nholidays = [2027-01-01]\n")
    assert parse_file(p) == (2027, {date(2027, 1, 1)}, set())


@pytest.mark.parametrize(("text", "where"), [
    ("year = 2027\nholidays = [", ": 无法读取: "),
    ('holidays = ["2027-01-01"]\n', ": year: 须为整数年份"),
    ('year = "2027"\n', ": year: 须为整数年份"),
    ("year = true\n", ": year: 须为整数年份"),
    ("year = 20270\n", ": year: 须为整数年份"),  # a typo must not stop the app
    ('year = 2027\nholidays = "2027-01-01"\n', ": holidays: 须为日期列表"),
    ('year = 2027\nholidays = ["2027-02-30"]\n', ": holidays[0]: 不是有效日期 '2027-02-30'"),
    ('year = 2027\nworkdays = ["2027-02-07", "Feb 8"]\n', ": workdays[1]: 不是有效日期 'Feb 8'"),
    ("year = 2027\nholidays = [2027-01-01T00:00:00]\n", ": holidays[0]: 不是有效日期"),
    ('year = 2027\nholidays = ["2026-12-31"]\n', ": holidays[0]: 2026-12-31 不属于 2027 年"),
    ('year = 2027\nholidays = ["2027-02-07"]\nworkdays = ["2027-02-07"]\n', ": 同一天不能既是假日又是调休工作日"),
])
def test_a_broken_file_is_reported_with_file_and_field_and_skipped(tmp_path, text, where):
    bad = write(tmp_path, "2027.toml", text)
    write(tmp_path, "2028.toml", 'year = 2028\nholidays = ["2028-01-03"]\n')
    cal, problems = load_calendar(tmp_path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{bad}{where}")
    assert not cal.is_published(2027)  # skipped: deadlines there stay provisional
    assert cal.is_published(2028) and not cal.is_workday(date(2028, 1, 3))  # the good file still counts


def test_a_non_utf8_file_is_reported(tmp_path):
    bad = tmp_path / "2027.toml"
    bad.write_bytes("year = 2027 # 元旦".encode("gbk"))
    _, problems = load_calendar(tmp_path)
    assert problems and problems[0].startswith(f"{bad}: 无法读取")


def test_context_reports_calendar_problems_and_keeps_working(clerk_home, clock):
    write(paths.calendar_dir(), "2027.toml", "year = 2027\nholidays = [\n")
    from clerk_app.services.context import open_context

    ctx = open_context(clock=clock)
    try:
        assert len(ctx.calendar_problems) == 1 and "2027.toml" in ctx.calendar_problems[0]
        assert ctx.calendar.add_working_days(date(2026, 12, 15), 20).provisional
    finally:
        ctx.close()


def test_missing_folders_are_fine(tmp_path):
    cal, problems = load_calendar(tmp_path / "nope")
    assert problems == [] and cal.is_published(2026)


def test_weekends_helper_for_admins():
    w = weekends_of(2027)
    assert len(w) == 104 and w[0] == date(2027, 1, 2) and all(d.weekday() >= 5 for d in w)
