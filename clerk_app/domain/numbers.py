"""Case and notice numbers: unique across all windows without asking the server.

Layout (22 ASCII characters, Code128 friendly)::

    S 310107 01 003 261122 0001
    | |      |  |   |      +-- per-window, per-day sequence
    | |      |  |   +--------- receipt day, YYMMDD
    | |      |  +------------- window number
    | |      +---------------- centre code
    | +----------------------- region code (行政区划代码)
    +------------------------- S = case (办件), N = one-time notice (告知书),
                               A = application (申办: one visit, one case per item)

The window id (region + centre + window) makes numbers unique by construction.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

PREFIXES = {"S": "case", "N": "notice", "A": "application"}
_RE = re.compile(r"^([SNA])(\d{11})(\d{6})(\d{4})$", re.ASCII)


@dataclass(frozen=True)
class Number:
    prefix: str
    window_id: str
    day: date
    seq: int

    def __str__(self) -> str:
        return f"{self.prefix}{self.window_id}{self.day:%y%m%d}{self.seq:04d}"


def make(prefix: str, window_id: str, day: date, seq: int) -> str:
    if prefix not in PREFIXES:
        raise ValueError(f"unknown prefix {prefix!r}")
    if not (len(window_id) == 11 and window_id.isascii() and window_id.isdigit()):
        raise ValueError("window id must be 11 digits")
    if not 1 <= seq <= 9999:
        raise ValueError("sequence out of range 1..9999")
    return str(Number(prefix, window_id, day, seq))


def parse(text: str) -> Number | None:
    """Parse a scanned or typed number (spaces, dashes and full-width input accepted); None if not one."""
    t = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", text or "")).upper()
    m = _RE.match(t)
    if not m:
        return None
    yy, mm, dd = int(m.group(3)[:2]), int(m.group(3)[2:4]), int(m.group(3)[4:])
    try:
        day = date(2000 + yy, mm, dd)
    except ValueError:
        return None
    return Number(m.group(1), m.group(2), day, int(m.group(4)))


def pretty(text: str) -> str:
    """Grouped for printing: ``S 310107 01 003 261122 0001``."""
    n = parse(text)
    if not n:
        return text
    return f"{n.prefix} {n.window_id[:6]} {n.window_id[6:8]} {n.window_id[8:]} {n.day:%y%m%d} {n.seq:04d}"
