"""Which shipped font has a glyph for a character, and which characters no font can show.

Shared by the printed papers (``clerk_app.documents`` picks a font per run of text) and the UI
(a name field warns the clerk while typing). No Qt, no ReportLab. Coverage is each font's cmap,
stored as code point ranges in ``resources/fonts/coverage.json`` (made by
``scripts/font_coverage.py``; a few ms to load instead of ~150 ms per large font). A font whose
size differs from the one recorded there is read with fontTools instead, so a swapped font file
is never trusted to a stale record. Either way, coverage is read once per process and only for
the fonts a character needs.
"""

from __future__ import annotations

import bisect
import json
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from clerk_app import paths


@dataclass(frozen=True)
class FontFace:
    """A font file of ``resources/fonts`` in the fallback chain."""

    name: str  # the name ReportLab registers it under
    file: str
    subfont: int = 0


# Order matters: the first face with the glyph wins. WenQuanYi Micro Hei for everyday text,
# HanaMinA for CJK Extension A (and the BMP it covers), HanaMinB for Extension B, and a small
# BabelStone Han subset for the ideographs of Unicode 13 and later that HanaMin lacks (most of
# Extensions G and H: rare characters of personal names; scripts/make_babelstone_subset.py).
PRIMARY = FontFace("WQYMicroHei", "wqy-microhei.ttc", 0)
CHAIN: tuple[FontFace, ...] = (
    PRIMARY,
    FontFace("HanaMinA", "HanaMinA.ttf"),
    FontFace("HanaMinB", "HanaMinB.ttf"),
    FontFace("BabelStoneHanSubset", "BabelStoneHan-Subset.ttf"),
)

_lock = threading.Lock()


class FontFileError(RuntimeError):
    """A shipped font file is missing or unreadable (names the file)."""


def _read_cmap(face: FontFace) -> frozenset[int]:
    from fontTools.ttLib import TTFont, TTLibError

    path = paths.FONTS / face.file
    try:
        font = TTFont(str(path), fontNumber=face.subfont, lazy=True)
        cmap = font.getBestCmap() or {}
        font.close()
    except (OSError, TTLibError, AssertionError) as exc:
        raise FontFileError(f"字体文件无法读取：{path}（{exc}）") from exc
    return frozenset(cmap)


COVERAGE_FILE = "coverage.json"


class Coverage:
    """A set of code points held as sorted, disjoint ranges (membership by bisection)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.starts = [lo for lo, _ in ranges]
        self.ends = [hi for _, hi in ranges]

    @classmethod
    def of(cls, code_points: frozenset[int] | set[int]) -> Coverage:
        return cls(to_ranges(code_points))

    def __contains__(self, cp: int) -> bool:
        i = bisect.bisect_right(self.starts, cp) - 1
        return i >= 0 and cp <= self.ends[i]

    def __len__(self) -> int:
        return sum(hi - lo + 1 for lo, hi in zip(self.starts, self.ends, strict=True))

    def ranges(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends, strict=True))


def to_ranges(code_points: frozenset[int] | set[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for cp in sorted(code_points):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return ranges


@cache
def _recorded() -> dict:
    """The ranges recorded in coverage.json ({} when the file is missing or unreadable)."""
    try:
        return json.loads((paths.FONTS / COVERAGE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


_coverage: dict[str, Coverage] = {}


def _load(face: FontFace) -> Coverage:
    entry = _recorded().get(face.file)
    try:
        size = (paths.FONTS / face.file).stat().st_size
    except OSError as exc:
        raise FontFileError(f"字体文件无法读取：{paths.FONTS / face.file}（{exc}）") from exc
    if isinstance(entry, dict) and entry.get("size") == size and entry.get("subfont", 0) == face.subfont:
        return Coverage([(lo, hi) for lo, hi in entry["ranges"]])
    return Coverage.of(_read_cmap(face))


def coverage(face: FontFace) -> Coverage:
    """The code points ``face`` has glyphs for (read once per process)."""
    cov = _coverage.get(face.name)
    if cov is None:
        with _lock:
            cov = _coverage.get(face.name)
            if cov is None:
                cov = _coverage[face.name] = _load(face)
    return cov


def coverage_record() -> dict:
    """What coverage.json should hold for the shipped fonts, read from their cmaps."""
    record = {}
    for face in CHAIN:
        record[face.file] = {"size": (paths.FONTS / face.file).stat().st_size, "subfont": face.subfont,
                             "ranges": to_ranges(_read_cmap(face))}
    return record


def needs_glyph(ch: str) -> bool:
    """False for characters that print nothing: controls, format characters, variation selectors."""
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cf", "Zl", "Zp", "Zs"):
        return False
    cp = ord(ch)
    return not (0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF)


@cache
def face_for(ch: str) -> FontFace | None:
    """The first face of :data:`CHAIN` with a glyph for ``ch``; None when none has one."""
    cp = ord(ch)
    for face in CHAIN:
        if cp in coverage(face):
            return face
    return None


def _primary_has(ch: str) -> bool:
    return ord(ch) in coverage(PRIMARY)


def runs(text: str) -> Iterator[tuple[FontFace | None, str]]:
    """Split ``text`` into (face, run) by the face that shows each character.

    Spaces and line breaks stay in the current run when its font has them; joiners, format
    characters and variation selectors are left out (ReportLab draws no combinations, and a
    font may show them as boxes). A run whose face is None holds characters no font has.
    """
    current: FontFace | None = PRIMARY
    buf: list[str] = []
    for ch in text:
        face: FontFace | None
        if not needs_glyph(ch):
            if not (ch.isspace() or unicodedata.category(ch) == "Zs"):
                continue  # joiners and selectors: ReportLab cannot apply them, a font may draw a box
            face = current if current is not None and ord(ch) in coverage(current) else PRIMARY
            if buf and current is not None and face != current and ch in "\n\t":
                face = current  # a line break ends the line in whatever font
        elif _primary_has(ch):
            face = PRIMARY
        else:
            face = face_for(ch)
        if face != current and buf:
            yield current, "".join(buf)
            buf = []
        current = face
        buf.append(ch)
    if buf:
        yield current, "".join(buf)


def missing_glyphs(text: str) -> list[str]:
    """The distinct characters of ``text`` that no shipped font can show, in order of appearance."""
    seen: list[str] = []
    for ch in text or "":
        if ch not in seen and not _primary_has(ch) and needs_glyph(ch) and face_for(ch) is None:
            seen.append(ch)
    return seen


def code_point_label(ch: str) -> str:
    """How a character without a glyph is printed: 〔U+2A6D6〕."""
    return f"〔U+{ord(ch):04X}〕"


def missing_glyphs_message(text: str) -> str:
    """A Chinese warning for the clerk naming the characters no font has; '' when all print."""
    missing = missing_glyphs(text)
    if not missing:
        return ""
    labels = "、".join(code_point_label(ch) for ch in missing)
    return (f"以下字符在本机字库中没有字形，打印时将显示为编码{labels}："
            "请核对是否录入有误，或改用规范汉字并在备注中说明")
