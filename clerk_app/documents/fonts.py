"""Register the embedded CJK TrueType font once per process."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from clerk_app import paths
from clerk_app.documents.errors import DocumentError

FONT = "WQYMicroHei"
FONT_FILE = "wqy-microhei.ttc"

_lock = threading.Lock()
_done = False

# Chinese punctuation that must not start a line (标点禁则). ReportLab's list lacks the
# full-width comma, colon, semicolon, ! and ? and the closing book-title marks.
_CANNOT_START = "，：；！？》〉”’…％"


def _chinese_line_breaking() -> None:
    """Teach ReportLab's CJK wrapper not to start a line with Chinese closing punctuation."""
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for module in (textsplit, paragraph):  # plain text and multi-fragment paragraphs
        missing = "".join(ch for ch in _CANNOT_START if ch not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing


def register_fonts() -> str:
    """Register the CJK font (embedded as a subset in every PDF); return its name."""
    global _done
    if _done:
        return FONT
    with _lock:
        if _done:
            return FONT
        path = paths.FONTS / FONT_FILE
        if not path.is_file():
            raise DocumentError(f"缺少中文字体文件：{path}，无法生成文书")
        try:
            pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
        except Exception as exc:  # a broken or non-TrueType font file
            raise DocumentError(f"中文字体文件无法使用：{path}（{exc}）") from exc
        # The font has one weight: map <b>/<i> to it so markup never fails.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(FONT, bold, italic, FONT)
        _chinese_line_breaking()
        _done = True
    return FONT
