"""The case's clock at the window: a 补正 suspends it, the supplement restarts it from the next day,
special procedures add their days, holiday updates keep all of it; 容缺 materials late are flagged."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta

import pypdf
import pytest
from sqlalchemy import select
from store.samples import food_tolerated, sign_accepted, submit_request

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import parse_payload
from clerk_app.services import case_actions, cases, documents
from clerk_app.services import clock as clock_service
from clerk_app.services.case_actions import ActionRefused, supplement
from clerk_app.services.redate import redate_in
from clerk_app.store.models import AuditEntry, Case, OutboxEntry
from clerk_app.sync.streams.decisions import apply_decision

CLERK = Clerk(id="s1", name="张三", badge="A017")


def _decide(ctx, no, at: datetime, **data):
    with ctx.store.transaction() as s:
        return apply_decision(s, {"event_id": f"bo-{at:%d%H%M}-{data.get('action')}", "case_no": no,
                                  "actor": "区绿化市容局", "at": at.isoformat(), **data}, ctx.calendar, ctx.catalogue)


def _ask(ctx, no, at, missing):
    return _decide(ctx, no, at, action="supplement", to="supplement_requested", missing=missing,
                   note="需补正：" + "；".join(missing))


def _last_outbox(ctx):
    with ctx.store.read() as s:
        return s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()


def _audit(ctx, action):
    with ctx.store.read() as s:
        return [a.detail for a in s.scalars(select(AuditEntry).where(AuditEntry.action == action))]


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def test_a_correction_suspends_the_time_and_the_supplement_restarts_it_the_next_day(ctx, clock):
    no = submit_request(ctx, sign_accepted(), CLERK).number  # Mon 23 Nov, 5 working days
    promised = cases.get_case(ctx, no).due_date
    assert promised == date(2026, 11, 30)
    _ask(ctx, no, datetime(2026, 11, 25, 14, 0), ["招牌设计效果图（标明尺寸）", "房屋所有人同意书"])  # Wed
    case = cases.get_case(ctx, no)
    assert case.status is CaseStatus.SUPPLEMENT_REQUESTED and case.due_date is None
    assert case.open_correction().missing == ["招牌设计效果图（标明尺寸）", "房屋所有人同意书"]
    shown = clock_service.view(ctx.calendar, case, date(2026, 11, 27))
    assert shown.paused and shown.days_left == 4  # Tue 24 counted; Wed 25 was the day of the request
    assert shown.due_text == "暂停计时（补正中，自 2026-11-25 起，尚余 4 个工作日）"
    out = _last_outbox(ctx)  # the centre is told the case has no running date now
    assert out.kind == "case" and parse_payload("case", out.payload).clock_stops[0].end is None
    assert _audit(ctx, "case.clock")[-1]["correction"] == "asked"

    # the supplement offered lists the back office's items first
    assert "supplement" in case_actions.offered(ctx, case, CLERK)
    assert supplement.pending_materials(ctx, case)[:2] == [("missing:0", "补正：招牌设计效果图（标明尺寸）"),
                                                           ("missing:1", "补正：房屋所有人同意书")]
    clock.now = datetime(2026, 12, 2, 9, 30)  # Wednesday the next week
    after = supplement.record_supplement(ctx, no, CLERK, ["missing:0", "missing:1"], forms="missing:1=copy:2")
    assert after.status is CaseStatus.IN_REVIEW
    # 4 days left, counted from Thu 3 Dec: Thu 3, Fri 4, Mon 7, Tue 8
    assert after.due_date == date(2026, 12, 8) > promised
    stop = after.clock_stops[0]
    assert (stop.start, stop.end) == (date(2026, 11, 25), date(2026, 12, 2))
    assert [(p.name, p.form, p.count) for p in stop.received] == [
        ("招牌设计效果图（标明尺寸）", "original", 1), ("房屋所有人同意书", "copy", 2)]
    assert _audit(ctx, "case.supplement")[-1]["materials"] == ["招牌设计效果图（标明尺寸）（原件1份）",
                                                               "房屋所有人同意书（复印件2份）"]

    assert "supplement_receipt" in documents.applicable_kinds(ctx, no)
    pdf, reprint = documents.issue(ctx, no, "supplement_receipt", CLERK)
    text = _text(pdf)
    assert not reprint and "补正材料收件凭证" in text and no in text
    assert "招牌设计效果图（标明尺寸）原件1" in text and "房屋所有人同意书复印件2" in text
    assert "收件时间2026年12月2日09:30" in text and "补正通知2026年11月25日" in text
    assert "承诺办结日期为2026年12月8日" in text and "自2026年11月25日至2026年12月2日的补正期间" in text
    assert "张三" in text and "工号：s1" in text


def test_supplement_input_mistakes_are_refused_with_a_reason_and_nothing_changes(ctx, clock):
    no = submit_request(ctx, sign_accepted(), CLERK).number
    _ask(ctx, no, datetime(2026, 11, 24, 9, 0), ["招牌设计效果图"])
    with pytest.raises(ActionRefused, match="应写作“材料=原件:份数”"):
        supplement.record_supplement(ctx, no, CLERK, ["missing:0"], forms="missing:0=scan")
    with pytest.raises(ActionRefused, match="只能为勾选的材料填写形式和份数"):
        supplement.record_supplement(ctx, no, CLERK, ["missing:0"], forms="missing:3=copy:1")
    with pytest.raises(ActionRefused, match="本办件没有这些材料"):
        supplement.record_supplement(ctx, no, CLERK, ["missing:7"])
    assert cases.get_case(ctx, no).open_correction() is not None
    # the same action through the generic path (the form built from the inputs, the CLI)
    rec = case_actions.perform(ctx, "supplement", no, CLERK, {"material_keys": ["missing:0"],
                                                              "forms": "missing:0=复印件:1"})
    assert rec.open_correction() is None and rec.clock_stops[0].received[0].form == "copy"


def test_special_procedure_days_are_not_counted_and_follow_a_holiday_update(ctx):
    no = submit_request(ctx, sign_accepted(), CLERK).number  # due Mon 30 Nov
    why = _decide(ctx, no, datetime(2026, 11, 24, 9, 0), action="special_procedure", procedure="hearing",
                  start="2026-11-25", days=3, note="举行听证")
    assert why is None
    case = cases.get_case(ctx, no)
    assert case.status is CaseStatus.ACCEPTED and case.due_date == date(2026, 12, 3)  # Wed–Fri not counted
    assert clock_service.view(ctx.calendar, case, date(2026, 11, 24)).stops == (
        "特别程序（听证）：2026-11-25 至 2026-11-27，3 个工作日 不计入办理期限",)
    # the same decision pulled twice is one stop
    assert _decide(ctx, no, datetime(2026, 11, 24, 9, 0), action="special_procedure", procedure="hearing",
                   start="2026-11-25", days=3) is None
    assert len(cases.get_case(ctx, no).clock_stops) == 1
    # a holiday published on Thu 26: the hearing's 3 working days now end Mon 30, the case Fri 4 Dec
    cal = ctx.calendar
    newer = WorkCalendar.of(cal.holidays | {date(2026, 11, 26)}, cal.workdays, cal.published_years)
    with ctx.store.transaction() as s:
        changes = redate_in(s, newer, ctx.catalogue, datetime(2026, 11, 24, 12, 0))
    assert [(c.case_no, c.due_after) for c in changes] == [(no, date(2026, 12, 4))]


def test_a_holiday_update_keeps_a_suspended_case_suspended(ctx):
    no = submit_request(ctx, sign_accepted(), CLERK).number
    _ask(ctx, no, datetime(2026, 11, 25, 9, 0), ["招牌设计效果图"])
    cal = ctx.calendar
    newer = WorkCalendar.of(cal.holidays | {date(2026, 11, 24)}, cal.workdays, cal.published_years)
    with ctx.store.transaction() as s:
        redate_in(s, newer, ctx.catalogue, datetime(2026, 11, 25, 12, 0))
        assert s.scalars(select(Case.due_date).where(Case.case_no == no)).one() is None
    shown = clock_service.view(newer, cases.get_case(ctx, no), date(2026, 11, 26))
    assert shown.paused and shown.days_left == 5  # Tue 24 is a holiday now: nothing was used


def test_no_special_procedure_on_a_case_that_is_over(ctx):
    no = submit_request(ctx, sign_accepted(), CLERK).number
    cases.transition(ctx, no, CaseStatus.WITHDRAWN, CLERK)
    why = _decide(ctx, no, datetime(2026, 11, 24, 9, 0), action="special_procedure", procedure="testing",
                  start="2026-11-25", end="2026-11-26")
    assert why and "已不在办理期限内" in why


def test_a_tolerated_material_late_is_flagged_with_the_catalogues_outcome(ctx, clock):
    no = submit_request(ctx, food_tolerated(), CLERK).number
    case = cases.get_case(ctx, no)
    due = case.supplement_due
    assert due is not None
    assert clock_service.view(ctx.calendar, case, due).overdue == ()  # its last day is still in time
    late = clock_service.view(ctx.calendar, case, due + timedelta(days=1))
    assert late.overdue and all("应于" in x for x in late.overdue)
    assert late.overdue_outcome == "按目录，逾期未补齐将不予许可，由后台部门决定"
    # the back office decides: the case ends as its decision says, and the clerk sees it
    _decide(ctx, no, datetime.combine(due + timedelta(days=1), datetime.min.time()).replace(hour=9),
            action="refuse", to="refused", note="容缺材料逾期未补齐，不予许可")
    ended = cases.get_case(ctx, no)
    assert ended.status is CaseStatus.REFUSED and ended.events[-1].note == "容缺材料逾期未补齐，不予许可"
    assert clock_service.view(ctx.calendar, ended, due + timedelta(days=2)).overdue == ()  # no longer running


def test_the_work_list_shows_a_suspended_case_and_a_late_tolerated_material(ctx, clock):
    from clerk_app.services import worklist

    paused = submit_request(ctx, sign_accepted(), CLERK).number
    _ask(ctx, paused, datetime(2026, 11, 25, 9, 0), ["招牌设计效果图"])
    late = submit_request(ctx, food_tolerated(), CLERK).number
    day = cases.get_case(ctx, late).supplement_due + timedelta(days=1)
    rows = {r.case_no: r for r in worklist.my_cases(ctx, CLERK.id, today=day)}
    assert rows[paused].paused and rows[paused].countdown.startswith("补正中暂停计时（余 ")
    assert rows[paused].urgency is worklist.Urgency.NONE
    assert rows[late].tolerated_overdue == 2 and rows[late].countdown.startswith("容缺材料逾期未补齐")
    assert rows[late].urgency in (worklist.Urgency.YELLOW, worklist.Urgency.RED)


def test_the_supervision_view_shows_a_suspended_case_paused_not_late(ctx, clock):
    from clerk_app.services.supervision import supervise

    paused = submit_request(ctx, sign_accepted(), CLERK).number
    _ask(ctx, paused, datetime(2026, 11, 25, 9, 0), ["招牌设计效果图"])
    long_after = date(2027, 3, 1)  # far past the promised date: still not late while the 补正 is outstanding
    [row] = [c for c in supervise(ctx, long_after).cases if c.case_no == paused]
    assert row.deadline.level is None and row.deadline.text.startswith("补正中暂停计时（余 ")
    assert [c.case_no for c in supervise(ctx, long_after).corrections] == [paused]
