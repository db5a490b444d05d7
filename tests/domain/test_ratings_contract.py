"""The rating kept on a case note reads back as it was written; 好评率 ignores 'not rated'."""

from datetime import date

from clerk_app.domain.ratings import Rating, RatingLevel, Service, good_rate


def test_rating_round_trips_through_note_detail():
    r = Rating("n1", "C1", RatingLevel.DISSATISFIED, Service.HAND_OUT, "李四（代张三）", "张三",
               ("等候时间长",), "排队一小时", date(2026, 11, 30))
    assert Rating.from_detail("n1", "C1", r.detail()) == r
    assert r.is_bad


def test_good_rate_counts_basic_as_good_and_skips_not_rated():
    levels = [RatingLevel.VERY_SATISFIED, RatingLevel.BASIC, RatingLevel.DISSATISFIED, RatingLevel.NOT_RATED]
    assert good_rate(levels) == 2 / 3
    assert good_rate([RatingLevel.NOT_RATED]) is None
