"""Mail applications: a bound on the letter's arrival, and a promised date already past at entry."""

from __future__ import annotations

from datetime import date, datetime

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.mail import mail_received_error, overdue_at_entry_warning
from clerk_app.intake.request import flow_from_json

from .builders import catalogue, item, req, situation

CAT = catalogue(item("600001", situation("main", req("application")), days=3))
CAL = WorkCalendar.of([], [], [1970, 2026])
NOW = datetime(2026, 11, 23, 10)
PERSON = {"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13812345678"}


def mail(received_at: str | int, **kw):
    return flow_from_json({"channel": "mail", "received_at": received_at, "items": [{"code": "600001"}],
                           "applicant": PERSON, "materials": {"application": "original"}}, CAT, CAL, NOW, **kw)


def test_a_letter_from_1970_is_refused():
    flow, errors = mail("1970-01-01T03:25:45")  # what the number 12345 becomes as a timestamp
    assert flow is None
    assert [e.field for e in errors] == ["received_at"]
    assert "早于本中心允许的最早日期 2026-09-24（60 天内）" in errors[0].message


def test_the_number_12345_is_not_a_letter_from_1970():
    flow, errors = mail(12345)
    assert flow is None and [e.field for e in errors] == ["received_at"]
    assert "早于本中心允许的最早日期" in errors[0].message


def test_the_bound_is_the_centres_setting():
    assert mail("2026-10-01T09:00:00")[1] == []
    flow, errors = mail("2026-10-01T09:00:00", mail_max_age_days=30)
    assert flow is None and "2026-10-24（30 天内）" in errors[0].message


def test_a_promised_date_already_past_at_entry_is_a_warning():
    flow, errors = mail("2026-11-10T09:00:00")  # due 3 working days later: 2026-11-13
    assert errors == []
    d = flow.decision(NOW)
    assert d.due.due == date(2026, 11, 13)
    assert any("承诺办结日期 2026-11-13 已过（今天 2026-11-23）" in w for w in d.warnings())
    flow, _ = mail("2026-11-20T09:00:00")  # due 2026-11-25: still ahead
    assert not any("已过" in w for w in flow.decision(NOW).warnings())


def test_helpers():
    assert mail_received_error(datetime(2026, 11, 24), NOW) == "收到信函的时间不能晚于现在"
    assert mail_received_error(datetime(2026, 11, 1), NOW) == ""
    assert overdue_at_entry_warning(date(2026, 11, 23), date(2026, 11, 23)) == ""
