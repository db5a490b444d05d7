"""The real reader code, through pyserial, against a simulated reader on a pseudo-terminal."""

from __future__ import annotations

import os

import pytest

from clerk_app.devices import reader as rd
from clerk_app.devices import sam_protocol as sp
from clerk_app.devices.card_text import CardKind

from .idcard_sim import FOREIGN_PERMANENT, HMT_RESIDENCE, RESIDENT


@pytest.mark.parametrize("card", [RESIDENT, HMT_RESIDENCE, FOREIGN_PERMANENT], ids=lambda c: c.kind.value)
def test_each_card_kind_is_read_through_the_serial_port(sim, card):
    s = sim(card)
    assert rd.read_card_text(s.port) == card
    assert s.commands == [sp.SAM_STATUS, sp.FIND_CARD, sp.SELECT_CARD, sp.READ_TEXT_PHOTO]


def test_the_reader_is_found_among_the_ports_at_a_slower_speed(sim):
    s = sim(HMT_RESIDENCE, baud=9600)
    with rd.open_reader(candidates=["/dev/no-such-port", s.port]) as r:
        assert (r.name, r.baudrate) == (s.port, 9600)
        assert r.read_card().kind is CardKind.HMT_RESIDENCE


def test_no_reader_anywhere(sim):
    quiet = sim(mode="silent")
    with pytest.raises(rd.NoReader, match="未检测到身份证阅读器"):
        rd.open_reader(candidates=[quiet.port, "/dev/no-such-port"])
    with pytest.raises(rd.NoReader, match="/dev/no-such-port"):
        rd.read_card_text("/dev/no-such-port")


def test_a_port_that_is_not_a_terminal_is_no_reader(tmp_path):
    f = tmp_path / "ttyFAKE"
    f.write_bytes(b"")
    with pytest.raises(rd.NoReader):
        rd.read_card_text(str(f))


def test_no_card_on_the_reader(sim):
    s = sim(mode="no_card")
    with pytest.raises(rd.NoCard, match="没有证件"):
        rd.read_card_text(s.port)
    assert s.commands.count(sp.FIND_CARD) == rd.FIND_ATTEMPTS
    assert sp.READ_TEXT_PHOTO not in s.commands


def test_a_card_lifted_half_way_through_the_read(sim, monkeypatch):
    monkeypatch.setattr(rd, "READ_TIMEOUT", 0.5)
    s = sim(mode="pulled")
    with pytest.raises(rd.CardRemoved, match="证件被移开"):
        rd.read_card_text(s.port)


def test_the_module_reporting_a_failed_read(sim):
    s = sim(mode="pulled_status")
    with pytest.raises(rd.CardRemoved, match="证件被移开"):
        rd.read_card_text(s.port)


def test_one_garbled_answer_is_asked_again(sim):
    s = sim(mode="bad_checksum_once")
    assert rd.read_card_text(s.port) == RESIDENT
    assert s.commands.count(sp.READ_TEXT_PHOTO) == 2


def test_a_line_that_garbles_every_answer(sim):
    s = sim(mode="bad_checksum")
    with rd.SamReader(rd._open(s.port, 115200), s.port) as r, pytest.raises(rd.ReaderFault, match="校验错误"):
        r.read_card()


def test_slow_answers_within_the_time_limit_are_fine(sim, monkeypatch):
    monkeypatch.setattr(rd, "COMMAND_TIMEOUT", 0.9)
    monkeypatch.setattr(rd, "READ_TIMEOUT", 0.9)
    s = sim(mode="ok")
    with rd.open_reader(s.port) as r:
        s.mode, s.delay = "slow", 0.6  # a real reader needs about a second for the read
        assert r.read_card() == RESIDENT


def test_an_answer_that_never_comes_in_time_is_a_timeout(sim, monkeypatch):
    monkeypatch.setattr(rd, "COMMAND_TIMEOUT", 0.3)
    s = sim(mode="ok")
    with rd.open_reader(s.port) as r:
        s.mode, s.delay = "slow", 0.6
        with pytest.raises(rd.ReaderTimeout, match="没有响应"):
            r.read_card()


def test_the_reader_unplugged_between_commands(sim):
    s = sim()
    with rd.open_reader(s.port) as r:
        r.port.close()  # what pyserial is left with when the USB device disappears
        with pytest.raises(rd.ReaderError):
            r.read_card()


@pytest.mark.parametrize(("status", "cls", "message"), [
    (sp.Status.SAM_SELF_TEST_FAILED, rd.ReaderFault, "联系信息技术人员"),
    (sp.Status.SAM_AUTH_FAILED, rd.ReaderFault, "核验证件真伪"),
    (sp.Status.READ_FAILED, rd.CardRemoved, "证件被移开"),
])
def test_status_codes_become_clear_messages(sim, monkeypatch, status, cls, message):
    s = sim()
    real = s.answer
    monkeypatch.setattr(s, "answer", lambda c: sp.encode_response(status) if c == sp.READ_TEXT_PHOTO else real(c))
    with pytest.raises(cls, match=message):
        rd.read_card_text(s.port)


def test_every_failure_message_is_chinese_without_a_traceback(sim, monkeypatch):
    monkeypatch.setattr(rd, "READ_TIMEOUT", 0.5)
    for mode in ("no_card", "pulled", "pulled_status", "bad_checksum"):
        s = sim(mode=mode)
        with pytest.raises(rd.ReaderError) as exc, rd.SamReader(rd._open(s.port, 115200), s.port) as r:
            r.read_card()
        text = str(exc.value)
        assert text and "Traceback" not in text and any("\u4e00" <= ch <= "\u9fff" for ch in text), (mode, text)
    assert os.path.exists(s.port)


def test_the_reader_found_last_time_is_tried_first(sim, monkeypatch):
    monkeypatch.setattr(rd, "_last_found", None)
    a, b = sim(mode="silent"), sim(RESIDENT, baud=19200)
    with rd.open_reader(candidates=[a.port, b.port]) as r:
        assert r.baudrate == 19200
    a.commands.clear()
    with rd.open_reader(candidates=[a.port, b.port]) as r:
        assert r.read_card() == RESIDENT
    assert a.commands == []  # the silent port was not probed again
    b.close()
    with pytest.raises(rd.NoReader):  # unplugged: searched again, then given up
        rd.open_reader(candidates=[a.port, b.port])
    assert rd._last_found is None
