"""The input dataclasses and text helpers."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.documents import DocumentError, ItemLine, PrintedMaterial, PrintedParty, mask_id, samples
from clerk_app.documents.model import PrintedClerk
from clerk_app.documents.text import clerk_label, mask_phone, party_id


def test_lists_become_tuples_and_strings_one_tuple():
    m = PrintedMaterial("申请书", standard="签字", review_points=["盖章", "日期"])
    assert m.standard == ("签字",)
    assert m.review_points == ("盖章", "日期")
    assert ItemLine("1", "事项", legal_basis=["甲", "乙"]).legal_basis == ("甲", "乙")
    doc = samples.case(items=[samples.FOOD], materials=list(samples.materials(2)))
    assert isinstance(doc.items, tuple) and isinstance(doc.materials, tuple)
    hash(doc)  # frozen and hashable


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda: PrintedMaterial("x", mode="lost"), "材料收取方式"),
        (lambda: PrintedMaterial("x", copies=-1), "份数"),
        (lambda: PrintedParty("robot", "x"), "当事人类型"),
        (lambda: samples.case(outcome="maybe"), "办件结果"),
        (lambda: samples.case(delivery_method="drone"), "送达方式"),
        (lambda: samples.handout(method="pigeon"), "出件方式"),
    ],
)
def test_bad_enumerations_raise_document_error(make, fragment):
    with pytest.raises(DocumentError, match=fragment):
        make()


def test_party_id_type_defaults_by_kind():
    assert PrintedParty("person", "王").id_type == "居民身份证"
    assert PrintedParty("company", "某公司").id_type == "统一社会信用代码"


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("11010519491231002X", "110105********002X"),
        (" 110105 19491231002X ", "110105********002X"),
        ("110105491231002", "110105*****1002"),  # 15-digit old ID
        ("E12345678", "E1*****78"),  # passport
        ("12345678", "1******8"),  # a Taiwan compatriot permit: at most a third visible
        ("AB1", "***"),
        ("", ""),
    ],
)
def test_mask_id(number, masked):
    assert mask_id(number) == masked


def test_company_code_is_printed_whole_person_id_masked():
    assert party_id(PrintedParty("company", "某公司", "91350100M000100Y43")) == "统一社会信用代码：91350100M000100Y43"
    assert party_id(PrintedParty("person", "王", "11010519491231002X")).endswith("110105********002X")


def test_mask_phone_and_clerk_label():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("021-52564588") == "021-52564588"
    assert clerk_label(PrintedClerk("李四", "1", substitute_for="张三")) == "李四（代张三）"
    assert clerk_label(PrintedClerk("李四", "1")) == "李四"


def test_sample_supplement_dates_are_dates():
    assert all(isinstance(m.supplement_due, date) for m in samples.materials() if m.mode == "tolerated")


@pytest.mark.parametrize("number", [
    "11010519491231002X", "110105491231002", "810000199408230021", "931156198503150012", "USA310185061511",
    "E12345678", "H1234567801", "12345678", "P1234567", "ABC123", "AB1", "1234", "", " 1101 0519491231002x",
])
def test_papers_mask_an_id_as_the_screens_and_logs_do(number):
    """One rule: a number masked on the voucher shows no more than on the screen or in the log."""
    from clerk_app.domain.identity import mask_id as screen_mask

    assert mask_id(number) == screen_mask(number)
