"""Working days: counted from the day after receipt, over holidays and make-up working days."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.domain.calendar import DueDate, WorkCalendar

# A tiny made-up year: a Wednesday–Friday holiday and a Saturday make-up working day.
CAL = WorkCalendar.of(
    holidays=[date(2025, 10, 1), date(2025, 10, 2), date(2025, 10, 3)],
    workdays=[date(2025, 10, 11)],
    years=[2025],
)


def test_counting_starts_the_day_after_receipt():
    assert CAL.add_working_days(date(2025, 9, 22), 1).due == date(2025, 9, 23)  # Mon → Tue


def test_friday_plus_one_is_monday():
    assert CAL.add_working_days(date(2025, 9, 26), 1).due == date(2025, 9, 29)


def test_zero_days_is_the_same_day_even_on_a_weekend():
    assert CAL.add_working_days(date(2025, 9, 27), 0) == DueDate(date(2025, 9, 27))


def test_receipt_on_a_weekend_counts_from_the_next_working_day():
    assert CAL.add_working_days(date(2025, 9, 27), 1).due == date(2025, 9, 29)


def test_holidays_are_skipped_and_make_up_days_counted():
    # Tue 30 Sep → Mon 6, Tue 7, Wed 8, Thu 9, Fri 10, Sat 11 (make-up)
    assert CAL.add_working_days(date(2025, 9, 30), 6).due == date(2025, 10, 11)
    assert CAL.add_working_days(date(2025, 9, 30), 7).due == date(2025, 10, 13)


def test_is_workday():
    assert not CAL.is_workday(date(2025, 10, 1))  # holiday on a Wednesday
    assert CAL.is_workday(date(2025, 10, 11))  # make-up Saturday
    assert not CAL.is_workday(date(2025, 10, 12))


def test_an_unpublished_year_is_computed_with_weekends_and_flagged():
    d = CAL.add_working_days(date(2025, 12, 30), 3)
    assert d.due == date(2026, 1, 2)
    assert d.provisional and d.provisional_years == (2026,)
    assert "2026年法定节假日安排尚未录入" in d.warning()


def test_a_published_year_has_no_warning():
    d = CAL.add_working_days(date(2025, 11, 3), 5)
    assert not d.provisional and d.warning() is None


def test_receipt_in_an_unpublished_year_is_flagged_too():
    assert CAL.add_working_days(date(2024, 6, 3), 1).provisional_years == (2024,)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2025, 9, 1), -1)


def test_working_days_between_is_the_inverse_of_adding():
    start = date(2025, 9, 24)
    for n in range(0, 15):
        due = CAL.add_working_days(start, n).due
        assert CAL.working_days_between(start, due) == n
    assert CAL.working_days_between(date(2025, 10, 13), date(2025, 9, 30)) == -7
