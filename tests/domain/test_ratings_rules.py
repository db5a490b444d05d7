"""好差评 rules: one rating per service (一次一评), the fixed problem list, follow-up due dates, overdue."""

from datetime import date, timedelta

import pytest

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.ratings import (
    PROBLEMS,
    Rating,
    RatingLevel,
    RatingRefused,
    Service,
    check_rating,
    followup_due,
    open_followups,
    served_display,
)

# 2026 National Day: 1-7 October off, Saturday 10 October worked instead (调休).
NATIONAL_DAY = WorkCalendar.of([date(2026, 10, 1) + timedelta(days=i) for i in range(7)], [date(2026, 10, 10)],
                               [2026])


def _r(note_id: str, level: RatingLevel, service: Service = Service.INTAKE, due: date | None = None,
       case_no: str = "C1") -> Rating:
    return Rating(note_id, case_no, level, service, "李四（代张三）", "张三", followup_due=due)


@pytest.mark.parametrize("service", list(Service))
def test_a_service_is_rated_once_even_after_not_rated(service):
    other = Service.HAND_OUT if service is Service.INTAKE else Service.INTAKE
    assert check_rating([_r("n1", RatingLevel.SATISFIED, other)], service, RatingLevel.BASIC) == ((), "")
    for first in (RatingLevel.VERY_SATISFIED, RatingLevel.NOT_RATED):
        with pytest.raises(RatingRefused, match="一次服务只能评价一次"):
            check_rating([_r("n1", first, service)], service, RatingLevel.VERY_DISSATISFIED)


def test_problems_come_from_the_fixed_list_and_the_comment_is_bounded():
    assert check_rating([], Service.INTAKE, RatingLevel.DISSATISFIED, [" 等候时间长", "服务态度", "等候时间长"],
                        " 排队太久 ") == (("等候时间长", "服务态度"), "排队太久")
    assert "一次性告知不到位" in PROBLEMS and "材料要求不清" in PROBLEMS
    with pytest.raises(RatingRefused, match="问题类型“态度差”无效"):
        check_rating([], Service.INTAKE, RatingLevel.DISSATISFIED, ["态度差"])
    with pytest.raises(RatingRefused, match="不能超过200字"):
        check_rating([], Service.INTAKE, RatingLevel.SATISFIED, (), "好" * 201)
    with pytest.raises(RatingRefused, match="未评价时不能记录"):
        check_rating([], Service.HAND_OUT, RatingLevel.NOT_RATED, ["其他"])


def test_followup_due_counts_working_days_over_a_holiday_and_a_make_up_day():
    # Wednesday 30 Sept: 8, 9 Oct (Thu, Fri), 10 Oct (the Saturday worked), 12, 13 Oct (Mon, Tue).
    assert followup_due(date(2026, 9, 30), 5, NATIONAL_DAY) == date(2026, 10, 13)
    assert followup_due(date(2026, 9, 30), 5, WorkCalendar()) == date(2026, 10, 7)  # weekends only
    assert followup_due(date(2026, 11, 20), 1, NATIONAL_DAY) == date(2026, 11, 23)  # Friday → Monday
    with pytest.raises(ValueError):
        followup_due(date(2026, 9, 30), 0, NATIONAL_DAY)


def test_open_followups_are_the_unclosed_bad_ratings_soonest_first_late_ones_flagged():
    ratings = [_r("good", RatingLevel.SATISFIED),
               _r("bad1", RatingLevel.DISSATISFIED, due=date(2026, 11, 30), case_no="C2"),
               _r("bad2", RatingLevel.VERY_DISSATISFIED, Service.HAND_OUT, due=date(2026, 11, 20)),
               _r("closed", RatingLevel.VERY_DISSATISFIED, due=date(2026, 11, 1))]
    found = open_followups(ratings, ["closed"], date(2026, 11, 23))
    assert [(f.rating_id, f.case_no, f.due, f.overdue) for f in found] == [
        ("bad2", "C1", date(2026, 11, 20), True), ("bad1", "C2", date(2026, 11, 30), False)]
    assert (found[0].served_by, found[0].served_for, found[0].level_label) == ("李四（代张三）", "张三", "非常不满意")
    assert not open_followups(ratings, [], date(2026, 11, 30))[-1].overdue  # due today is not late yet


def test_a_substitute_is_named_with_the_a():
    assert served_display("李四", "张三") == "李四（代张三）"
    assert served_display("张三", None) == "张三"
