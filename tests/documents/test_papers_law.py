"""Every paper kind for a set of cases carries what the law asks (../shared/PAPERS.md).

Cases: a person, a company with an agent, 56 materials, a letter (信函申请) with mail delivery,
a substitute clerk, a reprint, rare-character names, a 即办件, an application of three cases. For each paper: the required
elements, every printed date is one of the case's dates, no character without a glyph, the
Code128 (and the QR where printed) decode from a 150 dpi rendering. Set ``PAPERS_OUT=dir`` to
keep the PDFs for a look (``/work/shared/tools/pdfcheck``).
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from clerk_app.documents import CaseDocument, ItemLine, PrintedClerk, PrintedMaterial, PrintedParty, samples
from clerk_app.documents.fonts import MISSING_NOTE

from .conftest import all_text, decode, needs_pdftoppm, rasterise, render

DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
ACCEPT_BY = date(2026, 11, 27)
OWED = (PrintedMaterial("食品安全管理人员健康证明", "原件", 2, "missing", standard="在有效期内"),
        PrintedMaterial("经营场所平面布局图", "原件", 1, "nonconforming", standard="标明各功能区面积",
                        problem="未标明设备布局"))
IMMEDIATE = ItemLine("310107000303", "个体工商户名称变更", "区市场监管局", ("《促进个体工商户发展条例》第八条",),
                     promised_days=0, kind="immediate")


def _cases() -> dict[str, CaseDocument]:
    base = samples.case(query_password="402913")
    company = PrintedParty("company", "上海某某餐饮有限公司", "91310107MA1G000000", "021-62345678")
    return {
        "person": replace(base, agent=None),
        "company_agent": replace(base, applicant=company),
        "materials56": samples.case(56, query_password="402913"),
        "mail": replace(base, channel="mail", agent=None, received_at=datetime(2026, 11, 20, 9, 30),
                        issued_at=datetime(2026, 11, 22, 10, 15), delivery_method="mail",
                        delivery_address="上海市普陀区武宁路100号3楼"),
        "substitute": base,
        "reprint": replace(base, reprint_at=datetime(2026, 11, 23, 14, 3)),
        "rare_names": replace(base, applicant=PrintedParty("person", "刘䶮", samples.APPLICANT_ID, "13812345678",
                                                    address="上海市普陀区𠮷祥路䶮园3号"),
                              agent=PrintedParty("person", "𠮷田䶮", samples.AGENT_ID, "13900001111")),
        "immediate": replace(base, items=(IMMEDIATE,), due_date=date(2026, 11, 22)),
        "application3": samples.application(),  # 一件事: three cases, one only received
    }


def _variant(doc: CaseDocument, kind: str) -> CaseDocument:
    if kind == "receipt":
        return replace(doc, outcome="received", due_date=None, accept_by=ACCEPT_BY)
    if kind == "notice":
        return replace(doc, outcome="notice", materials=doc.materials + OWED, notice_no="GZ2026112200007")
    if kind == "refusal":
        return replace(doc, outcome="refused", reason="申请事项不属于本机关职权范围",
                       refusal_article="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
                       refer_to="区规划资源局")
    return doc


COMMON = ("窗口工作人员", "工号：S0307", "工作牌号：PT0307", "（印章）", "咨询电话", "监督电话")
REQUIRED = {
    "receipt": ("收件凭证", "收件时间", "申请材料", "原件/复印件", "份数", "受理期限自收到申请材料之日",
                "前作出是否受理的决定"),
    "acceptance": ("受理凭证", "受理时间", "法律依据", "收费", "不收费", "承诺办结", "第四十五条",
                   "查询密码402913", "扫码查询办理进度", "结果送达", "申请事项"),
    "notice": ("一次性告知书", "需补正的材料", "形式：", "标准：", "补正期限", "邮寄", "逾期未补正", "设定依据",
               "容缺受理，尚未提交"),
    "tolerated": ("容缺受理通知书", "补齐期限", "补交期限", "补交方式", "也可邮寄至", "逾期未补齐的后果", "一式两份"),
    "commitment": ("告知承诺书", "证明事项：", "设定依据：", "承诺内容：", "配合行政机关", "核查", "承诺不实",
                   "法律责任", "一式两份", "承诺人（申请人或代理人）签字"),
    "refusal": ("不予受理通知书", "申请事项不属于本机关职权范围", "第三十二条第一款第（二）项", "请向区规划资源局提出申请",
                "六十日内向", "申请行政复议", "六个月内向", "提起行政诉讼", "退回的申请材料"),
}


def _dates(text: str) -> set[date]:
    return {date(int(y), int(m), int(d)) for y, m, d in DATE.findall(text)}


def _case_dates(doc: CaseDocument) -> set[date]:
    out = {doc.received_at.date(), (doc.issued_at or doc.received_at).date()}
    out |= {d for d in (doc.due_date, doc.supplement_due, doc.accept_by) if d}
    out |= {c.due_date for c in doc.cases if c.due_date}  # an application's cases, each with its own date
    return out | {m.supplement_due for m in doc.materials if m.supplement_due}


def _keep(name: str, kind: str, pdf: bytes) -> None:
    out = os.environ.get("PAPERS_OUT")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        (Path(out) / f"{name}-{kind}.pdf").write_bytes(pdf)


@pytest.mark.parametrize("name", list(_cases()))
def test_every_paper_of_a_case_carries_the_law_and_agrees(name, settings, tmp_path):
    base = _cases()[name]
    texts: dict[str, str] = {}
    for kind, required in REQUIRED.items():
        doc = _variant(base, kind)
        pdf = render(doc, kind, settings)
        _keep(name, kind, pdf)
        text = all_text(pdf)
        texts[kind] = text
        for element in (*required, *COMMON):
            assert element in text, (name, kind, element)
        assert MISSING_NOTE.replace(" ", "") not in text and "〔U+" not in text, (name, kind)
        assert doc.applicant.name in text, (name, kind)
        assert _dates(text) <= _case_dates(doc), (name, kind, _dates(text) - _case_dates(doc))
        if doc.by_mail:
            assert "信函" in text or kind in ("tolerated", "commitment"), (name, kind)
            assert "签收：" not in text, (name, kind)
        if doc.reprint_at:
            assert "补打2026-11-2314:03" in text, kind
    # the one 容缺 deadline agrees between the voucher and the notice's headline
    last = base.tolerated_deadline()
    assert last is not None
    shown = f"{last.year}年{last.month}月{last.day}日"
    assert f"须于{shown}前补齐" in texts["acceptance"] and f"补齐期限{shown}前" in texts["tolerated"]
    # a 容缺 material is owed: never among the materials not to bring again, never 1 份 handed in
    assert "容缺受理，尚未提交" in texts["notice"]
    if base.items[0].immediate:
        assert "当场办结" in texts["acceptance"] and "0个工作日" not in texts["acceptance"]
    if base.by_mail:
        assert "信函申请" in texts["acceptance"] and "信函收到2026年11月20日" in texts["acceptance"]
        assert "出具日期2026年11月22日" in texts["acceptance"] and "当场" not in texts["acceptance"]
        assert "申请人（代理人）签字" not in texts["acceptance"]
    else:
        assert "申请人（代理人）签字" in texts["acceptance"]


def test_handout_for_each_case(settings):
    for name, doc in _cases().items():
        handout = samples.handout(applicant=doc.applicant, reprint_at=doc.reprint_at)
        kind = "mail_label" if doc.by_mail else "handout"
        if doc.by_mail:
            handout = replace(handout, method="mail", courier="EMS", tracking_no="1186543210987",
                              address=doc.delivery_address or "上海市普陀区武宁路100号", receiver=None,
                              receiver_role="", authorisation_kept=False)
        pdf = render(handout, kind, settings)
        _keep(name, kind, pdf)
        text = all_text(pdf)
        assert ("邮寄标签" if doc.by_mail else "领取回执") in text, name
        assert "食品经营许可证正本1份" in text and doc.applicant.name in text, name
        assert "工号：S0307" in text and "（印章）" in text, name
        assert ("当场" not in text) if doc.by_mail else ("领取人签字" in text), name


def test_a_tolerated_material_prints_as_not_handed_in(settings):
    doc = samples.case(materials=(PrintedMaterial("章程", copies=1, mode="tolerated"),))
    text = all_text(render(doc, "acceptance", settings))
    assert "原件未交容缺" in text


@needs_pdftoppm
@pytest.mark.parametrize("kind", list(REQUIRED) + ["handout"])
def test_both_codes_decode_on_every_kind(kind, settings, tmp_path):
    doc = _cases()["rare_names"]
    paper = samples.handout(applicant=doc.applicant) if kind == "handout" else _variant(doc, kind)
    codes = decode(rasterise(render(paper, kind, settings), tmp_path)[0])
    number = "GZ2026112200007" if kind == "notice" else doc.case_no
    assert ("Code128", number) in codes
    if kind in ("receipt", "acceptance", "handout"):
        assert any(f == "QRCode" and doc.case_no in t for f, t in codes), codes


def test_clerk_without_staff_number_prints_no_empty_label(settings):
    doc = samples.case(clerk=PrintedClerk("李四", "PT0307"))
    text = all_text(render(doc, "acceptance", settings))
    assert "工号：" not in text and "工作牌号：PT0307" in text


@needs_pdftoppm
@pytest.mark.parametrize("tobacco", ["received", "accepted"])
def test_the_visit_voucher_of_three_cases_lists_each_and_is_titled_by_what_happened(tobacco, settings, tmp_path):
    doc = samples.application(tobacco)
    pdf = render(doc, "acceptance", settings)
    _keep(f"application3-{tobacco}", "acceptance", pdf)
    text = all_text(pdf)
    assert "办件清单（共3件）" in text and "申办编号A310107010032611220001" in text
    rows = [("S310107010032611220001", "区市场监管局", "受理", "2026年11月25日"),
            ("S310107010032611220002", "区市场监管局", "受理", "2026年12月4日"),
            ("S310107010032611220003", "区烟草专卖局", *(("收件（待部门受理）", "自受理之日起计算")
                                                   if tobacco == "received" else ("受理", "2026年12月11日")))]
    at = 0
    for row in rows:  # each case in its row, in order: number, department, its own result and date
        for cell in row:
            at = text.index(cell, at)
    mixed = tobacco == "received"
    assert ("收件受理凭证" in text) is mixed
    if mixed:
        assert "申请材料已收到" in text
    codes = {c for png in rasterise(pdf, tmp_path) for c in decode(png)}
    assert ("Code128", "A310107010032611220001") in codes
