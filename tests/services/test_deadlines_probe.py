"""Deadlines against the real published holiday arrangements: defects found by probing.

The calendar is the one the app ships (chinesecalendar, 2026 as published by the State Council:
国庆 10-01 … 10-07 off, Sat 10-10 worked). A case of 户外招牌设置 (5 working days) received on
Wed 2026-09-30 is due Tue 2026-10-13: 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from store.samples import sign_accepted, submit_request

from clerk_app.domain.people import Clerk
from clerk_app.domain.supervision import Level
from clerk_app.services import cases
from clerk_app.services.supervision import supervise
from clerk_app.sync.streams.decisions import apply_decision

CLERK = Clerk(id="s1", name="张三", badge="A017")


def _special(ctx, no, **fields):
    at = datetime(2026, 10, 8, 9, 0)
    with ctx.store.transaction() as s:
        return apply_decision(s, {"event_id": "bo-special-1", "case_no": no, "actor": "区绿化市容局",
                                  "at": at.isoformat(), "action": "special_procedure", "procedure": "hearing",
                                  "start": "2026-10-08", **fields}, ctx.calendar, ctx.catalogue)


@pytest.mark.parametrize("fields", [
    {"days": 0},  # was kept as an open span: the case lost its due date and could never run late
    {"days": -3},  # was an uncaught ValueError out of the decisions stream
    {"days": 251},  # over the 250 working days the centre allows: pushed the date a year on
    {"end": "2026-10-07"},  # an end before the start
])
def test_a_special_procedure_record_outside_the_centres_limits_is_refused_and_the_date_kept(ctx, clock, fields):
    clock.now = datetime(2026, 9, 30, 10, 0)
    no = submit_request(ctx, sign_accepted(), CLERK).number
    assert cases.get_case(ctx, no).due_date == date(2026, 10, 13)

    why = _special(ctx, no, **fields)

    assert why is not None and "特别程序记录无效" in why
    case = cases.get_case(ctx, no)
    assert case.due_date == date(2026, 10, 13) and case.clock_stops == []
    clock.now = datetime(2026, 10, 14, 9, 0)
    row = next(c for c in supervise(ctx).cases if c.case_no == no)
    assert (row.deadline.level, row.deadline.days_left) == (Level.LATE, -1)
