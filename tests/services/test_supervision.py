"""督办: colours by the threshold (pure rule), and the service's lists over constructed cases."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from store.samples import sign_accepted, sole_proprietor_tolerated, submit_request

from clerk_app import settings as settings_mod
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.domain.ratings import FOLLOWUP_CLOSED_KIND, RATING_KIND, Rating, RatingLevel, Service
from clerk_app.domain.supervision import Level, deadline_level, left_text, waited_too_long
from clerk_app.services import cases
from clerk_app.services.case_actions.note import add_note
from clerk_app.services.supervision import SupervisionRefused, supervise

ZHANG = Clerk(id="1001", name="张三", badge="PT-0301")
TODAY = date(2026, 11, 24)  # a Tuesday


@pytest.mark.parametrize("due, left, near, level", [
    (date(2026, 11, 30), 4, 2, Level.OK),
    (date(2026, 11, 26), 2, 2, Level.NEAR),  # exactly the threshold: yellow
    (date(2026, 11, 27), 3, 2, Level.OK),
    (date(2026, 11, 27), 3, 3, Level.NEAR),  # a wider threshold turns it yellow
    (TODAY, 0, 0, Level.NEAR),  # due today is never green
    (date(2026, 11, 23), -1, 2, Level.LATE),
    (date(2026, 11, 23), -1, 30, Level.LATE),
])
def test_colour_by_threshold(due, left, near, level):
    assert deadline_level(TODAY, due, left, near) is level


def test_texts_and_waiting():
    assert left_text(Level.LATE, -2) == "已逾期 2 个工作日"
    assert left_text(Level.NEAR, 0) == "今日到期"
    assert left_text(Level.OK, 4) == "剩 4 个工作日"
    assert not waited_too_long(5, 5) and waited_too_long(6, 5)


def _on(clock, y, m, d, h=9):
    clock.now = datetime(y, m, d, h, 0)


def _rate(ctx, no, level, due):
    r = Rating(note_id="", case_no=no, level=level, service=Service.HAND_OUT, served_by="张三", comment="态度差",
               followup_due=due)
    return add_note(ctx, no, ZHANG, r.comment, kind=RATING_KIND, detail=r.detail())


@pytest.fixture
def window(ctx, clock):
    _on(clock, 2026, 11, 10)
    ready = submit_request(ctx, sign_accepted(), ZHANG).number
    cases.transition(ctx, ready, CaseStatus.APPROVED, ZHANG)
    _on(clock, 2026, 11, 13)
    cases.transition(ctx, ready, CaseStatus.RESULT_READY, ZHANG)  # waiting since Friday the 13th
    _on(clock, 2026, 11, 16)
    late = submit_request(ctx, sign_accepted(), ZHANG).number  # due Mon 23rd
    _on(clock, 2026, 11, 19)
    near = submit_request(ctx, sign_accepted(), ZHANG).number  # due Thu 26th
    _on(clock, 2026, 11, 20)
    ok = submit_request(ctx, sign_accepted(), ZHANG).number  # due Fri 27th
    _on(clock, 2026, 11, 23)
    tolerated = submit_request(ctx, sole_proprietor_tolerated(), ZHANG).number  # supplement due Thu 26th
    fix = submit_request(ctx, sign_accepted(), ZHANG).number
    cases.transition(ctx, fix, CaseStatus.SUPPLEMENT_REQUESTED, ZHANG, "补正：设计图须加盖公章")
    bad = _rate(ctx, ready, RatingLevel.DISSATISFIED, date(2026, 11, 30))
    closed = _rate(ctx, late, RatingLevel.VERY_DISSATISFIED, date(2026, 11, 20))
    add_note(ctx, late, ZHANG, "已电话回访", kind=FOLLOWUP_CLOSED_KIND, detail={"rating_id": closed.id, "action": "回访"})
    _on(clock, 2026, 11, 24)
    return {"ready": ready, "late": late, "near": near, "ok": ok, "tolerated": tolerated, "fix": fix, "bad": bad}


def test_every_list(ctx, window):
    sv = supervise(ctx)
    by_no = {c.case_no: c for c in sv.cases}
    assert by_no[window["late"]].deadline.level is Level.LATE
    assert by_no[window["late"]].deadline.text == "已逾期 1 个工作日"
    assert by_no[window["near"]].deadline.level is Level.NEAR
    assert by_no[window["ok"]].deadline.level is Level.OK
    assert by_no[window["ready"]].deadline.level is None  # result ready: not running against its date
    assert [c.case_no for c in sv.cases][:2] == [window["late"], window["near"]]  # the most urgent first
    assert (sv.late, sv.near) == (1, 2)  # near: the case due the 26th and the tolerated case (3 days, also the 26th)
    [sup] = sv.supplements
    assert sup.case_no == window["tolerated"] and "经营场所使用证明" in sup.materials
    assert (sup.deadline.due, sup.deadline.level) == (date(2026, 11, 26), Level.NEAR)
    [fix] = sv.corrections
    assert (fix.case_no, fix.since, fix.note) == (window["fix"], date(2026, 11, 23), "补正：设计图须加盖公章")
    [waiting] = sv.uncollected
    assert (waiting.case_no, waiting.ready_since, waiting.waited_days) == (window["ready"], date(2026, 11, 13), 7)
    [fu] = sv.followups  # the closed one is gone
    assert (fu.case_no, fu.rating, fu.deadline.due, fu.deadline.level) == (
        window["ready"], "不满意", date(2026, 11, 30), Level.OK)


def test_thresholds_are_settings(ctx, window):
    ctx.settings = settings_mod.set_value(ctx.settings, "supervision.near_days", "3")
    ctx.settings = settings_mod.set_value(ctx.settings, "supervision.uncollected_days", "7")
    sv = supervise(ctx)
    assert {c.case_no: c.deadline.level for c in sv.cases}[window["ok"]] is Level.NEAR
    assert sv.uncollected == []  # 7 working days is not more than 7


def test_json_form(ctx, window):
    data = supervise(ctx).to_json()
    assert data["near_days"] == 2 and data["cases"][0]["deadline"]["level"] == "late"


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1999, 12, 31), date(9999, 12, 31)])
def test_a_day_out_of_range_is_refused_by_the_service(ctx, day):
    """Whoever asks (the CLI, a screen, a script), a typing error of a date is said, not computed."""
    with pytest.raises(SupervisionRefused, match="超出可查询的范围"):
        supervise(ctx, day)
    assert supervise(ctx, date(2026, 12, 1)).today == date(2026, 12, 1)
