"""The day's report over a constructed day: three clerks (one a substitute), intakes, a notice, a
refusal, hand-outs, ratings, enquiries and a late case; exported as CSV, XLSX and PDF and read back."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

import pypdf
import pytest
from store.samples import (
    food_tolerated,
    sign_accepted,
    sign_notice,
    social_org_received,
    sole_proprietor_tolerated,
    submit_request,
)

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.domain.ratings import RATING_KIND, Rating, RatingLevel, Service
from clerk_app.services import cases, enquiries, report, report_export, staff
from clerk_app.services.case_actions.note import add_note

ZHANG = Clerk(id="1001", name="张三", badge="PT-0301")
LI_FOR_ZHANG = Clerk(id="1002", name="李四", badge="PT-0302", on_behalf_of_id="1001", on_behalf_of_name="张三")
WANG = Clerk(id="1003", name="王五", badge="PT-0101")
DAY = date(2026, 11, 23)


def _at(clock, *hm_day):
    day, hour, minute = hm_day if len(hm_day) == 3 else (DAY, *hm_day)
    clock.now = datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute)


def _rate(ctx, case_no: str, clerk: Clerk, level: RatingLevel, served_by: str, served_for: str | None = None):
    r = Rating(note_id="", case_no=case_no, level=level, service=Service.INTAKE, served_by=served_by,
               served_for=served_for, comment="等候太久" if level is RatingLevel.DISSATISFIED else "",
               followup_due=date(2026, 11, 30) if level is RatingLevel.DISSATISFIED else None)
    add_note(ctx, case_no, clerk, r.comment, kind=RATING_KIND, detail=r.detail())


@pytest.fixture
def day(ctx, clock):
    """The constructed day; returns the case numbers worth naming."""
    # Wednesday before: a 3-working-day case due on the day, never finished → late on the day
    _at(clock, date(2026, 11, 18), 9, 0)
    late = submit_request(ctx, sole_proprietor_tolerated(), ZHANG).number
    ready = [submit_request(ctx, sign_accepted(), ZHANG).number for _ in range(2)]
    _at(clock, date(2026, 11, 20), 15, 0)
    for no in ready:  # the department approves; the result waits at the window
        cases.transition(ctx, no, CaseStatus.APPROVED, ZHANG)
        cases.transition(ctx, no, CaseStatus.RESULT_READY, ZHANG)
    _at(clock, date(2026, 11, 22), 16, 0)
    enquiries.add_enquiry(ctx, ZHANG, "000162001000", "周日的咨询不在当天报表里")
    # the day
    _at(clock, 9, 0)
    a = submit_request(ctx, sign_accepted(), ZHANG).number
    _at(clock, 9, 30)
    b = submit_request(ctx, sign_accepted(), LI_FOR_ZHANG).number
    _at(clock, 10, 0)
    submit_request(ctx, food_tolerated(), ZHANG)
    _at(clock, 10, 30)
    notice = submit_request(ctx, sign_notice(), WANG)
    assert notice.number.startswith("N")
    _at(clock, 11, 0)
    refused = submit_request(ctx, social_org_received(), WANG).number
    cases.transition(ctx, refused, CaseStatus.NOT_ACCEPTED, WANG, "不属于本机关职权范围")
    _at(clock, 14, 0)
    cases.transition(ctx, ready[0], CaseStatus.HANDED_OUT, LI_FOR_ZHANG)
    cases.transition(ctx, ready[1], CaseStatus.MAILED, WANG)
    _at(clock, 15, 0)
    _rate(ctx, a, ZHANG, RatingLevel.VERY_SATISFIED, "张三")
    _rate(ctx, ready[1], ZHANG, RatingLevel.DISSATISFIED, "张三")
    _rate(ctx, b, LI_FOR_ZHANG, RatingLevel.SATISFIED, "李四", "张三")
    _rate(ctx, refused, WANG, RatingLevel.NOT_RATED, "王五")
    enquiries.add_enquiry(ctx, ZHANG, "000162001000", "告知招牌设置需营业执照、设计图", name="赵六")
    enquiries.add_enquiry(ctx, ZHANG, "000117001000", "告知个体工商户登记材料", materials_printed=True)
    enquiries.add_enquiry(ctx, WANG, "000131010000", "告知社会服务机构登记流程")
    _at(clock, date(2026, 11, 24), 9, 0)  # the report is made the next morning
    return {"late": late, "refused": refused}


def _row(rep: report.Report, clerk: str) -> list[object]:
    return next(r for r in rep.rows() if r[0] == clerk)


#                  收件 受理 容缺 告知 不予 出件 邮寄 咨询 逾期 | 非常满意 满意 基本 不满意 非常不满意 未评价 好评率
ZHANG_ROW = ["张三", 2, 2, 1, 0, 0, 0, 0, 2, 1, 1, 0, 0, 1, 0, 0, 50.0]
LI_ROW = ["李四（代张三）", 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 100.0]
WANG_ROW = ["王五", 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, ""]
TOTAL_ROW = ["全窗口合计", 4, 3, 1, 1, 1, 1, 1, 3, 1, 1, 1, 0, 1, 0, 1, 66.7]


def test_the_day_counted_per_clerk_and_for_the_window(ctx, day):
    rep = report.period_report(ctx, DAY, DAY)
    assert report.HEADER[:10] == ["窗口人员", "收件", "受理", "容缺受理", "一次性告知", "不予受理", "窗口出件",
                                  "邮寄出件", "咨询登记", "逾期办件"]
    assert _row(rep, "张三") == ZHANG_ROW
    assert _row(rep, "李四（代张三）") == LI_ROW
    assert _row(rep, "王五") == WANG_ROW
    assert rep.rows()[-1] == TOTAL_ROW
    [late] = rep.late_cases
    assert (late.case_no, late.clerk, late.due_date, late.left_clock) == (day["late"], "张三", DAY, None)


def test_a_period_and_one_clerk(ctx, day):
    week = report.period_report(ctx, date(2026, 11, 16), DAY)
    zhang = _row(week, "张三")
    assert zhang[1:3] == [5, 5]  # three more intakes on the 18th
    assert zhang[8] == 3  # the Sunday enquiry too
    only = report.period_report(ctx, DAY, DAY, clerk="1001")  # by staff number: what 张三 did himself
    assert [r[0] for r in only.rows()] == ["张三", "合计"]
    li = report.period_report(ctx, DAY, DAY, clerk="1002")  # 李四's work standing in for 张三 is 李四's
    assert li.rows() == [LI_ROW, ["合计", *LI_ROW[1:]]]
    assert report.period_report(ctx, DAY, DAY, clerk="王五").rows()[0] == WANG_ROW
    with pytest.raises(report.ReportRefused, match="早于"):
        report.period_report(ctx, DAY, date(2026, 11, 1))


def test_a_clerk_nobody_is_refused_a_quiet_one_is_not(ctx, day):
    """A typing error in --clerk is said, not answered with a report of zeros."""
    for nobody in ("9999", "张三丰"):
        with pytest.raises(report.ReportRefused, match=f"没有工号或姓名为“{nobody}”"):
            report.period_report(ctx, DAY, DAY, clerk=nobody)
    with pytest.raises(report.ReportRefused, match="请填写"):
        report.period_report(ctx, DAY, DAY, clerk="  ")
    staff.add_staff(ctx, "1009", "赵六", "zl123456", [ctx.window_id])  # on the staff, nothing done that day
    for who in ("1009", "赵六"):
        quiet = report.period_report(ctx, DAY, DAY, clerk=who)
        assert [r[0] for r in quiet.rows()] == ["合计"] and not any(quiet.rows()[0][1:])


def test_a_case_finished_before_its_date_is_not_late(ctx, day, clock):
    cases.transition(ctx, day["late"], CaseStatus.IN_REVIEW, ZHANG)  # still on the clock: still late
    assert len(report.period_report(ctx, DAY, DAY).late_cases) == 1
    assert report.period_report(ctx, date(2026, 11, 24), date(2026, 11, 24)).late_cases == []  # due the 23rd


def test_csv_parsed_back(ctx, day, tmp_path):
    rep = report.period_report(ctx, DAY, DAY)
    out = tmp_path / "day.csv"
    report_export.to_csv(rep, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == report.HEADER
    as_text = [[str(v) for v in r] for r in (ZHANG_ROW, LI_ROW, WANG_ROW, TOTAL_ROW)]
    assert rows[1:] == as_text


def test_xlsx_read_back_cell_by_cell(ctx, day, tmp_path):
    from openpyxl import load_workbook

    rep = report.period_report(ctx, DAY, DAY)
    out = tmp_path / "day.xlsx"
    report_export.to_xlsx(rep, out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["办件情况", "评价情况", "逾期办件"]
    ws = wb["办件情况"]
    assert ws["A1"].value == "窗口工作报表 2026-11-23 综合受理3号窗口（31010701003）"
    assert [c.value for c in ws[3]] == report.COUNT_HEADER
    for i, expected in enumerate((ZHANG_ROW, LI_ROW, WANG_ROW, TOTAL_ROW), start=4):
        assert [c.value for c in ws[i]] == expected[:10], i
    assert ws.max_row == 7
    ws = wb["评价情况"]
    assert [c.value for c in ws[3]] == report.RATING_HEADER
    assert [c.value for c in ws[4]] == [ZHANG_ROW[0], *ZHANG_ROW[10:]]
    assert ws["H7"].value == 66.7 and ws["H6"].value is None  # 王五: nobody rated, no rate
    ws = wb["逾期办件"]
    assert [c.value for c in ws[4]] == [day["late"], "个体工商户登记", "张三", "2026-11-23", "尚未办结"]


def test_pdf_says_the_same(ctx, day, tmp_path):
    rep = report.period_report(ctx, DAY, DAY)
    out = tmp_path / "day.pdf"
    report_export.to_pdf(rep, ctx.settings, out)
    reader = pypdf.PdfReader(out)
    text = re.sub(r"\s+", " ", "".join(p.extract_text() or "" for p in reader.pages))
    flat = text.replace(" ", "")
    assert "窗口工作报表" in flat and "报表期间2026-11-23" in flat
    assert "一、办件情况" in flat and "二、评价情况" in flat and "三、逾期办件" in flat
    assert "张三221000021" in flat.replace("李四（代张三）", "")  # the counts row, in order
    assert "王五100110110" in flat
    assert day["late"] in flat
    assert "各窗口人员办件量" in flat and "好评率66.7%" in flat  # the charts' titles
    assert b"Helvetica" not in out.read_bytes()
