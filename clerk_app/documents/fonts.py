"""The embedded fonts: WenQuanYi Micro Hei for everyday text, rare-character fonts as fallbacks.

ReportLab draws a run of text in one font, so text is split into runs by the font that has each
character (:mod:`clerk_app.glyphs`); a fallback font is registered only when a character first
needs it, and every font is embedded as a subset. A character no shipped font has is never
printed blank: it prints as its code point, 〔U+2A6D6〕, and the paper says what that means.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from clerk_app import glyphs, paths
from clerk_app.documents.errors import DocumentError

FONT = glyphs.PRIMARY.name
FONT_FILE = glyphs.PRIMARY.file
MISSING_NOTE = "注：〔U+XXXX〕处的字符在本机字库中没有字形，按其统一码（Unicode）编码印出，以原始登记信息为准。"

_lock = threading.Lock()
_registered: set[str] = set()
_missing: ContextVar[set[str] | None] = ContextVar("missing_glyphs", default=None)

# Chinese punctuation that must not start a line (标点禁则), for ReportLab's own splitter
# (used where text is drawn outside our paragraphs). See clerk_app.documents.linebreak.
_CANNOT_START = "，：；！？》〉”’…％"


def _chinese_line_breaking() -> None:
    """Teach ReportLab's CJK wrapper not to start a line with Chinese closing punctuation."""
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for module in (textsplit, paragraph):  # plain text and multi-fragment paragraphs
        missing = "".join(ch for ch in _CANNOT_START if ch not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing


_ASTRAL = re.compile(r"^(<[0-9A-F]{2}>) <([0-9A-F]{5,6})>$", re.MULTILINE)


def _utf16_hex(match: re.Match[str]) -> str:
    return f"{match.group(1)} <{chr(int(match.group(2), 16)).encode('utf-16-be').hex().upper()}>"


def _astral_to_unicode() -> None:
    """Write Extension B characters into the PDF's ToUnicode map as UTF-16 (as the PDF spec asks).

    ReportLab 4–5 writes <20BB7> for 𠮷, which readers cannot map back: copy, search and text
    extraction would lose every Extension B character of a name although it prints.
    """
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_clerk_utf16", False):
        return

    def make(fontname: str, subset: list[int]) -> str:
        return _ASTRAL.sub(_utf16_hex, original(fontname, subset))

    make._clerk_utf16 = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make


def _register(face: glyphs.FontFace) -> str:
    if face.name in _registered:
        return face.name
    with _lock:
        if face.name in _registered:
            return face.name
        path = paths.FONTS / face.file
        if not path.is_file():
            raise DocumentError(f"缺少中文字体文件：{path}，无法生成文书")
        try:
            pdfmetrics.registerFont(TTFont(face.name, str(path), subfontIndex=face.subfont))
        except Exception as exc:  # a broken or non-TrueType font file
            raise DocumentError(f"中文字体文件无法使用：{path}（{exc}）") from exc
        # Each font has one weight: map <b>/<i> to it so markup never fails.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(face.name, bold, italic, face.name)
        if face is glyphs.PRIMARY:
            _chinese_line_breaking()
            _astral_to_unicode()
        _registered.add(face.name)
    return face.name


def register_fonts() -> str:
    """Register the everyday CJK font (embedded as a subset in every PDF); return its name."""
    return _register(glyphs.PRIMARY)


def _face_for_run(face: glyphs.FontFace | None) -> str | None:
    try:
        return _register(face) if face is not None else None
    except glyphs.FontFileError as exc:
        raise DocumentError(str(exc)) from exc


def _runs(text: str) -> Iterator[tuple[glyphs.FontFace | None, str]]:
    try:
        yield from glyphs.runs(text)
    except glyphs.FontFileError as exc:
        raise DocumentError(str(exc)) from exc


def _note_missing(run: str) -> None:
    found = _missing.get()
    if found is not None:
        found.update(run)


def markup(text: str) -> str:
    """``text`` escaped for Paragraph markup, rare characters wrapped in their fallback font."""
    if text.isascii():
        return escape(text)
    parts: list[str] = []
    for face, run in _runs(text):
        name = _face_for_run(face)
        if name is None:
            _note_missing(run)
            parts.append(escape("".join(glyphs.code_point_label(ch) for ch in run)))
        elif name == FONT:
            parts.append(escape(run))
        else:
            parts.append(f'<font name="{name}">{escape(run)}</font>')
    return "".join(parts)


def canvas_runs(text: str) -> list[tuple[str, str]]:
    """(font name, text) runs for drawing ``text`` straight on a canvas."""
    if text.isascii():
        return [(register_fonts(), text)]
    out: list[tuple[str, str]] = []
    for face, run in _runs(text):
        name = _face_for_run(face)
        if name is None:
            _note_missing(run)
            out.append((register_fonts(), "".join(glyphs.code_point_label(ch) for ch in run)))
        else:
            out.append((name, run))
    return out


def runs_width(text: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(run, name, size) for name, run in canvas_runs(text))


def draw_runs(canvas, x: float, y: float, text: str, size: float, anchor: str = "left",
              max_width: float | None = None) -> None:
    """Draw ``text`` at (x, y) run by run; ``anchor`` is left, right or centre.

    With ``max_width``, text still wider at ``size`` is condensed horizontally to fit, never cut.
    """
    parts = canvas_runs(text)
    width = sum(pdfmetrics.stringWidth(run, name, size) for name, run in parts)
    scale = min(1.0, max_width / width) if max_width and width > 0 else 1.0
    width *= scale
    if anchor == "right":
        x -= width
    elif anchor == "centre":
        x -= width / 2
    t = canvas.beginText(x, y)
    t.setHorizScale(scale * 100)
    for name, run in parts:
        t.setFont(name, size)
        t.textOut(run)
    canvas.drawText(t)


@contextlib.contextmanager
def collect_missing() -> Iterator[set[str]]:
    """Collect, while active, the characters printed as code points for lack of a glyph."""
    found: set[str] = set()
    token = _missing.set(found)
    try:
        yield found
    finally:
        _missing.reset(token)
