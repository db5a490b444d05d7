"""Where text lands on each page (pypdf text positions), for the layout-rule tests."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdf

from clerk_app.documents.styles import FOOTER_H, HEADER_H, PAGE_H


@dataclass(frozen=True)
class Chunk:
    page: int  # 1-based
    y: float  # baseline, points from the bottom edge
    text: str

    @property
    def in_body(self) -> bool:
        """Inside the frame, not the page header or footer."""
        return FOOTER_H - 1 < self.y < PAGE_H - HEADER_H + 1


def chunks(data: bytes) -> list[Chunk]:
    out: list[Chunk] = []
    for n, page in enumerate(pypdf.PdfReader(io.BytesIO(data)).pages, 1):
        def visit(text, cm, tm, _font, _size, n=n):
            if text.strip():
                out.append(Chunk(n, tm[5] * cm[3] + cm[5], text.strip()))
        page.extract_text(visitor_text=visit)
    return out


def body(data: bytes) -> list[Chunk]:
    return [c for c in chunks(data) if c.in_body]
