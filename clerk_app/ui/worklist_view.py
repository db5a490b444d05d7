"""Today's work: my cases with a coloured deadline countdown, and the notices given today."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.people import Clerk
from clerk_app.services import worklist
from clerk_app.services.context import AppContext
from clerk_app.services.worklist import FILTER_LABELS, Filter, NoticeRow, WorkRow
from clerk_app.ui.widgets import URGENCY_COLOURS, heading

_KEY = Qt.ItemDataRole.UserRole


def _table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.setAlternatingRowColors(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


class TodayView(QWidget):
    openCase = Signal(str)
    openNotice = Signal(str)
    resumeDrafts = Signal()

    def __init__(self, ctx: AppContext, clerk: Clerk, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.clerk = clerk
        self.rows: list[WorkRow] = []
        self.filter = QComboBox()
        self.filter.setObjectName("workFilter")
        for f in Filter:
            self.filter.addItem(FILTER_LABELS[f], f.value)
        self.text = QLineEdit()
        self.text.setObjectName("workText")
        self.text.setPlaceholderText(self.tr("Filter by number, item, applicant or status"))
        self.refresh_btn = QPushButton(self.tr("Refresh (F5)"))
        self.drafts_btn = QPushButton()
        self.drafts_btn.setObjectName("draftsButton")
        self.drafts_btn.clicked.connect(self.resumeDrafts)
        self.summary = QLabel()
        self.summary.setObjectName("workSummary")

        self.cases = _table([self.tr("Case number"), self.tr("Items"), self.tr("Applicant"), self.tr("Status"),
                             self.tr("Received"), self.tr("Due"), self.tr("Countdown")], "casesTable")
        self.notices = _table([self.tr("Notice number"), self.tr("Items"), self.tr("Applicant"), self.tr("Time"),
                               self.tr("Missing"), self.tr("Followed up by")], "noticesTable")
        self.cases.itemActivated.connect(lambda it: self.openCase.emit(self.cases.item(it.row(), 0).data(_KEY)))
        self.notices.itemActivated.connect(lambda it: self.openNotice.emit(self.notices.item(it.row(), 0).data(_KEY)))
        for t in (self.cases, self.notices):
            t.installEventFilter(self)

        bar = QHBoxLayout()
        bar.addWidget(heading(self.tr("Today's work"), 14))
        bar.addWidget(self.summary)
        bar.addStretch(1)
        bar.addWidget(self.drafts_btn)
        bar.addWidget(QLabel(self.tr("Show")))
        bar.addWidget(self.filter)
        bar.addWidget(self.text, 1)
        bar.addWidget(self.refresh_btn)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(bar)
        tl.addWidget(self.cases, 1)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(heading(self.tr("One-time notices given today"), 12))
        bl.addWidget(self.notices, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(split)

        self.filter.currentIndexChanged.connect(lambda _i: self._fill_cases())
        self.text.textChanged.connect(lambda _t: self._fill_cases())
        self.refresh_btn.clicked.connect(self.refresh)

    def set_clerk(self, clerk: Clerk) -> None:
        self.clerk = clerk
        self.refresh()

    def refresh(self) -> None:
        self.rows = worklist.my_cases(self.ctx, self.clerk.id, also_for=self.clerk.on_behalf_of_id)
        self._fill_cases()
        self._fill_notices(worklist.todays_notices(self.ctx, self.clerk.id))
        from clerk_app.services import drafts

        n = len(drafts.list_drafts(self.ctx, self.clerk.id))
        self.drafts_btn.setText(self.tr("Unfinished intakes: %1").replace("%1", str(n)))
        self.drafts_btn.setVisible(n > 0)

    def shown_rows(self) -> list[WorkRow]:
        return worklist.filter_rows(self.rows, self.filter.currentData(), self.text.text(), self.ctx.clock().date())

    def _fill_cases(self) -> None:
        rows = self.shown_rows()
        t = self.cases
        t.setRowCount(len(rows))
        for i, r in enumerate(rows):
            due = f"{r.due_date:%Y-%m-%d}" + (" *" if r.provisional else "") if r.due_date else ""
            vals = [r.case_no, r.items, r.applicant, r.status_label, f"{r.received_at:%m-%d %H:%M}", due, r.countdown]
            for j, v in enumerate(vals):
                it = QTableWidgetItem(v)
                if j == 0:
                    it.setData(_KEY, r.case_no)
                if j == 6:
                    it.setBackground(URGENCY_COLOURS[r.urgency.value])
                    it.setData(Qt.ItemDataRole.AccessibleTextRole, r.urgency.value)
                t.setItem(i, j, it)
        red = sum(r.urgency.value == "red" for r in self.rows)
        yellow = sum(r.urgency.value == "yellow" for r in self.rows)
        self.summary.setText(self.tr("%1 cases · %2 overdue · %3 due soon").replace("%1", str(len(self.rows)))
                             .replace("%2", str(red)).replace("%3", str(yellow)))

    def _fill_notices(self, rows: list[NoticeRow]) -> None:
        t = self.notices
        t.setRowCount(len(rows))
        for i, n in enumerate(rows):
            vals = [n.notice_no, n.items, n.applicant, f"{n.created_at:%H:%M}", str(n.missing), n.followed_by_case or ""]
            for j, v in enumerate(vals):
                it = QTableWidgetItem(v)
                if j == 0:
                    it.setData(_KEY, n.notice_no)
                t.setItem(i, j, it)

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802 - Qt API
        if ev.type() == QEvent.Type.KeyPress and isinstance(ev, QKeyEvent) \
                and ev.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(obj, QTableWidget):
            row = obj.currentRow()
            if row >= 0:
                key = obj.item(row, 0).data(_KEY)
                (self.openCase if obj is self.cases else self.openNotice).emit(key)
                return True
        return False
