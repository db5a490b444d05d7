"""Chinese line breaking (标点禁则) for every paragraph of the papers.

ReportLab's CJK wrapper hangs at most one closing mark past the margin and knows nothing of
opening marks, so 「。」」 or 「（」 can still start or end a line. :class:`CJKParagraph` breaks
lines itself: no line starts with closing punctuation (。，、：；！？）」』】》…), none ends with
an opening mark (（「『【《…), and a run of Latin letters or digits (a case number, a date) is
not cut when it can move whole to the next line. A line that cannot break by these rules
(a single over-long word) is cut where it overflows. As in ReportLab, one stop or comma may hang
in the margin (行尾点号悬挂) rather than push a character to the next line.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import (
    Paragraph,
    ParaLines,
    _handleBulletWidth,
    cjkU,
    makeCJKParaLine,
)
from reportlab.rl_config import _FUZZ

# GB/T 15834 closing marks and the like: never at the start of a line.
CANNOT_START = set("。，、：；！？）」』】》〉〕〗”’…‥·％‰℃,.:;!?)]}%" "ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
# Stops and commas that may hang past the right margin instead of starting a line.
HANGING = set("，。、：；！？,.")
# Opening marks: never at the end of a line.
CANNOT_END = set("（「『【《〈〔〖“‘([{￥$＄£")


def _is_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _bad(chars: list[str], j: int, words: bool) -> bool:
    """True if a line may not end before ``chars[j]``."""
    return (chars[j] in CANNOT_START or chars[j - 1] in CANNOT_END
            or (words and _is_word(chars[j]) and _is_word(chars[j - 1])))


def break_point(chars: list[str], start: int, k: int) -> int:
    """Where to end the line ``chars[start:k]`` so that no rule is broken.

    ``k`` is the first character that no longer fits. Moves the break back over closing marks
    at the next line's start, opening marks at this line's end, and out of a Latin word; when
    the line has no such point, keeps the punctuation rules only, and failing that cuts at ``k``.
    """
    for words in (True, False):
        j = k
        while j > start + 1 and _bad(chars, j, words):
            j -= 1
        if not _bad(chars, j, words):
            return j
    return k


def cjk_split(frags, max_widths, calc_bounds: bool, encoding: str = "utf8") -> ParaLines:
    """Lines of ``frags`` (ReportLab's fragment list) for the widths ``max_widths``."""
    units = []
    for f in frags:
        text = f.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text:
            units.extend(cjkU(t, f, encoding) for t in text)
        else:
            units.append(cjkU(text, f, encoding))
    chars = [str(u) or "\0" for u in units]
    lines = []
    start = i = 0
    used = 0.0
    max_width = max_widths[0]
    n = len(units)
    while i < n:
        u = units[i]
        w = u.width
        if hasattr(w, "normalizedValue"):
            w._normalizer = max_width
            w = w.normalizedValue(max_width)
        line_break = hasattr(u.frag, "lineBreak")
        if line_break:  # <br/>: the unit ends this line
            i += 1
            used += w
            end = i
        elif used + w > max_width + _FUZZ and i > start:
            if chars[i] in HANGING and (i + 1 >= n or chars[i + 1] not in CANNOT_START):
                end = i + 1  # one stop or comma may hang in the margin (行尾点号悬挂)
            else:
                end = break_point(chars, start, i)
        else:
            used += w
            i += 1
            continue
        width = sum(_width(units[x], max_width) for x in range(start, end))
        lines.append(makeCJKParaLine(units[start:end], max_width, width, max_width - width, line_break,
                                     calc_bounds))
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        start = i = end
        used = 0.0
    if start < n:
        width = sum(_width(units[x], max_width) for x in range(start, n))
        lines.append(makeCJKParaLine(units[start:], max_width, width, max_width - width, False, calc_bounds))
    return ParaLines(kind=1, lines=lines)


def _width(u, max_width: float) -> float:
    w = u.width
    if hasattr(w, "normalizedValue"):
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return w


class CJKParagraph(Paragraph):
    """A Paragraph whose CJK lines follow :func:`break_point`."""

    def breakLinesCJK(self, maxWidths):  # noqa: N802, N803 (ReportLab API)
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]  # noqa: N806
        if self._fits_one_line(maxWidths[0]):  # most table cells: nothing to break, ReportLab's fast path
            return super().breakLinesCJK(maxWidths)
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        if not self.frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName,
                             textColor=style.textColor, lines=[], ascent=style.fontSize,
                             descent=-0.2 * style.fontSize)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return cjk_split(self.frags, maxWidths, auto_leading not in ("", "off"))

    def _fits_one_line(self, width: float) -> bool:
        frags = self.frags
        if len(frags) != 1 or hasattr(frags[0], "cbDefn") or self.bulletText or self.style.endDots:
            return False
        f = frags[0]
        text = getattr(f, "text", None)
        return isinstance(text, str) and stringWidth(text, f.fontName, f.fontSize) <= width
