"""The page frame of every document: header with barcode, footer with page numbers, build."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate, Paragraph, Spacer
from reportlab.platypus.doctemplate import BaseDocTemplate, LayoutError

from clerk_app.documents import codes, keep
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.fonts import (
    MISSING_NOTE,
    canvas_runs,
    collect_missing,
    draw_runs,
    register_fonts,
    runs_width,
)
from clerk_app.documents.styles import FOOTER_H, FRAME_W, GREY, HEADER_H, MARGIN_X, PAGE_H, PAGE_W, styles
from clerk_app.documents.text import reprint_label
from clerk_app.settings import Settings

BAR_H = 10 * mm
BAR_MAX_W = 110 * mm  # leaves ≥ 58 mm and the 10-module quiet zone for the centre name


@dataclass(frozen=True)
class DocSpec:
    """What a renderer hands to the page builder."""

    title: str
    code: str  # the number printed as Code128 in every page's header
    code_label: str  # e.g. 办件编号
    story: list[Flowable]
    reprint_at: datetime | None = None


def _fit(text: str, size: float, width: float, floor: float = 6.5) -> float:
    """The largest font size ≤ size at which ``text`` (in its fonts) fits ``width``."""
    while size > floor and runs_width(text, size) > width:
        size -= 0.5
    return size


class _Page:
    """Draws header and footer once the page total is known."""

    def __init__(self, spec: DocSpec, settings: Settings) -> None:
        self.spec = spec
        self.settings = settings
        self.font = register_fonts()
        self.pattern = codes.code128_pattern(spec.code)
        self.module = codes.fit_module(self.pattern, BAR_MAX_W)
        for text in (settings.centre.name, settings.window.name, settings.centre.enquiry_phone,
                     settings.centre.supervision_phone):
            canvas_runs(text)  # registers the fonts the header needs; notes characters without one

    def draw(self, c: Canvas, page: int, total: int) -> None:
        font, s = self.font, self.settings
        top = PAGE_H
        right = PAGE_W - MARGIN_X
        bar_w = codes.code128_width(self.pattern, self.module)
        bar_x = right - bar_w
        left_w = bar_x - MARGIN_X - codes.QUIET * self.module - 2 * mm
        c.saveState()
        # left: centre, window, and on later pages the title
        c.setFillColorRGB(0, 0, 0)
        # text that does not fit even at the smallest size is condensed: the bars keep their quiet zone
        draw_runs(c, MARGIN_X, top - 15 * mm, s.centre.name, _fit(s.centre.name, 12, left_w), max_width=left_w)
        window = f"{s.window.name}（窗口编号 {s.window_id}）"
        draw_runs(c, MARGIN_X, top - 20.5 * mm, window, _fit(window, 9, left_w), max_width=left_w)
        if page > 1:
            cont = f"{self.spec.title}（续）"
            draw_runs(c, MARGIN_X, top - 25.5 * mm, cont, _fit(cont, 9, left_w), max_width=left_w)
        # right: the number as Code128 with its text below
        codes.draw_code128(c, self.pattern, bar_x, top - 24 * mm, BAR_H, self.module)
        label = f"{self.spec.code_label}：{self.spec.code}"
        draw_runs(c, right, top - 27.5 * mm, label, _fit(label, 8.5, bar_w + 20 * mm), "right")
        if self.spec.reprint_at:  # above the bars, clear of the centre name on the left
            self._reprint(c, right, top - 11.5 * mm)
        c.setLineWidth(0.8)
        c.line(MARGIN_X, top - 29.5 * mm, right, top - 29.5 * mm)
        # footer: phones left, page number right
        c.setLineWidth(0.4)
        c.line(MARGIN_X, FOOTER_H - 5 * mm, right, FOOTER_H - 5 * mm)
        c.setFillColor(GREY)
        phones = f"咨询电话：{s.centre.enquiry_phone}　监督电话：{s.centre.supervision_phone}"
        draw_runs(c, MARGIN_X, FOOTER_H - 9.5 * mm, phones, _fit(phones, 8.5, FRAME_W * 0.7))
        c.setFont(font, 8.5)
        c.drawRightString(right, FOOTER_H - 9.5 * mm, f"第 {page} 页 / 共 {total} 页")
        c.restoreState()

    def _reprint(self, c: Canvas, x_right: float, y: float) -> None:
        """A boxed 补打 mark ending at ``x_right`` with its baseline at ``y``."""
        text = reprint_label(self.spec.reprint_at)  # type: ignore[arg-type]
        w = stringWidth(text, self.font, 10) + 4 * mm
        c.setLineWidth(1)
        c.rect(x_right - w, y - 1.8 * mm, w, 6 * mm, stroke=1, fill=0)
        c.setFont(self.font, 10)
        c.drawCentredString(x_right - w / 2, y, text)


def _canvas_maker(page: _Page) -> type[Canvas]:
    class PagedCanvas(Canvas):
        """Keeps every page until save() so the header can say 共 N 页."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab API)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for n, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                page.draw(self, n, total)
                super().showPage()
            super().save()

    return PagedCanvas


def build_pdf(spec: DocSpec, settings: Settings, missing: Iterable[str] = ()) -> bytes:
    """Lay the story out on A4 pages and return the PDF bytes.

    ``missing``: characters of the story printed as 〔U+XXXX〕 for lack of a glyph (see
    ``fonts.collect_missing``); the paper then ends with a note saying what those codes mean.
    """
    with collect_missing() as found:
        page = _Page(spec, settings)
    story = keep.bind(spec.story)
    if found or set(missing):
        story += [Spacer(1, 2 * mm), Paragraph(MISSING_NOTE, styles()["small"])]
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=HEADER_H,
        bottomMargin=FOOTER_H,
        title=f"{spec.title} {spec.code}",
        author=settings.centre.name,
        subject=spec.title,
        creator="Window PrintedClerk 综合窗口收件台",
        initialFontName=page.font,  # else every page references a non-embedded Helvetica
        initialFontSize=10.5,
    )
    frame = Frame(MARGIN_X, FOOTER_H, FRAME_W, PAGE_H - HEADER_H - FOOTER_H, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    try:
        doc.build(story, canvasmaker=_canvas_maker(page))
    except LayoutError as exc:
        raise DocumentError(f"{spec.title}排版失败：某一栏内容过长，超过一整页，请精简该栏内容") from exc
    return buf.getvalue()
