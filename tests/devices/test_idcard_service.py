"""``services.idcard.read_card`` and ``clerk device read-card``: applicant fields, expired cards."""

from __future__ import annotations

import dataclasses
import logging
from datetime import date

import pytest

from clerk_app.cli import main
from clerk_app.services import idcard

from .idcard_sim import FOREIGN_PERMANENT, HMT_RESIDENCE, RESIDENT, RESIDENT_EXPIRED


def test_a_resident_card_gives_the_applicant_fields(sim):
    card = idcard.read_card(sim(RESIDENT).port, today=date(2026, 11, 23))
    assert (card.name, card.sex, card.ethnicity, card.birth_date) == ("张三", "男", "汉族", date(1949, 12, 31))
    assert card.address == "北京市朝阳区建国路88号院3号楼1单元101号"
    assert card.id_number == "11010519491231002X"
    assert card.issuing_authority == "北京市公安局朝阳分局"
    assert card.validity == "2015.06.01-长期"
    party = card.party(phone="13800138000")
    assert (party.kind, party.name, party.id_number, party.address, party.phone) == (
        "person", "张三", "11010519491231002X", "北京市朝阳区建国路88号院3号楼1单元101号", "13800138000")


def test_an_expired_card_is_refused_with_its_end_date(sim):
    with pytest.raises(idcard.CardExpired, match="2020年01月01日过期") as exc:
        idcard.read_card(sim(RESIDENT_EXPIRED).port, today=date(2026, 11, 23))
    assert exc.value.card.name == "李四"  # what was read is still there for the record
    assert idcard.read_card(sim(RESIDENT_EXPIRED).port, today=date(2019, 12, 31)).name == "李四"
    assert idcard.read_card(sim(RESIDENT_EXPIRED).port, today=date(2026, 11, 23), allow_expired=True)


def test_the_last_valid_day_is_still_valid(sim):
    last_day = dataclasses.replace(HMT_RESIDENCE, valid_to=date(2026, 11, 23))
    assert idcard.read_card(sim(last_day).port, today=date(2026, 11, 23)).kind.label == "港澳台居民居住证"


def test_foreign_and_hmt_cards_map_too(sim):
    f = idcard.read_card(sim(FOREIGN_PERMANENT).port, today=date(2026, 11, 23))
    assert (f.name, f.english_name, f.nationality, f.issuing_authority) == (
        "约翰·史密斯", "SMITH, JOHN", "USA", "受理机关代码 3101")
    labels = dict(f.fields())
    assert labels["证件类型"] == "外国人永久居留身份证" and "民族" not in labels
    h = idcard.read_card(sim(HMT_RESIDENCE).port, today=date(2026, 11, 23))
    assert dict(h.fields(full_id=True))["通行证号码"] == "H60000001"


def test_the_log_never_holds_the_full_id_number(sim, caplog):
    with caplog.at_level(logging.DEBUG):
        idcard.read_card(sim(RESIDENT).port, today=date(2026, 11, 23))
    assert "11010519491231002X" not in caplog.text
    assert "110105********002X" in caplog.text


def test_the_port_comes_from_the_settings():
    from clerk_app.settings import Settings, set_value

    assert idcard.configured_port(Settings()) is None
    assert idcard.configured_port(set_value(Settings(), "devices.idcard_port", " /dev/ttyUSB0 ")) == "/dev/ttyUSB0"


def run(capsys, *args: str):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_prints_the_card_with_the_id_masked(sim, capsys):
    code, out, err = run(capsys, "device", "read-card", "--port", sim(RESIDENT).port)
    assert code == 0, err
    assert "张三" in out and "汉族" in out and "110105********002X" in out
    assert "11010519491231002X" not in out
    code, out, _ = run(capsys, "device", "read-card", "--port", sim(RESIDENT).port, "--full", "--json")
    assert code == 0 and '"证件号码": "11010519491231002X"' in out


def test_cli_reports_an_expired_card_and_no_reader_without_a_traceback(sim, capsys):
    code, out, err = run(capsys, "device", "read-card", "--port", sim(RESIDENT_EXPIRED).port)
    assert code == 1 and "李四" in out and "过期" in err
    code, out, err = run(capsys, "device", "read-card", "--port", "/dev/no-such-port")
    assert code == 1 and "没有身份证阅读器应答" in err and "Traceback" not in err
    code, out, err = run(capsys, "device", "read-card", "--port", sim(mode="no_card").port)
    assert code == 1 and "没有证件" in err


def test_cli_uses_the_port_in_the_settings(sim, capsys):
    s = sim(FOREIGN_PERMANENT)
    assert run(capsys, "settings", "set", "devices.idcard_port", s.port)[0] == 0
    code, out, err = run(capsys, "device", "read-card")
    assert code == 0, err
    assert "SMITH, JOHN" in out
