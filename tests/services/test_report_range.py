"""The period report refuses a day out of any sane range (before 2000, more than five years ahead)
with a Chinese reason, for the app and the CLI alike, instead of overflowing a date computation."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.services import report


@pytest.mark.parametrize(("start", "end", "what"), [
    (date(9999, 12, 31), date(9999, 12, 31), "开始日期 9999-12-31"),
    (date(2026, 11, 23), date(9999, 12, 31), "结束日期 9999-12-31"),
    (date(1, 1, 1), date(1, 1, 1), "开始日期 0001-01-01"),
    (date(1999, 12, 31), date(2000, 1, 5), "开始日期 1999-12-31"),
])
def test_a_day_out_of_range_is_refused_with_the_range(ctx, start, end, what):
    with pytest.raises(report.ReportRefused) as exc:
        report.period_report(ctx, start, end)
    assert what in str(exc.value) and "2000-01-01 至 2031-11-23" in str(exc.value)


def test_the_edges_of_the_range_are_reported(ctx):
    assert report.period_report(ctx, date(2000, 1, 1), date(2000, 1, 1)).rows()
    assert report.period_report(ctx, date(2031, 11, 23), date(2031, 11, 23)).rows()


def test_the_last_day_from_a_leap_day():
    assert report.latest_day(date(2028, 2, 29)) == date(2033, 2, 28)
    assert report.day_problem(date(2033, 2, 28), date(2028, 2, 29)) is None
    assert report.day_problem(date(2033, 3, 1), date(2028, 2, 29))
