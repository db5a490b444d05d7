"""Unfinished intakes of this clerk: resume one or discard it (offered at start)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.people import Clerk
from clerk_app.intake.draft import IntakeDraft
from clerk_app.services import drafts
from clerk_app.services.context import AppContext
from clerk_app.ui.widgets import hint

_ID = Qt.ItemDataRole.UserRole


class DraftsDialog(QDialog):
    """``chosen`` holds the draft to resume after ``exec()`` returns Accepted."""

    def __init__(self, ctx: AppContext, clerk: Clerk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("draftsDialog")
        self.ctx, self.clerk = ctx, clerk
        self.chosen: IntakeDraft | None = None
        self.setWindowTitle(self.tr("Unfinished intakes"))
        self.resize(640, 360)
        self.list = QListWidget()
        self.list.setObjectName("draftList")
        self.list.itemActivated.connect(lambda _i: self._resume())
        self.resume = QPushButton(self.tr("Resume (Enter)"))
        self.resume.setObjectName("resumeDraft")
        self.resume.setDefault(True)
        self.discard = QPushButton(self.tr("Discard (Del)"))
        self.discard.setObjectName("discardDraft")
        self.discard.setAutoDefault(False)
        later = QPushButton(self.tr("Later (Esc)"))
        later.setAutoDefault(False)
        self.resume.clicked.connect(self._resume)
        self.discard.clicked.connect(self._discard)
        later.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(hint(self.tr("These intakes were left unfinished (window closed, power cut…). Nothing was lost: resume or discard them.")))
        lay.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.discard)
        row.addStretch(1)
        row.addWidget(later)
        row.addWidget(self.resume)
        lay.addLayout(row)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for info in drafts.list_drafts(self.ctx, self.clerk.id):
            it = QListWidgetItem(f"{info.updated_at:%m-%d %H:%M}　{info.summary}")
            it.setData(_ID, info.id)
            self.list.addItem(it)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.setFocus()

    def keyPressEvent(self, ev) -> None:  # noqa: N802 - Qt API
        if ev.key() == Qt.Key.Key_Delete:
            self._discard()
            return
        super().keyPressEvent(ev)

    def _current(self) -> str | None:
        it = self.list.currentItem()
        return it.data(_ID) if it else None

    def _resume(self) -> None:
        did = self._current()
        if did is None:
            return
        try:
            self.chosen = drafts.load(self.ctx, did)
        except drafts.DraftUnreadable as exc:
            QMessageBox.warning(self, self.tr("Cannot resume"), str(exc))
            return
        if self.chosen is not None:
            self.accept()
        else:
            self._fill()

    def _discard(self) -> None:
        did = self._current()
        if did is None:
            return
        ok = QMessageBox.question(self, self.tr("Discard"), self.tr("Discard this unfinished intake? This cannot be undone."))
        if ok == QMessageBox.StandardButton.Yes:
            drafts.discard(self.ctx, did, self.clerk)
            self._fill()
            if not self.list.count():
                self.reject()
