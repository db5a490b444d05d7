"""Printing glue: PDFs from the documents service, shown in Qt's print preview, printed, or saved.

Qt (pyside6-essentials) has no PDF renderer, so pages are rasterised with PDFium (pypdfium2; poppler's
``pdftoppm`` as a fallback) at print resolution and painted onto the printer's pages. Where neither is
available the PDF can still be saved or opened in the system viewer.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QFileDialog, QWidget

from clerk_app.domain.people import Clerk
from clerk_app.services import documents
from clerk_app.services.context import AppContext

log = logging.getLogger(__name__)



class PrintUnavailable(RuntimeError):
    """The document could not be made or printed (the message is for the clerk)."""


def kinds_for(ctx: AppContext, number: str) -> list[str]:
    """The documents a stored case or notice calls for, the voucher first."""
    return documents.applicable_kinds(ctx, number)


def pdf_for(ctx: AppContext, number: str, kind: str, clerk: Clerk | None = None) -> bytes:
    """The document as PDF. With a clerk the print is recorded (a second one is a 补打 reprint);
    without one it is only a preview."""
    try:
        if clerk is None:
            return documents.preview(ctx, number, kind)
        pdf, _reprint = documents.issue(ctx, number, kind, clerk)
        return pdf
    except Exception as exc:
        log.exception("document %s for %s failed", kind, number)
        raise PrintUnavailable(QCoreApplication.translate("printing", "Could not make the %1: %2").replace("%1", documents.KINDS.get(kind, kind))
                               .replace("%2", str(exc))) from exc


def _pdfium():
    try:
        import pypdfium2

        return pypdfium2
    except ImportError:  # pragma: no cover - a dependency; poppler is the fallback
        return None


def can_rasterise() -> bool:
    return _pdfium() is not None or shutil.which("pdftoppm") is not None


def rasterise(pdf: bytes, dpi: int = 200) -> list[QImage]:
    """Each page as an image: PDFium (pypdfium2, bundled on every platform), else poppler's pdftoppm."""
    pdfium = _pdfium()
    if pdfium is not None:
        doc = pdfium.PdfDocument(pdf)
        try:
            pages = []
            for page in doc:
                pil = page.render(scale=dpi / 72).to_pil().convert("RGB")
                data = pil.tobytes("raw", "RGB")
                img = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888).copy()
                pages.append(img)
            return pages
        finally:
            doc.close()
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise PrintUnavailable(QCoreApplication.translate("printing", "This PC cannot print PDFs directly (poppler-utils missing): save as PDF and print that."))
    with tempfile.TemporaryDirectory(prefix="clerk-print-") as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        subprocess.run([exe, "-r", str(dpi), "-png", str(src), str(Path(tmp) / "page")], check=True,
                       capture_output=True, timeout=60)
        return [QImage(str(p)) for p in sorted(Path(tmp).glob("page*.png"))]


def paint_pages(printer: QPrinter, pages: list[QImage]) -> None:
    painter = QPainter(printer)
    try:
        _paint(painter, printer, pages)
    finally:
        painter.end()


def _paint(painter: QPainter, printer: QPrinter, pages: list[QImage]) -> None:
    for i, img in enumerate(pages):
        if i:
            printer.newPage()
        area = painter.viewport()
        size = img.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        painter.setViewport(QRect(area.x(), area.y(), size.width(), size.height()))
        painter.setWindow(img.rect())
        painter.drawImage(0, 0, img)
        painter.setViewport(area)


def preview_dialog(pdf: bytes, parent: QWidget | None = None) -> QPrintPreviewDialog:
    """Qt's print preview of the PDF, opening full size with the page as wide as the window.

    Qt's default (the whole page in a dialog of a few hundred pixels) is unreadable at a
    counter; fitting the width makes the text readable without a key.
    """
    pages = rasterise(pdf)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dlg = QPrintPreviewDialog(printer, parent)
    dlg.printer_ref = printer  # the dialog does not own its printer: it must live as long as the dialog
    dlg.paintRequested.connect(lambda p: paint_pages(p, pages))
    dlg.setWindowState(dlg.windowState() | Qt.WindowState.WindowMaximized)
    fit_width = dlg.findChild(QAction, "fitWidthAction")  # Qt's own button, so its toolbar shows the mode
    if fit_width is not None:
        fit_width.trigger()
    else:  # pragma: no cover - a Qt without the named action
        widget = dlg.findChild(QPrintPreviewWidget)
        if widget is not None:
            widget.fitToWidth()
    return dlg


def preview(pdf: bytes, parent: QWidget | None = None) -> None:
    preview_dialog(pdf, parent).exec()


def print_now(make_pdf: Callable[[], bytes | None], parent: QWidget | None = None) -> bool:
    """Ask for the printer first, then make (and record) the PDF and print it.

    The printer is opened before the PDF is made: one that cannot start (none installed, switched
    off) is said so with nothing recorded, so the paper printed once it works is not marked 补打.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dlg = QPrintDialog(printer, parent)
    if dlg.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    painter = QPainter()
    if not painter.begin(printer):
        log.warning("the printer %r could not start", printer.printerName())
        raise PrintUnavailable(QCoreApplication.translate(
            "printing", "The printer could not start printing (none installed, switched off or offline). "
                        "Nothing was printed or recorded: check the printer and print again."))
    try:
        pdf = make_pdf()
        if pdf is None:
            printer.abort()
            return False
        _paint(painter, printer, rasterise(pdf))
    except BaseException:
        printer.abort()
        raise
    finally:
        painter.end()
    return True


def save_as(make_pdf: Callable[[], bytes | None], suggested: str, parent: QWidget | None = None) -> Path | None:
    """Ask for the file first, then make (and record) the PDF and write it."""
    from clerk_app import paths

    default = str(paths.documents_dir() / suggested)
    name, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("printing", "Save as PDF"), default, "PDF (*.pdf)")
    if not name:
        return None
    path = Path(name)
    part = path.with_name(path.name + ".part")
    try:
        try:
            with part.open("wb") as f:  # the folder takes the file: only then is the PDF made (and recorded)
                pdf = make_pdf()
                if pdf is not None:
                    f.write(pdf)
            if pdf is None:
                return None
            part.replace(path)
            return path
        finally:
            with suppress(OSError):
                part.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("saving %s failed: %s", path, exc)
        raise PrintUnavailable(QCoreApplication.translate(
            "printing", "The PDF could not be saved to %1 (the folder cannot be written, or a file of that name "
                        "is open in another program): please save it elsewhere.").replace("%1", str(path))) from exc


def open_in_viewer(pdf: bytes, suggested: str) -> Path:
    from clerk_app import paths

    path = paths.documents_dir() / suggested
    path.write_bytes(pdf)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path
