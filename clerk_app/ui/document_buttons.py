"""Preview / print / save buttons for each document of a case or notice (voucher first).

Preview renders without recording; printing or saving records the print through the
documents service, which marks a second one as a reprint (补打) and audits it.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QGridLayout, QLabel, QMessageBox, QPushButton, QWidget

from clerk_app.domain.people import Clerk
from clerk_app.services import documents
from clerk_app.services.context import AppContext
from clerk_app.ui import printing
from clerk_app.ui.widgets import hint

log = logging.getLogger(__name__)


class DocumentButtons(QWidget):
    def __init__(self, ctx: AppContext, clerk: Clerk, number: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.clerk = clerk
        self.number = number
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.first_print: QPushButton | None = None
        kinds = printing.kinds_for(ctx, number)
        if not kinds:
            grid.addWidget(hint(self.tr("Printing is not installed yet: please note the number down.")), 0, 0)
            return
        for row, kind in enumerate(kinds):
            grid.addWidget(QLabel(documents.KINDS.get(kind, kind)), row, 0)
            for col, (label, fn) in enumerate(((self.tr("Preview"), self._preview), (self.tr("Print"), self._print),
                                               (self.tr("Save as PDF"), self._save)), 1):
                b = QPushButton(label)
                b.setObjectName(f"doc:{kind}:{col}")
                b.setAutoDefault(False)
                b.clicked.connect(lambda _c=False, k=kind, f=fn: f(k))
                grid.addWidget(b, row, col)
                if col == 2 and self.first_print is None:
                    self.first_print = b
        grid.setColumnStretch(4, 1)

    def _pdf(self, kind: str, record: bool) -> bytes | None:
        try:
            return printing.pdf_for(self.ctx, self.number, kind, self.clerk if record else None)
        except printing.PrintUnavailable as exc:
            QMessageBox.warning(self, self.tr("Cannot print"), str(exc))
            return None

    def _preview(self, kind: str) -> None:
        pdf = self._pdf(kind, record=False)
        if pdf is None:
            return
        try:
            printing.preview(pdf, self)
        except printing.PrintUnavailable:
            printing.open_in_viewer(pdf, f"{self.number}-{kind}.pdf")

    def _print(self, kind: str) -> None:
        if not printing.can_rasterise():
            QMessageBox.warning(self, self.tr("Cannot print"), self.tr("This PC cannot print PDFs directly (poppler-utils missing): save as PDF and print that."))
            return
        try:
            printing.print_now(lambda: self._pdf(kind, record=True), self)
        except printing.PrintUnavailable as exc:
            QMessageBox.warning(self, self.tr("Cannot print"), str(exc))

    def _save(self, kind: str) -> None:
        try:
            printing.save_as(lambda: self._pdf(kind, record=True), f"{self.number}-{kind}.pdf", self)
        except printing.PrintUnavailable as exc:
            QMessageBox.warning(self, self.tr("Cannot print"), str(exc))
