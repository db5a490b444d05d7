"""Which papers a stored case has follows from its state; every date on them comes from the record."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pypdf
import pytest
from store.samples import food_tolerated, sign_accepted, sign_notice, social_org_received, submit_request

from clerk_app.documents import paper_kinds
from clerk_app.domain.people import LOCAL_CLERK, Clerk
from clerk_app.services import cases, documents

CLERK = Clerk(id="s1", name="张三", badge="A017")
SUBSTITUTE = Clerk(id="s2", name="李四", badge="A018", on_behalf_of_id="s1", on_behalf_of_name="张三")
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def _dates(text: str) -> set[date]:
    return {date(int(y), int(m), int(d)) for y, m, d in DATE.findall(text)}


def _record_dates(ctx, number: str) -> set[date]:
    c = cases.get_case(ctx, number)
    assert c is not None
    out = {c.received_at.date(), c.created_at.date()} | {d for d in (c.due_date, c.supplement_due) if d}
    out |= {m.deliver_by for m in c.materials if m.deliver_by}  # 告知承诺 due after the decision
    return out | {m.supplement_due for m in c.materials if m.supplement_due}


def _all_papers(ctx, number: str) -> dict[str, str]:
    return {kind: _text(documents.preview(ctx, number, kind)) for kind in documents.applicable_kinds(ctx, number)}


def test_a_tolerated_case_has_its_papers_and_every_date_comes_from_the_record(ctx):
    r = submit_request(ctx, food_tolerated(), SUBSTITUTE)
    number = r.number
    assert documents.applicable_kinds(ctx, number) == ["acceptance", "tolerated", "commitment"]
    papers = _all_papers(ctx, number)
    record = cases.get_case(ctx, number)
    assert record is not None
    allowed = _record_dates(ctx, number)
    for kind, text in papers.items():
        assert _dates(text) <= allowed, (kind, _dates(text) - allowed)
    # the one deadline for the 容缺 materials: the same on the voucher and on the notice's headline
    last = max(m.supplement_due or record.supplement_due for m in record.materials if m.status == "tolerated")
    due = f"{last.year}年{last.month}月{last.day}日"
    assert f"须于{due}前补齐" in papers["acceptance"]
    assert f"补齐期限{due}前" in papers["tolerated"]
    # staff number and badge, each under its own label
    assert "工号：s2" in papers["acceptance"] and "工作牌号：A018" in papers["acceptance"]
    # the acceptance voucher's legal elements
    for element in ("法律依据", "收费", "第四十五条", "查询密码", "凭本凭证及有效身份证件领取", "（印章）"):
        assert element in papers["acceptance"], element
    password = cases.query_password(ctx, number)  # the case's own random 查询密码
    assert password
    assert f"查询密码{password}" in papers["acceptance"]
    archive = _text(documents.issue(ctx, number, "acceptance", SUBSTITUTE, copy="archive")[0])
    assert "存档联" in archive and f"查询密码{password}" not in archive  # on the citizen's copy only
    for kind in ("receipt", "refusal", "handout", "notice"):
        with pytest.raises(documents.DocumentUnavailable, match="不能打印"):
            documents.preview(ctx, number, kind)


def test_a_received_case_never_gets_an_acceptance_voucher(ctx):
    r = submit_request(ctx, social_org_received(), CLERK)
    assert r.outcome.value == "received"
    kinds = documents.applicable_kinds(ctx, r.number)
    assert "acceptance" not in kinds and kinds[0] == "receipt"
    with pytest.raises(documents.DocumentUnavailable, match="已收件.*不能打印受理凭证"):
        documents.issue(ctx, r.number, "acceptance", CLERK)
    text = _text(documents.preview(ctx, r.number, "receipt"))
    assert "予以受理" not in text and "承诺办结" not in text
    record = cases.get_case(ctx, r.number)
    assert record is not None
    by = ctx.calendar.add_working_days(record.received_at.date(), 5).due
    assert f"将于{by.year}年{by.month}月{by.day}日前作出是否受理的决定" in text
    assert _dates(text) <= _record_dates(ctx, r.number) | {by}


def test_a_case_not_accepted_gets_only_the_refusal_with_its_remedies(ctx):
    reason = "申请事项不属于本机关职权范围，请向区规划资源局申请"
    r = submit_request(ctx, sign_accepted(override={"outcome": "not_accepted", "reason": reason,
                                                    "ground": "outside_power", "refer_to": "区规划资源局"}), CLERK)
    assert r.outcome.value == "not_accepted"
    assert documents.applicable_kinds(ctx, r.number) == ["refusal"]
    for kind in ("acceptance", "receipt", "tolerated"):
        with pytest.raises(documents.DocumentUnavailable, match="不予受理"):
            documents.issue(ctx, r.number, kind, CLERK)
    text = _text(documents.preview(ctx, r.number, "refusal"))
    assert "予以受理" not in text
    assert "第三十二条第一款第（二）项" in text and "请向区规划资源局提出申请" in text
    assert f"六十日内向{ctx.settings.centre.review_organ}申请行政复议" in text
    assert f"六个月内向{ctx.settings.centre.court}提起行政诉讼" in text


def test_a_notice_lists_every_owed_material_with_a_time_limit(ctx):
    r = submit_request(ctx, sign_notice(), CLERK)
    assert documents.applicable_kinds(ctx, r.number) == ["notice"]
    text = _text(documents.preview(ctx, r.number, "notice"))
    due = ctx.calendar.add_working_days(ctx.clock().date(), ctx.settings.centre.supplement_days).due
    assert f"补正期限{due.year}年{due.month}月{due.day}日前" in text
    assert "邮寄" in text and "形式：" in text and "份" in text and "标准：" in text


def test_a_mail_application_reads_as_one(ctx):
    clock_now = ctx.clock()
    arrived = datetime(clock_now.year, clock_now.month, clock_now.day, 9, 0)
    r = submit_request(ctx, sign_accepted(channel="mail", received_at=arrived.isoformat()), CLERK)
    text = _text(documents.preview(ctx, r.number, "acceptance"))
    assert "信函申请" in text and "信函收到" in text and "出具日期" in text
    assert "签字：" not in text and "当场" not in text  # the applicant is not at the counter
    assert "邮寄至" in text  # supplements may come by post


def test_no_paper_without_a_logged_in_person(ctx):
    r = submit_request(ctx, sign_accepted(), CLERK)
    with pytest.raises(documents.DocumentUnavailable, match="没有登录的窗口工作人员"):
        documents.issue(ctx, r.number, "acceptance", LOCAL_CLERK)
    local = submit_request(ctx, sign_accepted())  # recorded by the local stand-in
    with pytest.raises(documents.DocumentUnavailable, match="本机窗口人员"):
        documents.issue(ctx, local.number, "acceptance", CLERK)


def test_every_registered_paper_declares_its_states_and_reason():
    for kind in paper_kinds():
        assert kind.for_notice or (kind.states and kind.when) or (kind.input == "enquiry" and kind.when), kind.name


def test_a_case_accepted_later_by_the_department_gets_its_acceptance_voucher(ctx, clock):
    from datetime import timedelta

    from clerk_app.domain.case import CaseStatus

    r = submit_request(ctx, social_org_received(), CLERK)
    assert "acceptance" not in documents.applicable_kinds(ctx, r.number)
    clock.now += timedelta(days=1, hours=3)  # the department accepts on Tuesday at 13:00
    cases.transition(ctx, r.number, CaseStatus.ACCEPTED, CLERK)
    assert "acceptance" in documents.applicable_kinds(ctx, r.number)
    text = _text(documents.preview(ctx, r.number, "acceptance"))
    assert "予以受理" in text and "受理时间2026年11月24日13:00" in text
    assert text.count("2026年11月24日") >= 2  # the seal line is dated the day of acceptance
