"""Every identity document a counter sees, each with its own check (issue 10)."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.domain.identity import (
    ID_TYPE_LABELS,
    ID_TYPES,
    IdentityError,
    IdType,
    check_id,
    check_id_for_kind,
    check_resident_id,
    icao_check_digit,
    id_notes,
    id_types_for,
    mask_id,
    mod11_2_check_digit,
)
from clerk_app.domain.people import Party


def with_mod11(body17: str) -> str:
    return body17 + mod11_2_check_digit(body17)


# Real people whose county code did not exist in their birth year (python-stdnum refuses them).
@pytest.mark.parametrize("number", ["433101197501011231", "310115198001011238"])
def test_resident_ids_are_not_refused_on_the_county_history(number):
    assert check_resident_id(number) == number
    assert check_id("resident_id", number) == number
    assert id_notes("resident_id", number) == []


def test_unknown_county_is_a_soft_note_only():
    number = with_mod11("71999919900101123")
    assert check_resident_id(number) == number
    assert "不在行政区划代码表中" in id_notes("resident_id", number)[0]


@pytest.mark.parametrize(("body", "message"), [
    ("99999919491231002", "身份证号码中的出生日期或地区码无效"),  # province 99 does not exist
    ("11010518791231002", "身份证号码中的出生日期或地区码无效"),  # before 1880
    ("81000019900101002", "身份证号码栏填的是港澳台居民居住证号码，请将证件类型选为“港澳台居民居住证”"),
    ("93184019850615001", "身份证号码栏填的是外国人永久居留身份证号码，请将证件类型选为“外国人永久居留身份证”"),
    (f"110105{date.today().year + 1}0101002", "身份证号码中的出生日期晚于今天"),
])
def test_resident_id_still_checks_province_and_birth_date(body, message):
    with pytest.raises(IdentityError) as info:
        check_resident_id(with_mod11(body))
    assert str(info.value) == message


# 810000199408230021 and 830000199201300022: the sample numbers the Beijing police published.
@pytest.mark.parametrize("number", ["810000199408230021", "830000199201300022", with_mod11("82000019800101002")])
def test_hmt_residence_permits(number):
    assert check_id("hmt_residence", number) == number


@pytest.mark.parametrize(("number", "part"), [
    ("810000199408230022", "校验位"),
    (with_mod11("11010519491231002"), "810000"),
    (with_mod11("81000019941332002"), "出生日期"),
])
def test_bad_hmt_residence_permits(number, part):
    with pytest.raises(IdentityError, match=part):
        check_id("hmt_residence", number)


def test_foreign_permanent_residence_2023_form():
    number = with_mod11("93184019850615001")  # 上海 issued, nationality 840, born 1985-06-15
    assert number == "931840198506150015"
    assert check_id("foreign_pr", number) == number
    with pytest.raises(IdentityError, match="校验位"):
        check_id("foreign_pr", number[:-1] + "6")
    with pytest.raises(IdentityError, match="以 9 开头"):
        check_id("foreign_pr", with_mod11("13184019850615001"))
    with pytest.raises(IdentityError, match="出生日期"):
        check_id("foreign_pr", with_mod11("93184019851315001"))


def test_foreign_permanent_residence_old_15_character_form():
    assert icao_check_digit("USA31018506151") == "1"
    assert check_id("foreign_pr", "usa 3101 8506 1511") == "USA310185061511"
    with pytest.raises(IdentityError, match="校验位"):
        check_id("foreign_pr", "USA310185061512")
    with pytest.raises(IdentityError, match="3位国籍字母代码"):
        check_id("foreign_pr", "US1310185061511")
    with pytest.raises(IdentityError, match="18位（2023年版）或15位"):
        check_id("foreign_pr", "USA3101850615")


def test_icao_check_digit_matches_the_icao_9303_specimen():
    # ICAO Doc 9303 specimen passport number L898902C3 has check digit 6.
    assert icao_check_digit("L898902C3") == "6"


@pytest.mark.parametrize(("id_type", "good", "bad"), [
    ("hk_mo_permit", ["H12345678", "M1234567801", "h 1234 5678"], ["A12345678", "H1234567", "H123456789"]),
    ("tw_permit", ["12345678", "1234567801"], ["1234567", "123456789", "T1234567"]),
    ("passport", ["E12345678", "EA1234567", "123456789", "X1234567"], ["ABCDEFGH", "E12", "E1234567-8"]),
])
def test_travel_permits_and_passports(id_type, good, bad):
    for g in good:
        assert check_id(id_type, g) == "".join(g.split()).upper()
    for b in bad:
        with pytest.raises(IdentityError):
            check_id(id_type, b)


def test_organisations_without_a_credit_code_use_a_named_exemption():
    assert check_id("org_exempt", "villager_group") == "villager_group"
    assert check_id("org_exempt", "村民小组（未赋码）") == "villager_group"
    with pytest.raises(IdentityError, match="免赋码情形"):
        check_id("org_exempt", "我们没有代码")
    assert not ID_TYPES[IdType.ORG_EXEMPT].unique


def test_the_document_must_fit_the_party_kind():
    with pytest.raises(IdentityError) as info:
        check_id_for_kind("company", "passport", "E12345678")
    assert info.value.field == "id_type"
    assert "护照不是单位的证件" in str(info.value)
    with pytest.raises(IdentityError) as info:
        check_id("visa", "E12345678")
    assert info.value.field == "id_type"
    assert check_id_for_kind("person", "", "11010519491231002X") == "11010519491231002X"


def test_registry_has_chinese_labels_for_every_type():
    assert set(ID_TYPE_LABELS) == {t.value for t in IdType}
    assert ID_TYPE_LABELS["hmt_residence"] == "港澳台居民居住证"
    assert [d.id for d in id_types_for("company")] == [IdType.USCC, IdType.ORG_EXEMPT]


def test_party_without_id_type_derives_it_from_kind():
    old = {"kind": "company", "name": "某公司", "id_number": "91350100M000100Y43", "phone": "13800138000",
           "address": "", "contact": ""}
    p = Party.from_dict(old)
    assert p is not None and p.id_type == "uscc"
    assert Party("person", "张三", "11010519491231002X").id_type == "resident_id"
    hk = Party("person", "陈大文", "810000199408230021", id_type="hmt_residence")
    assert Party.from_dict(hk.to_dict()) == hk
    assert hk.id_type_label == "港澳台居民居住证" and not hk.is_mainland_resident


@pytest.mark.parametrize(("number", "masked"), [
    ("E12345678", "E1*****78"),  # a passport: never shown whole
    ("H1234567801", "H1*******01"),
    ("USA310185061511", "USA310*****1511"),
    ("810000199408230021", "810000********0021"),
])
def test_short_document_numbers_are_masked_too(number, masked):
    assert mask_id(number) == masked
