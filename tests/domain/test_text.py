"""One text validator: trimmed, bounded, no control characters, a Chinese message naming the field."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.text import RULES, TextError, TextRule, check_text, clean_text
from clerk_app.intake.request import flow_from_json

from .builders import catalogue, item, req, situation

PERSON = {"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13812345678"}
CAT = catalogue(item("500001", situation("main", req("application"))))
CAL = WorkCalendar.of([], [], [2026])
NOW = datetime(2026, 11, 23, 10)


def errors_of(data):
    flow, errors = flow_from_json(data, CAT, CAL, NOW)
    assert flow is None
    return {e.field: e.message for e in errors}


def request(**applicant):
    return {"items": [{"code": "500001"}], "applicant": {**PERSON, **applicant},
            "materials": {"application": "original"}}


def test_trimmed_and_bounded():
    assert check_text("name", "  张三 \t") == "张三"
    assert check_text("reason", " 第一行\r\n第二行  \n") == "第一行\n第二行"
    with pytest.raises(TextError, match="姓名或名称过长（最多 100 个字符，当前 101 个）"):
        check_text("name", "张" * 101)
    with pytest.raises(TextError, match="请填写姓名"):
        clean_text("   ", TextRule("姓名", 10, required=True))
    with pytest.raises(TextError, match="地址不能换行"):
        check_text("address", "上海市\n徐汇区")
    with pytest.raises(TextError, match="应为文本"):
        check_text("name", 12)


@pytest.mark.parametrize(("text", "shown"), [
    ("张\x00三", "U+0000"),
    ("张三\ud800", "U+D800（不成对的代理字符）"),
    ("张\u2028三", "U+2028（LINE SEPARATOR）"),
    ("张\u2029三", "U+2029"),
    ("张\u202e三", "U+202E"),
    ("张\x1b三", "U+001B"),
])
def test_control_characters_are_refused_and_named(text, shown):
    with pytest.raises(TextError) as info:
        check_text("name", text)
    assert "含有不允许的控制字符" in str(info.value) and shown in str(info.value)


def test_a_10_mb_name_is_a_clear_error_with_the_field_path():
    errs = errors_of(request(name="张" * (10 * 1024 * 1024)))
    assert errs == {"applicant.name": "姓名或名称过长（最多 100 个字符，当前 10485760 个）"}


def test_control_characters_in_a_json_request():
    data = json.loads('{"items": [{"code": "500001"}], "applicant": {"kind": "person", "name": "\\u5f20\\ud800",'
                      ' "id_number": "11010519491231002X", "phone": "13812345678", "address": "a\\u0000b"},'
                      ' "materials": {"application": "original"}}')
    errs = errors_of(data)
    assert set(errs) == {"applicant.name", "applicant.address"}
    assert "U+D800" in errs["applicant.name"] and "U+0000" in errs["applicant.address"]


def test_values_are_trimmed_before_use():
    flow, errors = flow_from_json(request(name="  张三  "), CAT, CAL, NOW)
    assert errors == [] and flow.draft.applicant.name == "张三"


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"items": "500001", "applicant": PERSON}, "items", "应为列表（[…]）"),
    ({"items": [{"code": 500001}], "applicant": PERSON}, "items[0].code", "应为文本（字符串）"),
    ({"items": [{"code": "500001"}], "applicant": [1]}, "applicant", "应为对象（{…}）"),
    ({"items": [{"code": "500001"}], "applicant": PERSON, "received_at": "yesterday", "channel": "mail"},
     "received_at", "应为日期时间，如 2026-11-23T10:00:00"),
    ({"items": [{"code": "500001"}], "applicant": PERSON,
      "materials": {"application": {"status": "copy", "copies": -1}}}, "materials.application.copies", "不能小于 0"),
    ({"items": [{"code": "500001"}], "applicant": PERSON, "materials": {"application": "originall"}},
     "materials.application", "取值无效（可选："),
])
def test_type_errors_in_chinese_with_the_field_path(data, field, message):
    errs = errors_of(data)
    assert field in errs, errs
    assert errs[field].startswith(message)


def test_every_rule_has_a_chinese_label():
    assert all(r.label and r.max_length > 0 for r in RULES.values())


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\u061c", "\u180e",
                                  "\u00ad", "\ufeff"])
def test_invisible_characters_are_removed_so_the_record_is_what_the_paper_shows(mark):
    """"李\u200b四" prints as 李四; kept, it would not be found by a search for 李四."""
    assert check_text("name", f"李{mark}四") == "李四"
    assert check_text("address", f"{mark}上海市{mark}") == "上海市"
    assert check_text("reason", f"第一行{mark}\n第二行") == "第一行\n第二行"


@pytest.mark.parametrize("mark, code", [("\U000e0041", "U+E0041"), ("\U000e0001", "U+E0001"), ("\ufff9", "U+FFF9"),
                                        ("\u206a", "U+206A"), ("\u0600", "U+0600"), ("\U0001d173", "U+1D173")])
def test_other_invisible_format_characters_are_refused_with_their_code(mark, code):
    """Tag characters, annotation marks…: nothing a name or an address is written with, and invisible
    on paper. One rule for every field the window takes (intake, case actions, staff, enquiries)."""
    for kind in ("name", "address", "note"):
        with pytest.raises(TextError, match=re.escape(f"含有不允许的不可见字符 {code}")):
            check_text(kind, f"李{mark}四")
    assert "不可见字符" in errors_of(request(name=f"李{mark}四"))["applicant.name"]


def test_the_centre_does_not_refuse_what_an_older_window_let_through():
    """A change queued by an earlier version (which took these characters) is not rejected after the
    centre's upgrade: ``stored`` values keep the rules they were typed under."""
    assert check_text("name", "李\U000e0041四", stored=True) == "李\U000e0041四"
    with pytest.raises(TextError):
        check_text("name", "李\x00四", stored=True)  # control characters were never let through


def test_a_name_of_only_invisible_characters_is_no_name():
    """It printed as a blank 申请人 on the voucher; now it is refused like a name of spaces."""
    assert "applicant.name" in errors_of(request(name="\u200b"))
    assert errors_of(request(name="\u200b")) == errors_of(request(name="   "))


def test_decomposed_letters_are_composed_so_the_paper_has_a_glyph_for_them():
    assert check_text("name", "Zoe\u0308 Li") == "Zo\u00eb Li"
    assert check_text("name", "王\U00020000") == "王\U00020000"  # CJK beyond the BMP is left as it is
