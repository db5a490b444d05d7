"""The global search box: item name, code or pinyin initials; a scanned case/notice number + Enter.

A barcode scanner is a keyboard that types the number and presses Enter, so a number
never opens a popup: Enter opens the case (or notice) straight away.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from clerk_app.services.search import NUMBER, Hit, SearchIndex

_HIT = Qt.ItemDataRole.UserRole + 1


class SearchBox(QLineEdit):
    itemChosen = Signal(object)  # Hit of an item or theme
    numberEntered = Signal(str)

    def __init__(self, index: SearchIndex, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("globalSearch")
        self.index = index
        self.setPlaceholderText(self.tr("Search item / pinyin initials / scan a voucher  (Ctrl+F)"))
        self.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setWidget(self)
        self.completer.setMaxVisibleItems(12)
        self.completer.activated[QModelIndex].connect(self._activated)
        self.textEdited.connect(self._update)
        self.returnPressed.connect(self._enter)
        self.hits: list[Hit] = []

    def set_index(self, index: SearchIndex) -> None:
        self.index = index

    def _update(self, text: str) -> None:
        self.hits = self.index.search(text, limit=15)
        self.model.clear()
        if not self.hits or self.hits[0].kind == NUMBER:
            self.completer.popup().hide()
            return
        for h in self.hits:
            it = QStandardItem(f"{h.title}    {h.detail}")
            it.setData(h, _HIT)
            self.model.appendRow(it)
        self.completer.complete()

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(_HIT)
        if hit is not None:
            self._choose(hit)

    def _enter(self) -> None:
        text = self.text()
        hits = self.index.search(text, limit=1)
        if not hits:
            return
        self._choose(hits[0])

    def _choose(self, hit: Hit) -> None:
        self.completer.popup().hide()
        self.clear()
        self.model.clear()
        if hit.kind == NUMBER:
            self.numberEntered.emit(hit.key)
        else:
            self.itemChosen.emit(hit)
