"""The promised time with 补正 and special-procedure days not counted (domain/clock.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.clock import Stop, correction_stop, latest, overdue_tolerated, run, special_end

# 2025 with the National Day week off and a Saturday make-up working day.
CAL = WorkCalendar.of(
    holidays=[date(2025, 10, d) for d in range(1, 9)],
    workdays=[date(2025, 9, 28), date(2025, 10, 11)],
    years=[2025],
)
MON = date(2025, 9, 15)


def test_without_stops_it_is_the_plain_working_day_count():
    assert run(CAL, MON, 5).due == CAL.add_working_days(MON, 5)


def test_an_outstanding_correction_suspends_the_clock_with_the_days_left():
    # received Mon 15; Tue 16, Wed 17 counted; asked Thu 18 → suspended with 8 of 10 left
    c = run(CAL, MON, 10, [correction_stop(date(2025, 9, 18), None)])
    assert c.paused and c.due is None and c.paused_since == date(2025, 9, 18)
    assert c.days_left == 8


def test_the_clock_runs_again_from_the_day_after_the_supplement():
    # asked Thu 18, supplement Mon 22: 8 days left counted from Tue 23 → Tue 23..Fri 26, Sun 28 (make-up),
    # Mon 29, Tue 30, then the holiday week, Thu 9 Oct
    c = run(CAL, MON, 10, [correction_stop(date(2025, 9, 18), date(2025, 9, 22))])
    assert not c.paused
    assert c.due is not None and c.due.due == CAL.add_working_days(date(2025, 9, 22), 8).due == date(2025, 10, 9)


def test_special_procedure_days_are_not_counted():
    base = run(CAL, MON, 3).due
    assert base is not None and base.due == date(2025, 9, 18)
    # an expert review Wed 17 – Fri 19: Tue 16 counted, then Mon 22, Tue 23
    c = run(CAL, MON, 3, [Stop(date(2025, 9, 17), date(2025, 9, 19), "expert_review")])
    assert c.due is not None and c.due.due == date(2025, 9, 23)


def test_a_special_procedure_given_in_working_days_ends_on_its_last_working_day():
    assert special_end(CAL, date(2025, 9, 26), 2) == date(2025, 9, 28)  # Fri 26, Sun 28 (make-up)
    assert special_end(CAL, date(2025, 9, 27), 1) == date(2025, 9, 28)  # begins on a Saturday off


def test_holidays_inside_a_resumed_period_are_still_skipped():
    c = run(CAL, date(2025, 9, 29), 3, [correction_stop(date(2025, 9, 30), date(2025, 9, 30))])
    # Tue 30 not counted (the 补正 day), then the holiday to Wed 8; Thu 9, Fri 10, Sat 11 (make-up)
    assert c.due is not None and c.due.due == date(2025, 10, 11)


def test_a_suspension_after_the_time_ran_out_does_not_revive_it():
    c = run(CAL, MON, 2, [correction_stop(date(2025, 9, 22), None)])
    assert not c.paused and c.due is not None and c.due.due == date(2025, 9, 17)


def test_an_on_the_spot_item_is_due_the_same_day_whatever_happens():
    assert run(CAL, MON, 0, [correction_stop(MON, None)]).due.due == MON  # type: ignore[union-attr]


def test_a_case_of_several_items_is_suspended_when_any_is():
    a = run(CAL, MON, 3)
    b = run(CAL, MON, 10, [correction_stop(date(2025, 9, 18), None)])
    assert latest([a, b]) is b
    assert latest([a, run(CAL, MON, 5)]) == run(CAL, MON, 5)


def test_an_unpublished_year_makes_the_resumed_date_provisional():
    c = run(CAL, date(2025, 12, 22), 10, [correction_stop(date(2025, 12, 23), date(2025, 12, 29))])
    assert c.due is not None and c.due.provisional and c.due.provisional_years == (2026,)


@dataclass(frozen=True)
class Line:
    verdict: str
    supplement_due: date | None
    supplied_at: datetime | None = None


def test_a_tolerated_material_not_supplied_by_its_date_is_overdue_from_the_next_day():
    late = Line("tolerated", date(2025, 9, 19))
    brought = Line("tolerated", date(2025, 9, 19), datetime(2025, 9, 22, 9))
    other = Line("missing", date(2025, 9, 19))
    assert overdue_tolerated([late, brought, other], date(2025, 9, 19)) == []
    assert overdue_tolerated([late, brought, other], date(2025, 9, 22)) == [late]


# -- properties -----------------------------------------------------------------------------
DAY0 = date(2025, 1, 1)
days_st = st.integers(min_value=1, max_value=40)
offset_st = st.integers(min_value=0, max_value=200)


@st.composite
def stops_st(draw):
    out = []
    for _ in range(draw(st.integers(0, 3))):
        start = DAY0 + timedelta(days=draw(offset_st))
        out.append(Stop(start, start + timedelta(days=draw(st.integers(0, 30))), "hearing"))
    return out


@given(received=offset_st, days=days_st, stops=stops_st())
def test_stops_never_make_a_deadline_earlier(received, days, stops):
    r = DAY0 + timedelta(days=received)
    plain, stopped = run(CAL, r, days).due, run(CAL, r, days, stops).due
    assert plain is not None and stopped is not None and stopped.due >= plain.due


@given(received=offset_st, days=days_st, asked=st.integers(0, 60), waited=st.integers(0, 40))
def test_after_a_supplement_the_days_left_run_from_the_day_after(received, days, asked, waited):
    r = DAY0 + timedelta(days=received)
    asked_on = r + timedelta(days=asked)
    got = asked_on + timedelta(days=waited)
    paused = run(CAL, r, days, [correction_stop(asked_on, None)])
    resumed = run(CAL, r, days, [correction_stop(asked_on, got)])
    if paused.paused:
        assert resumed.due is not None and resumed.due.due == CAL.add_working_days(got, paused.days_left).due
        assert resumed.due.due > got
    else:  # the time had run out before the request: nothing changes
        assert resumed.due == paused.due == run(CAL, r, days).due


@given(received=offset_st, days=days_st, begin=st.integers(0, 30), length=st.integers(1, 15))
def test_special_procedure_days_are_exactly_the_days_added(received, days, begin, length):
    r = DAY0 + timedelta(days=received)
    start = r + timedelta(days=1 + begin)
    plain = run(CAL, r, days).due
    assert plain is not None
    stopped = run(CAL, r, days, [Stop(start, special_end(CAL, start, length), "testing")]).due
    assert stopped is not None
    if start <= plain.due:  # the procedure falls in the running time: its working days are added
        assert stopped.due == CAL.add_working_days(plain.due, length).due
    else:
        assert stopped.due == plain.due
