"""Vector Code128 (bars from python-barcode) and QR code flowables."""

from __future__ import annotations

from barcode.codex import Code128
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from clerk_app.documents.errors import DocumentError

# Narrowest bar. 0.34 mm is two pixels of a 150 dpi preview and 2.7 of a 200 dpi office scan;
# narrower bars (0.30–0.32 mm) were measured to fail at 150 dpi, so the bars never shrink: a
# number too long for the room in the header is refused instead.
MODULE = 0.34 * mm
MIN_MODULE = MODULE
QUIET = 10  # quiet zone in modules on each side


def code128_pattern(value: str) -> str:
    """The module pattern ('1' bar, '0' space) of ``value``; Chinese error on bad input."""
    if not value:
        raise DocumentError("编号为空，无法生成条形码")
    if not value.isascii() or not value.isprintable():
        raise DocumentError(f"编号「{value}」含有汉字或不可打印字符，无法生成条形码")
    try:
        return Code128(value).build()[0]
    except Exception as exc:  # python-barcode rejects characters it cannot encode
        raise DocumentError(f"编号「{value}」无法生成条形码（{exc}）") from exc


def code128_width(pattern: str, module: float = MODULE) -> float:
    """Width of the bars (without quiet zone) in points."""
    return len(pattern) * module


def fit_module(pattern: str, max_width: float) -> float:
    """Module width that fits ``max_width`` but never below :data:`MIN_MODULE`."""
    module = min(MODULE, max_width / len(pattern))
    if module < MIN_MODULE:
        raise DocumentError("编号过长，条形码超出纸张可打印宽度，请缩短编号")
    return module


def draw_code128(canvas: Canvas, pattern: str, x: float, y: float, height: float, module: float) -> None:
    """Draw the bars with their bottom-left corner at (x, y), merging runs into rectangles."""
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    i, n = 0, len(pattern)
    while i < n:
        if pattern[i] == "1":
            j = i
            while j < n and pattern[j] == "1":
                j += 1
            canvas.rect(x + i * module, y, (j - i) * module, height, stroke=0, fill=1)
            i = j
        else:
            i += 1
    canvas.restoreState()


def qr_modules(value: str) -> list[list[bool]]:
    """The QR module matrix of ``value`` (error correction M, smallest version)."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.make()
    return [[bool(m) for m in row] for row in qr.modules]


def draw_qr(canvas: Canvas, modules: list[list[bool]], x: float, y: float, size: float,
            border: int = 2) -> None:
    """Draw the QR code in a ``size`` square at (x, y), merging dark runs of a row."""
    n = len(modules)
    box = size / (n + 2 * border)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(modules):
        top = y + size - (r + border + 1) * box
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                canvas.rect(x + (start + border) * box, top, (c - start) * box, box, stroke=0, fill=1)
            else:
                c += 1
    canvas.restoreState()


class QrFlowable(Flowable):
    """A QR code of ``size`` points for a platypus story or table cell."""

    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        self.modules = qr_modules(value)
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        draw_qr(self.canv, self.modules, 0, 0, self.width)
