"""The 256-byte text block in its three layouts, and the code tables."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from clerk_app.devices.card_text import CARD_TYPE_OFFSET, CardDataError, CardKind, encode_text, parse_text
from clerk_app.devices.codes import ethnicity_name, sex_name

from .idcard_sim import FOREIGN_PERMANENT, HMT_RESIDENCE, RESIDENT


def u(text: str) -> bytes:
    return text.encode("utf-16-le")


def test_resident_fields_sit_at_their_published_offsets():
    block = encode_text(RESIDENT)
    assert len(block) == 256
    assert block[0:4] == u("张三")
    assert block[30:32] == u("1")
    assert block[32:36] == u("01")
    assert block[36:52] == u("19491231")
    assert block[122:158] == u("11010519491231002X")
    assert block[204:208] == u("长期")
    assert block[CARD_TYPE_OFFSET:CARD_TYPE_OFFSET + 2] == u(" ")


def test_a_resident_card_parses():
    card = parse_text(encode_text(RESIDENT))
    assert card == RESIDENT
    assert (card.sex, card.ethnicity, card.valid_to) == ("男", "汉族", None)
    assert not card.expired(date(2099, 1, 1))  # 长期 never ends


def test_a_residence_permit_is_marked_j_and_keeps_its_pass_number():
    block = encode_text(HMT_RESIDENCE)
    assert block[248:250] == u("J")
    assert block[220:238] == u("H60000001")
    card = parse_text(block)
    assert card.kind is CardKind.HMT_RESIDENCE
    assert (card.name, card.id_number, card.pass_number, card.issue_count) == (
        "陈大文", "810000198508080011", "H60000001", "01")
    assert card.ethnicity == ""  # the permit carries no ethnic group


def test_a_foreign_permanent_resident_card_is_marked_i_and_has_its_own_layout():
    block = encode_text(FOREIGN_PERMANENT)
    assert block[248:250] == u("I")
    assert block[0:22] == u("SMITH, JOHN")
    assert block[122:152] == u("USA310075040201")
    assert block[152:158] == u("USA")
    assert block[158:170] == u("约翰·史密斯")
    assert block[220:236] == u("19750402")
    card = parse_text(block)
    assert card == FOREIGN_PERMANENT
    assert card.expired(date(2031, 9, 2)) and not card.expired(date(2031, 9, 1))


def test_padding_with_nuls_reads_like_spaces():
    block = bytearray(encode_text(RESIDENT))
    block[4:30] = bytes(26)
    assert parse_text(bytes(block)).name == "张三"


@pytest.mark.parametrize(("change", "message"), [
    (lambda b: b[:200], "不完整"),
    (lambda b: b[:36] + u("1949133") + b"\x20\x00" + b[52:], "出生日期"),
    (lambda b: b[:204] + u("2020 101") + b[220:], "有效期截止日期"),
    (lambda b: b[:122] + u(" " * 18) + b[158:], "证件号码"),
])
def test_a_damaged_block_is_a_clear_message(change, message):
    with pytest.raises(CardDataError, match=message):
        parse_text(change(encode_text(RESIDENT)))


def test_code_tables():
    assert [sex_name(c) for c in "0129"] == ["未知的性别", "男", "女", "未说明的性别"]
    assert ethnicity_name("01") == "汉族" and ethnicity_name("56") == "基诺族"
    assert ethnicity_name("97") == "其他" and ethnicity_name("98") == "外国血统中国籍人士"
    assert "未知" in ethnicity_name("77")


def test_encode_refuses_a_field_longer_than_its_slot():
    with pytest.raises(ValueError, match="address"):
        encode_text(dataclasses.replace(RESIDENT, address="长" * 36))
