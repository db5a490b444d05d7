"""Case and notice numbers: unique by construction, ASCII, short, readable when scanned or typed."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.domain import numbers

WINDOW = "31010701003"
DAY = date(2026, 11, 23)


def test_layout():
    no = numbers.make("S", WINDOW, DAY, 1)
    assert no == "S310107010032611230001"
    assert len(no) == 22 and no.isascii() and no.isalnum()
    assert numbers.pretty(no) == "S 310107 01 003 261123 0001"


windows = st.from_regex(r"\A[0-9]{11}\Z", fullmatch=True)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
seqs = st.integers(min_value=1, max_value=9999)
prefixes = st.sampled_from(sorted(numbers.PREFIXES))


@given(prefixes, windows, days, seqs)
def test_round_trip_through_text_pretty_and_scanner_noise(prefix, window, day, seq):
    no = numbers.make(prefix, window, day, seq)
    assert len(no) <= 24 and no.isascii()
    expected = numbers.Number(prefix, window, day, seq)
    assert numbers.parse(no) == expected
    assert numbers.parse(numbers.pretty(no)) == expected
    noisy = " " + "-".join(numbers.pretty(no).split(" ")).lower() + "\n"
    assert numbers.parse(noisy) == expected


@given(st.tuples(prefixes, windows, days, seqs), st.tuples(prefixes, windows, days, seqs))
def test_different_window_day_or_sequence_never_share_a_number(a, b):
    if a != b:
        assert numbers.make(*a) != numbers.make(*b)


def test_full_width_typing_is_understood():
    typed = "Ｓ３１０１０７０１００３２６１１２３０００１"  # what a Chinese IME types
    assert numbers.parse(typed) == numbers.Number("S", WINDOW, DAY, 1)


@pytest.mark.parametrize("window", ["３１０１０７０１００３", "0000000000٠"])
def test_non_ascii_digits_never_make_a_number(window):
    """Code128 and the server need ASCII: a window id with full-width or other digits is refused."""
    with pytest.raises(ValueError, match="11 digits"):
        numbers.make("S", window, DAY, 1)


def test_other_scripts_digits_are_not_a_number():
    assert numbers.parse("S0000000000٠2611230001") is None


def test_two_windows_same_day_same_sequence_differ():
    assert numbers.make("S", "31010701003", DAY, 1) != numbers.make("S", "31010701004", DAY, 1)


@pytest.mark.parametrize("text", [
    "", "S31010701003261123000", "X310107010032611230001", "S3101070100326112300012",
    "S310107010032613230001",  # month 13
    "S31010701003261123000A",
])
def test_not_a_number(text):
    assert numbers.parse(text) is None
    assert numbers.pretty(text) == text


@pytest.mark.parametrize(("args", "message"), [
    (("Q", WINDOW, DAY, 1), "prefix"),
    (("S", "3101070100", DAY, 1), "11 digits"),
    (("S", "3101070100A", DAY, 1), "11 digits"),
    (("S", WINDOW, DAY, 0), "sequence"),
    (("S", WINDOW, DAY, 10000), "sequence"),
])
def test_make_refuses_what_would_not_round_trip(args, message):
    with pytest.raises(ValueError, match=message):
        numbers.make(*args)
