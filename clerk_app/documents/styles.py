"""Paragraph styles and page geometry shared by every document."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from clerk_app.documents.fonts import register_fonts

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
HEADER_H = 34 * mm  # from the top edge to the frame (the rule sits at 29.5 mm)
FOOTER_H = 18 * mm  # from the bottom edge to the frame
FRAME_W = PAGE_W - 2 * MARGIN_X

LABEL_BG = colors.HexColor("#EEEEEE")
GRID = colors.HexColor("#333333")
GREY = colors.HexColor("#555555")


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The named styles (font registered on first use)."""
    font = register_fonts()
    base = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16.5, wordWrap="CJK",
                          alignment=TA_JUSTIFY)
    return {
        "body": base,
        "indent": ParagraphStyle("indent", parent=base, firstLineIndent=21),
        "salutation": ParagraphStyle("salutation", parent=base, spaceBefore=4),
        "section": ParagraphStyle("section", parent=base, fontSize=11.5, leading=15, spaceBefore=6,
                                  spaceAfter=3, alignment=TA_LEFT),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12.5, alignment=TA_LEFT),
        "cell_c": ParagraphStyle("cell_c", parent=base, fontSize=9.5, leading=12.5, alignment=TA_CENTER),
        "label": ParagraphStyle("label", parent=base, fontSize=9.5, leading=12.5, alignment=TA_CENTER),
        "head": ParagraphStyle("head", parent=base, fontSize=9.5, leading=12.5, alignment=TA_CENTER),
        "item": ParagraphStyle("item", parent=base, fontSize=9.5, leading=12.5, alignment=TA_LEFT,
                               leftIndent=12, firstLineIndent=-12),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=12, textColor=GREY),
        "small_c": ParagraphStyle("small_c", parent=base, fontSize=8, leading=10, alignment=TA_CENTER),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "sign": ParagraphStyle("sign", parent=base, fontSize=10.5, leading=16, alignment=TA_LEFT),
        "seal": ParagraphStyle("seal", parent=base, fontSize=10.5, leading=17, alignment=TA_RIGHT),
    }
