"""Step 1: choose the item(s) or a 一件事 theme by typing a name, code or pinyin initials."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.people import Clerk
from clerk_app.intake.flow import IntakeFlow, Step
from clerk_app.services.context import AppContext
from clerk_app.services.search import ITEM, THEME, Hit, SearchIndex
from clerk_app.ui.widgets import heading, hint
from clerk_app.ui.wizard.page import WizardPage

_HIT = Qt.ItemDataRole.UserRole
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _hit_text(h: Hit) -> str:
    return f"{h.title}    {h.detail}" if h.detail else h.title


class ItemsPage(WizardPage):
    step = Step.ITEMS

    def __init__(self, ctx: AppContext, clerk: Clerk, index: SearchIndex, parent: QWidget | None = None):
        super().__init__(ctx, clerk, parent)
        self.index = index

        chan = QHBoxLayout()
        chan.addWidget(QLabel(self.tr("Channel:")))
        self.counter = QRadioButton(self.tr("At the window"))
        self.mail = QRadioButton(self.tr("By letter (mail)"))
        self.counter.setObjectName("channelCounter")
        self.mail.setObjectName("channelMail")
        self.channel = QButtonGroup(self)
        self.channel.addButton(self.counter)
        self.channel.addButton(self.mail)
        self.counter.setChecked(True)
        self.received = QDateTimeEdit()
        self.received.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received.setCalendarPopup(True)
        self.received_label = QLabel(self.tr("Letter received at:"))
        for w in (self.counter, self.mail, self.received_label, self.received):
            chan.addWidget(w)
        chan.addStretch(1)
        self.mail.toggled.connect(self._channel_changed)

        self.query = QLineEdit()
        self.query.setObjectName("itemQuery")
        self.query.setPlaceholderText(self.tr("Item name, code or pinyin initials (e.g. spjy), or a one-thing theme"))
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(self._search)
        self.results = QListWidget()
        self.results.setObjectName("itemResults")
        self.results.itemActivated.connect(self._add_item)
        self.chosen = QListWidget()
        self.chosen.setObjectName("chosenItems")
        self.remove = QPushButton(self.tr("Remove (Del)"))
        self.remove.setAutoDefault(True)  # Enter on it removes, as Space does
        self.remove.clicked.connect(self._remove_current)
        self.theme_label = hint()

        left = QVBoxLayout()
        left.addWidget(heading(self.tr("Find the item"), 12))
        left.addWidget(self.query)
        left.addWidget(self.results, 1)
        left.addWidget(hint(self.tr("Type, then Enter adds the first match (Down arrow to pick another). Enter with an empty box goes on.")))
        right = QVBoxLayout()
        right.addWidget(heading(self.tr("Items of this intake"), 12))
        right.addWidget(self.theme_label)
        right.addWidget(self.chosen, 1)
        right.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignRight)
        cols = QHBoxLayout()
        cols.addLayout(left, 3)
        cols.addLayout(right, 2)
        self.body.addLayout(chan)
        self.body.addLayout(cols, 1)
        for w in (self.query, self.results, self.chosen):
            w.installEventFilter(self)
        self._channel_changed(False)

    # -- draft <-> widgets -------------------------------------------------------------
    def enter(self, flow: IntakeFlow) -> None:
        super().enter(flow)
        d = flow.draft
        self.mail.setChecked(d.channel == "mail")
        self.counter.setChecked(d.channel != "mail")
        when = d.received_at or self.ctx.clock()
        self.received.setDateTime(QDateTime(when.date(), when.time().replace(microsecond=0)))
        self._search(self.query.text())
        self._show_chosen()

    def leave(self, flow: IntakeFlow) -> None:
        mail = self.mail.isChecked()
        when = self.received.dateTime().toPython() if mail else None
        flow.set_channel("mail" if mail else "counter", when if isinstance(when, datetime) else None)

    def focus_first(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    # -- behaviour ---------------------------------------------------------------------
    def _channel_changed(self, mail: bool) -> None:
        self.received.setVisible(mail)
        self.received_label.setVisible(mail)

    def _search(self, text: str) -> None:
        hits = self.index.search(text, limit=50) if text.strip() else self.index.all_hits()
        self.results.clear()
        for h in hits:
            if h.kind not in (ITEM, THEME):
                continue
            it = QListWidgetItem(_hit_text(h))
            it.setData(_HIT, h)
            self.results.addItem(it)
        if self.results.count():
            self.results.setCurrentRow(0)

    def add(self, hit: Hit) -> None:
        """Add an item, or replace the selection by a theme's items."""
        assert self.flow is not None
        if hit.kind == THEME:
            self.flow.choose_theme(hit.key)
        else:
            self.flow.add_item(hit.key)
        self._show_chosen()
        self.errors.show_messages([])

    def _add_item(self, item: QListWidgetItem) -> None:
        self.add(item.data(_HIT))
        self.query.clear()
        self.query.setFocus()

    def _remove_current(self) -> None:
        assert self.flow is not None
        row = self.chosen.currentRow()
        if row < 0:
            return
        code = self.chosen.item(row).data(_HIT)
        self.flow.remove_item(code)
        self._show_chosen()
        self.chosen.setCurrentRow(min(row, self.chosen.count() - 1))

    def _show_chosen(self) -> None:
        assert self.flow is not None
        cat = self.ctx.catalogue
        d = self.flow.draft
        self.chosen.clear()
        for s in d.selections:
            item = cat.items.get(s.code)
            name = item.name if item else s.code
            kind = self.tr("immediate") if item and item.kind.value == "immediate" else self.tr("promised")
            li = QListWidgetItem(f"{name}    {item.department if item else ''} · {kind}")
            li.setData(_HIT, s.code)
            self.chosen.addItem(li)
        theme = cat.themes.get(d.theme_id) if d.theme_id else None
        self.theme_label.setText(self.tr("One-thing theme: %1 (shared materials are received once)").replace(
            "%1", theme.name) if theme else "")
        self.theme_label.setVisible(theme is not None)

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802 - Qt API
        if ev.type() != QEvent.Type.KeyPress or not isinstance(ev, QKeyEvent):
            return False
        key = ev.key()
        if obj is self.query:
            if key in _ENTER and self.query.text().strip():
                cur = self.results.currentItem()
                if cur is not None:
                    self._add_item(cur)
                return True  # Enter with text never leaves the page
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                self.results.setFocus()
                row = self.results.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.results.setCurrentRow(max(0, min(row, self.results.count() - 1)))
                return True
        elif obj is self.results and key in _ENTER:
            cur = self.results.currentItem()
            if cur is not None:
                self._add_item(cur)
            return True
        elif obj is self.chosen and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._remove_current()
            return True
        return False
