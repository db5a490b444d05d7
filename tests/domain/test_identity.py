"""ID numbers and phones: each mistake a clerk makes gets its own Chinese message."""

from __future__ import annotations

import pytest
from stdnum.cn import ric

from clerk_app.domain.identity import (
    IdentityError,
    check_credit_code,
    check_id,
    check_phone,
    check_resident_id,
    mask_id,
)

ID = "11010519491231002X"
USCC = "91350100M000100Y43"


def with_check_digit(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


@pytest.mark.parametrize("text", [ID, "11010519491231002x", " 1101 0519 4912 3100 2X ", "110105\t19491231002X"])
def test_valid_resident_id_is_compacted(text):
    assert check_resident_id(text) == ID


@pytest.mark.parametrize(("text", "message"), [
    ("", "请填写身份证号码"),
    ("   ", "请填写身份证号码"),
    ("110105194912310021", "身份证号码校验位不正确，请核对最后一位"),
    ("1101051949123100", "身份证号码应为18位，当前为16位"),
    ("11010519491231002X1", "身份证号码应为18位，当前为19位"),
    ("11010519491231002Y", "身份证号码只能由数字组成，最后一位可以是 X"),
    ("1101051949123I002X", "身份证号码只能由数字组成，最后一位可以是 X"),
    (with_check_digit("11010519491331002"), "身份证号码中的出生日期或地区码无效"),  # month 13
    (with_check_digit("11010519490229002"), "身份证号码中的出生日期或地区码无效"),  # no 29 Feb in 1949
    (with_check_digit("99999919491231002"), "身份证号码中的出生日期或地区码无效"),  # no such region
])
def test_bad_resident_ids(text, message):
    with pytest.raises(IdentityError) as info:
        check_resident_id(text)
    assert str(info.value) == message


@pytest.mark.parametrize("text", [USCC, "91350100m000100y43", "9135 0100 M000 100Y 43"])
def test_valid_credit_code(text):
    assert check_credit_code(text) == USCC


@pytest.mark.parametrize(("text", "message"), [
    ("", "请填写统一社会信用代码"),
    ("91350100M000100Y44", "统一社会信用代码校验位不正确，请核对最后一位"),
    ("91350100M000100Y4", "统一社会信用代码应为18位，当前为17位"),
    ("91350100M000100YI3", "统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）"),
    ("!1350100M000100Y43", "统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）"),
])
def test_bad_credit_codes(text, message):
    with pytest.raises(IdentityError) as info:
        check_credit_code(text)
    assert str(info.value) == message


def test_check_id_picks_the_rule_by_applicant_kind():
    assert check_id("person", ID) == ID
    assert check_id("company", USCC) == USCC
    with pytest.raises(IdentityError, match="统一社会信用代码"):
        check_id("company", ID)
    with pytest.raises(IdentityError, match="身份证号码"):
        check_id("person", USCC)


@pytest.mark.parametrize(("text", "normal"), [
    ("13812345678", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
    ("19912345678", "19912345678"),
    ("021-12345678", "021-12345678"),
    ("02112345678", "02112345678"),
    ("0571-8765432", "0571-8765432"),
    # what people write on forms besides the two plain shapes
    ("021-52564588-801", "021-52564588-801"),  # 分机
    ("021-52564588转801", "021-52564588-801"),
    ("(021)52564588", "021-52564588"),
    ("（021）52564588-801", "021-52564588-801"),
    ("138-1234-5678", "13812345678"),
    ("013812345678", "13812345678"),  # a mobile dialled with the long-distance 0
    ("0086 138 1234 5678", "13812345678"),
    ("400-123-4567", "400-123-4567"),
    ("+852 9123 4567", "+85291234567"),  # 港澳台 and foreign applicants
    ("00852 91234567", "+85291234567"),
    ("+1-202-555-0123", "+1-202-555-0123"),
    ("１３８１２３４５６７８", "13812345678"),  # full-width, as an input method types it
    ("０２１－５２５６４５８８", "021-52564588"),
])
def test_valid_phones(text, normal):
    assert check_phone(text) == normal


@pytest.mark.parametrize(("text", "message"), [
    ("", "请填写联系电话"),
    ("12345678901", "手机号码应为以1开头的11位数字"),
    ("1381234567", "手机号码应为以1开头的11位数字"),
    ("138123456789", "手机号码应为以1开头的11位数字"),
    ("abc", "联系电话格式不正确（手机11位，或固定电话如 021-12345678，分机写在后面如 021-12345678-801）"),
    ("21-12345678", "联系电话格式不正确（手机11位，或固定电话如 021-12345678，分机写在后面如 021-12345678-801）"),
    ("021-52564588-1234567", "联系电话格式不正确（手机11位，或固定电话如 021-12345678，分机写在后面如 021-12345678-801）"),
    ("+852", "境外电话应为“+国家或地区代码 号码”，如 +852 91234567"),
    ("+86 123", "手机号码应为以1开头的11位数字"),
])
def test_bad_phones(text, message):
    with pytest.raises(IdentityError) as info:
        check_phone(text)
    assert str(info.value) == message


@pytest.mark.parametrize(("text", "masked"), [
    (ID, "110105********002X"),
    (" 1101 0519491231002x", "110105********002X"),
    (USCC, "913501********0Y43"),
    ("1234", "****"),
    ("", ""),
])
def test_mask_id_keeps_region_and_last_four_only(text, masked):
    assert mask_id(text) == masked
    if len(masked) == 18:
        assert "19491231" not in mask_id(text)  # the birth date never shows


def _uscc(head17: str) -> str:
    from stdnum.cn import uscc
    return head17 + uscc.calc_check_digit(head17)


@pytest.mark.parametrize("code", [
    _uscc("N2330122MF1234567"),  # 农业: 村级集体经济组织
    _uscc("Y1310000MJ1234567"),  # 其他登记管理部门
    _uscc("A1100000MA0012345"),  # 中央军委改革和编制办公室
    _uscc("53100000500021676"),  # 民政: 社会团体
])
def test_credit_codes_of_every_registration_department_are_valid(code):
    """GB 32100-2015: the first character is the registration department (1–9, A, N, Y), not
    always a digit; python-stdnum's own format check refuses the letters."""
    assert check_credit_code(code) == code


@pytest.mark.parametrize("code", ["000000000000000000", _uscc("01350100M000100Y4"), _uscc("90350100M000100Y4"),
                                  _uscc("B1350100M000100Y4"), _uscc("9A350100M000100Y4")])
def test_a_credit_code_with_no_real_department_or_type_is_refused(code):
    with pytest.raises(IdentityError, match="前8位格式不正确"):
        check_credit_code(code)


def test_full_width_input_is_read_as_the_characters_it_stands_for():
    """A Chinese input method in full-width mode types ``１１０…`` and ``Ｘ``."""
    full = str.maketrans("0123456789X-", "０１２３４５６７８９Ｘ－")
    assert check_resident_id(ID.translate(full)) == ID
    assert check_resident_id(" ".join(["110105", "19800101", "0032"]).translate(full)) == "110105198001010032"
    assert check_credit_code(USCC.translate(str.maketrans("0123456789MY", "０１２３４５６７８９ＭＹ"))) == USCC
    assert check_phone("13812345678".translate(full)) == "13812345678"
    assert check_phone("021-52564588".translate(full)) == "021-52564588"


def test_digits_of_other_scripts_are_a_format_error_not_a_check_digit_error():
    arabic = ID.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    with pytest.raises(IdentityError, match="只能由数字组成"):
        check_resident_id(arabic)


def test_a_first_generation_15_digit_id_is_named_as_such():
    """Not a typo to correct: the card itself stopped being valid in 2013."""
    with pytest.raises(IdentityError, match="第一代居民身份证号码，该证已于2013年1月1日停止使用"):
        check_resident_id("110105491231002")
