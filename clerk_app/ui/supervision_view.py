"""督办 (supervision) in the main window: open cases by urgency and the four watch lists.

Everything shown comes from ``services.supervision.supervise``; rows are coloured by the level
the domain decided (red late, yellow near). Double-click or Enter opens a case.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.supervision import Level
from clerk_app.services.context import AppContext
from clerk_app.services.supervision import Dated, Supervision, supervise
from clerk_app.ui.widgets import URGENCY_COLOURS, heading

_KEY = Qt.ItemDataRole.UserRole
LEVEL_COLOURS = {Level.LATE: URGENCY_COLOURS["red"], Level.NEAR: URGENCY_COLOURS["yellow"],
                 Level.OK: URGENCY_COLOURS["green"]}


def _table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.setWordWrap(False)
    h = t.horizontalHeader()
    h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    h.setStretchLastSection(True)
    return t


def _date(d: date | None) -> str:
    return d.isoformat() if d else ""


class SupervisionView(QWidget):
    openCase = Signal(str)
    back = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("supervisionView")
        self.ctx = ctx
        self.data: Supervision | None = None
        self.summary = QLabel()
        self.summary.setObjectName("supervisionSummary")
        refresh = QPushButton(self.tr("Refresh (F5)"))
        refresh.clicked.connect(self.refresh)
        close = QPushButton(self.tr("Back to today's work (Esc)"))
        close.clicked.connect(self.back)
        self.cases = _table([self.tr("Case number"), self.tr("Items"), self.tr("Applicant"), self.tr("Clerk"),
                             self.tr("Status"), self.tr("Due"), self.tr("Working days left")], "supervisionCases")
        self.supplements = _table([self.tr("Case number"), self.tr("Items"), self.tr("Applicant"),
                                   self.tr("Tolerated materials"), self.tr("Supply by"), self.tr("Working days left")],
                                  "supervisionSupplements")
        self.corrections = _table([self.tr("Case number"), self.tr("Items"), self.tr("Applicant"), self.tr("Asked on"),
                                   self.tr("What was asked")], "supervisionCorrections")
        self.uncollected = _table([self.tr("Case number"), self.tr("Items"), self.tr("Applicant"),
                                   self.tr("Ready since"), self.tr("Working days waiting")], "supervisionUncollected")
        self.followups = _table([self.tr("Case number"), self.tr("Rating"), self.tr("Served by"), self.tr("Comment"),
                                 self.tr("Follow up by"), self.tr("Working days left")], "supervisionFollowups")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("supervisionTabs")
        self.tables = (self.cases, self.supplements, self.corrections, self.uncollected, self.followups)
        for t in self.tables:
            self.tabs.addTab(t, "")
            t.itemActivated.connect(lambda it, t=t: self.openCase.emit(t.item(it.row(), 0).data(_KEY)))
            t.installEventFilter(self)
        bar = QHBoxLayout()
        bar.addWidget(heading(self.tr("Supervision"), 14))
        bar.addWidget(self.summary, 1)
        bar.addWidget(refresh)
        bar.addWidget(close)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.addLayout(bar)
        lay.addWidget(self.tabs, 1)

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802 - Qt API
        if ev.type() == QEvent.Type.KeyPress and isinstance(ev, QKeyEvent) and ev.key() == Qt.Key.Key_Escape:
            self.back.emit()
            return True
        return super().eventFilter(obj, ev)

    def keyPressEvent(self, ev: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if ev.key() == Qt.Key.Key_Escape:
            self.back.emit()
            return
        if ev.key() == Qt.Key.Key_F5:
            self.refresh()
            return
        super().keyPressEvent(ev)

    def refresh(self) -> Supervision:
        sv = supervise(self.ctx)
        self.data = sv
        self.summary.setText(self.tr("%1 open · %2 late · %3 due within %4 working days")
                             .replace("%1", str(len(sv.cases))).replace("%2", str(sv.late))
                             .replace("%3", str(sv.near)).replace("%4", str(sv.near_days)))
        self._fill(self.cases, [([c.case_no, c.items, c.applicant, c.clerk, c.status,
                                  _date(c.deadline.due) + ("*" if c.provisional and c.deadline.due else ""),
                                  c.deadline.text], c.deadline) for c in sv.cases])
        self._fill(self.supplements, [([x.case_no, x.items, x.applicant, x.materials, _date(x.deadline.due),
                                        x.deadline.text], x.deadline) for x in sv.supplements])
        self._fill(self.corrections, [([x.case_no, x.items, x.applicant, _date(x.since), x.note], None)
                                      for x in sv.corrections])
        self._fill(self.uncollected, [([x.case_no, x.items, x.applicant, _date(x.ready_since), str(x.waited_days)],
                                       None) for x in sv.uncollected])
        self._fill(self.followups, [([x.case_no, x.rating, x.served_by, x.comment, _date(x.deadline.due),
                                      x.deadline.text], x.deadline) for x in sv.followups])
        names = (self.tr("Open cases (%1)"), self.tr("Tolerated supplements (%1)"), self.tr("Corrections outstanding (%1)"),
                 self.tr("Results not collected (%1)"), self.tr("Bad-rating follow-ups (%1)"))
        counts = (len(sv.cases), len(sv.supplements), len(sv.corrections), len(sv.uncollected), len(sv.followups))
        for i, (name, n) in enumerate(zip(names, counts, strict=True)):
            self.tabs.setTabText(i, name.replace("%1", str(n)))
        return sv

    def _fill(self, table: QTableWidget, rows: list[tuple[list[str], Dated | None]]) -> None:
        table.setRowCount(len(rows))
        for r, (values, dated) in enumerate(rows):
            colour = LEVEL_COLOURS.get(dated.level) if dated and dated.level else None
            for c, v in enumerate(values):
                it = QTableWidgetItem(v)
                if c == 0:
                    it.setData(_KEY, v)
                if colour is not None:
                    it.setBackground(colour)
                table.setItem(r, c, it)
        table.resizeColumnsToContents()
        for c in range(table.columnCount() - 1):  # long item names wrap into a fixed width instead of pushing off
            table.setColumnWidth(c, min(table.columnWidth(c), 300))
