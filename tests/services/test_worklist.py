"""Today's work: my cases with a working-day countdown coloured by urgency, and today's notices."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK, Clerk
from clerk_app.intake.request import flow_from_json
from clerk_app.services import cases, worklist
from clerk_app.services.intake import submit
from clerk_app.services.worklist import Filter, Urgency

ID = "11010519491231002X"
OTHER = Clerk(id="c2", name="李四", badge="102")


def take(ctx, code, materials, answers=None, clerk=LOCAL_CLERK, name="张三"):
    data = {"items": [{"code": code, "answers": answers or {}}],
            "applicant": {"kind": "person", "name": name, "id_number": ID, "phone": "13800138000"},
            "materials": materials}
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    return submit(ctx, flow, clerk)


FULL_EMPLOYMENT = {"employment_registration_form": "original", "applicant_id": "original", "photo_2inch": "original"}


def test_urgency_counts_working_days_over_weekends():
    cal = WorkCalendar()  # plain weekends
    fri = date(2026, 11, 27)
    assert worklist.urgency(cal, fri, date(2026, 12, 1), "accepted") == (Urgency.YELLOW, 2)  # Mon, Tue
    assert worklist.urgency(cal, fri, date(2026, 12, 2), "accepted") == (Urgency.GREEN, 3)
    assert worklist.urgency(cal, fri, fri, "accepted") == (Urgency.YELLOW, 0)
    assert worklist.urgency(cal, fri, date(2026, 11, 26), "in_review") == (Urgency.RED, -1)
    assert worklist.urgency(cal, fri, date(2026, 11, 26), "result_ready") == (Urgency.NONE, None)
    assert worklist.countdown_text(Urgency.RED, -1, date(2026, 11, 26)) == "已逾期 1 个工作日"
    assert worklist.countdown_text(Urgency.YELLOW, 0, fri) == "今日到期"


def test_my_cases_today_with_colours_and_filters(ctx, clock):
    soon = take(ctx, "000134011000", FULL_EMPLOYMENT)  # immediate: due today → yellow
    later = take(ctx, "000162001000", {"sign_application": "original", "business_license": "e-license",
                                       "lease_contract": "copy", "sign_design": "original",
                                       "sign_safety_commitment": "commitment"})  # 5 working days → green
    take(ctx, "000134011000", FULL_EMPLOYMENT, clerk=OTHER)  # not mine
    rows = worklist.my_cases(ctx, LOCAL_CLERK.id)
    assert [r.case_no for r in rows] == [soon.number, later.number]  # most urgent first
    assert [r.urgency for r in rows] == [Urgency.YELLOW, Urgency.GREEN]
    assert rows[0].countdown == "今日到期" and rows[1].countdown == "剩 5 个工作日"
    # a week later the 5-day case is overdue
    clock.now += timedelta(days=8)
    rows = {r.case_no: r for r in worklist.my_cases(ctx, LOCAL_CLERK.id)}
    assert rows[later.number].urgency is Urgency.RED
    assert worklist.filter_rows(list(rows.values()), Filter.URGENT) != []
    assert [r.case_no for r in worklist.filter_rows(list(rows.values()), text="户外")] == [later.number]
    assert worklist.filter_rows(list(rows.values()), Filter.READY) == []


def test_finished_cases_from_earlier_days_leave_the_list(ctx, clock):
    res = take(ctx, "000134011000", FULL_EMPLOYMENT)
    for st in (CaseStatus.APPROVED, CaseStatus.RESULT_READY, CaseStatus.HANDED_OUT):
        cases.transition(ctx, res.number, st, LOCAL_CLERK)
    assert [r.case_no for r in worklist.my_cases(ctx, LOCAL_CLERK.id)] == [res.number]  # taken today
    clock.now += timedelta(days=1)
    assert worklist.my_cases(ctx, LOCAL_CLERK.id) == []


def test_todays_notices_count_what_is_missing(ctx, clock):
    res = take(ctx, "000134011000", {"applicant_id": "original"})
    rows = worklist.todays_notices(ctx, LOCAL_CLERK.id)
    assert [(r.notice_no, r.missing) for r in rows] == [(res.number, 2)]
    clock.now = datetime(2026, 11, 24, 9, 0)
    assert worklist.todays_notices(ctx, LOCAL_CLERK.id) == []


def test_the_yellow_threshold_is_the_supervision_setting(ctx):
    later = take(ctx, "000162001000", {"sign_application": "original", "business_license": "e-license",
                                       "lease_contract": "copy", "sign_design": "original",
                                       "sign_safety_commitment": "commitment"})  # 5 working days
    assert {r.case_no: r.urgency for r in worklist.my_cases(ctx, LOCAL_CLERK.id)}[later.number] is Urgency.GREEN
    ctx.settings.supervision.near_days = 5  # the centre wants a week's warning
    assert {r.case_no: r.urgency for r in worklist.my_cases(ctx, LOCAL_CLERK.id)}[later.number] is Urgency.YELLOW
