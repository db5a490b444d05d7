"""Tracking numbers per courier (快递单号): the table's forms, the S10 check digit, clear refusals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.domain.tracking import (
    COURIERS,
    OTHER,
    TrackingError,
    check_mail_address,
    check_tracking,
    courier_code,
    courier_label,
    s10_check_digit,
)


def s10(prefix: str, serial: str, country: str = "CN") -> str:
    return f"{prefix}{serial}{s10_check_digit(serial)}{country}"


def test_s10_check_digit_matches_the_published_example_and_its_special_cases():
    assert s10_check_digit("47312482") == "9"  # the UPU S10 worked example (S = 200)
    assert s10_check_digit("00000000") == "5"  # S mod 11 = 0 → C = 11 → 5
    # a serial whose C is 10 prints 0
    ten = next(f"{n:08d}" for n in range(10**6) if 11 - sum(int(d) * w for d, w in zip(
        f"{n:08d}", (8, 6, 4, 2, 3, 5, 9, 7), strict=True)) % 11 == 10)
    assert s10_check_digit(ten) == "0"


@pytest.mark.parametrize(("courier", "number", "normalised"), [
    ("ems", "EA473124829CN", "EA473124829CN"),
    ("ems", "ea 4731 2482 9cn", "EA473124829CN"),
    ("ems", "1180223344556", "1180223344556"),
    ("sf", "SF1234567890123", "SF1234567890123"),
    ("sf", "sf 123456789012", "SF123456789012"),
    ("jd", "JDVA01234567890", "JDVA01234567890"),
    ("jd", "JDX012345678901", "JDX012345678901"),
    ("zto", "7312-3456-7890-12", "73123456789012"),
    ("zto", "123456789012", "123456789012"),
    ("yto", "YT1234567890123", "YT1234567890123"),
    ("yunda", "4312345678901", "4312345678901"),
    ("yunda", "431234567890123", "431234567890123"),
    ("sto", "773123456789", "773123456789"),
    ("sto", "7731234567890", "7731234567890"),
    ("other", "ABC123", "ABC123"),
])
def test_numbers_of_each_courier_are_taken_and_normalised(courier, number, normalised):
    assert check_tracking(courier, number) == normalised


@pytest.mark.parametrize(("courier", "number", "message"), [
    ("ems", "EA473124828CN", "EMS 单号校验位不正确"),
    ("ems", "118022334455", "EMS（中国邮政速递）的快递单号应为2位字母+9位数字+2位字母"),
    ("sf", "1234567890123", "顺丰速运的快递单号应为SF加12至13位数字"),
    ("sf", "SF12345678901", "SF加12至13位数字"),
    ("jd", "JD123", "JD加11至16位字母或数字"),
    ("zto", "7312345678901", "12位或14位数字"),
    ("yto", "YT123456789012", "YT加13位数字"),
    ("yunda", "43123456789012", "13位或15位数字"),
    ("sto", "77312345678", "12位、13位或15位数字"),
    ("other", "AB12", "6至30位字母或数字，当前为4位"),
    ("other", "A" * 31, "当前为31位"),
    ("sf", "SF-1234+567890123", "只能由字母和数字组成"),
    ("sf", "  ", "请填写快递单号"),
])
def test_a_number_not_of_its_couriers_form_is_refused_saying_what_the_form_is(courier, number, message):
    with pytest.raises(TrackingError, match=message.replace("(", r"\(").replace("+", r"\+")):
        check_tracking(courier, number)


def test_a_refused_number_of_a_known_courier_points_to_other():
    with pytest.raises(TrackingError, match="请选择“其他快递”"):
        check_tracking("sf", "123")
    with pytest.raises(TrackingError) as err:
        check_tracking("dhl", "123456")
    assert err.value.field == "courier" and "未知的快递公司" in str(err.value)


@given(st.sampled_from("ABCEHLRUV"), st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
       st.text(alphabet="0123456789", min_size=8, max_size=8), st.sampled_from(["CN", "HK", "US"]))
def test_every_s10_number_with_its_check_digit_is_an_ems_number_and_any_other_digit_is_not(a, b, serial, country):
    good = s10(a + b, serial, country)
    assert check_tracking("ems", good) == good
    for wrong in set("0123456789") - {good[10]}:
        with pytest.raises(TrackingError, match="校验位"):
            check_tracking("ems", good[:10] + wrong + good[11:])


@given(st.sampled_from(sorted(COURIERS)), st.text(alphabet="0123456789ABCDEFGHJKSTVXY -", max_size=40))
def test_check_tracking_either_refuses_with_a_message_or_returns_a_number_it_would_take_again(courier, text):
    try:
        v = check_tracking(courier, text)
    except TrackingError as exc:
        assert str(exc)
    else:
        assert v == check_tracking(courier, v) and v.isalnum() and v.isascii()
        assert 6 <= len(v) <= 30 and check_tracking(OTHER, v) == v  # every known form fits "other"


def test_courier_names_and_labels():
    assert courier_code("EMS") == "ems" and courier_code("顺丰") == "sf" and courier_code("sf") == "sf"
    assert courier_code("DHL") is None
    assert courier_label("sf") == "顺丰速运" and courier_label(OTHER, "德邦快递") == "德邦快递"
    assert courier_label(OTHER) == "其他快递"


@pytest.mark.parametrize("address", ["上海市普陀区长寿路1号", "江苏省苏州市吴中区 木渎镇 金山村三组",
                                     "浙江省杭州市西湖区文三路 90 号 501 室"])
def test_a_full_address_is_taken(address):
    assert check_mail_address(address) == address.replace(" ", "")


@pytest.mark.parametrize(("address", "message"), [
    ("", "请填写邮寄地址"), ("长寿路1号", "邮寄地址不完整"), ("上海市普陀区长寿路", "门牌号"),
    ("上海市" + "长" * 200 + "1号", "不能超过200字"),
])
def test_an_incomplete_address_is_refused(address, message):
    with pytest.raises(TrackingError, match=message):
        check_mail_address(address)
