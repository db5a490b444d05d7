"""窗口工作报表 in the main window: a period, tables per clerk, two bar charts, exports.

The numbers, tables and chart series come from ``services.report``; the exports from
``services.report_export``. The charts are drawn by ``ui.bar_chart`` (QPainter).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app import paths
from clerk_app.services import report as report_service
from clerk_app.services import report_export
from clerk_app.services.context import AppContext
from clerk_app.ui.bar_chart import BarChart
from clerk_app.ui.widgets import heading


def _table(name: str) -> QTableWidget:
    t = QTableWidget()
    t.setObjectName(name)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().setVisible(False)
    t.setAlternatingRowColors(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(False)  # numbers stay beside their names
    return t


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class ReportView(QWidget):
    back = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reportView")
        self.ctx = ctx
        self.report: report_service.Report | None = None
        today = ctx.clock().date()
        self.start = QDateEdit(_qdate(today))
        self.start.setObjectName("reportFrom")
        self.end = QDateEdit(_qdate(today))
        self.end.setObjectName("reportTo")
        for d in (self.start, self.end):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        show = QPushButton(self.tr("Show"))
        show.setObjectName("reportShow")
        show.clicked.connect(self.refresh)
        self.buttons = {}
        for kind, text in (("csv", self.tr("Export CSV")), ("xlsx", self.tr("Export Excel")), ("pdf", self.tr("PDF"))):
            b = QPushButton(text)
            b.setObjectName(f"reportExport_{kind}")
            b.clicked.connect(lambda _c=False, k=kind: self.export(k))
            self.buttons[kind] = b
        close = QPushButton(self.tr("Back (Esc)"))
        close.clicked.connect(self.back)
        self.error = QLabel()
        self.error.setObjectName("reportError")
        bar = QHBoxLayout()
        bar.addWidget(heading(self.tr("Window report"), 14))
        bar.addWidget(QLabel(self.tr("From")))
        bar.addWidget(self.start)
        bar.addWidget(QLabel(self.tr("to")))
        bar.addWidget(self.end)
        bar.addWidget(show)
        bar.addWidget(self.error, 1)
        for b in self.buttons.values():
            bar.addWidget(b)
        bar.addWidget(close)
        self.counts = _table("reportCounts")
        self.ratings = _table("reportRatings")
        self.late = _table("reportLate")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.tabs.addTab(self.counts, self.tr("Work"))
        self.tabs.addTab(self.ratings, self.tr("Ratings"))
        self.tabs.addTab(self.late, self.tr("Late cases"))
        self.work_chart = BarChart()
        self.work_chart.setObjectName("reportWorkChart")
        self.rating_chart = BarChart()
        self.rating_chart.setObjectName("reportRatingChart")
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.work_chart)
        charts.addWidget(self.rating_chart)
        charts.setSizes([700, 500])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tabs)
        split.addWidget(charts)
        split.setSizes([300, 320])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.addLayout(bar)
        lay.addWidget(split, 1)

    def keyPressEvent(self, ev: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if ev.key() == Qt.Key.Key_Escape:
            self.back.emit()
            return
        super().keyPressEvent(ev)

    def period(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()  # type: ignore[return-value]

    def refresh(self) -> report_service.Report | None:
        start, end = self.period()
        try:
            r = report_service.period_report(self.ctx, start, end)
        except report_service.ReportRefused as exc:
            self.error.setText(str(exc))
            return None
        self.error.setText("")
        self.report = r
        self._fill(self.counts, report_service.COUNT_HEADER, report_service.count_rows(r))
        self._fill(self.ratings, report_service.RATING_HEADER, report_service.rating_rows(r))
        self._fill(self.late, report_service.LATE_HEADER, report_service.late_rows(r))
        work, marks = report_service.charts(r)
        self.work_chart.set_data(work.title, work.categories, work.series)
        self.rating_chart.set_data(marks.title, marks.categories, marks.series)
        return r

    @staticmethod
    def _fill(table: QTableWidget, header: list[str], rows: list[list[object]]) -> None:
        table.clear()
        table.setColumnCount(len(header))
        table.setHorizontalHeaderLabels(header)
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                it = QTableWidgetItem(str(v))
                if c and isinstance(v, int | float):
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, it)

    def export(self, kind: str, path: Path | None = None) -> Path | None:
        """Write the shown report as ``kind``; asks for the file unless ``path`` is given."""
        r = self.report or self.refresh()
        if r is None:
            return None
        if path is None:
            name = f"窗口工作报表_{r.start:%Y%m%d}-{r.end:%Y%m%d}.{kind}"
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export the report"),
                                                    str(paths.documents_dir() / name), f"{kind.upper()} (*.{kind})")
            if not chosen:
                return None
            path = Path(chosen)
        try:
            if kind == "csv":
                report_export.to_csv(r, path)
            elif kind == "xlsx":
                report_export.to_xlsx(r, path)
            else:
                report_export.to_pdf(r, self.ctx.settings, path)
        except report_export.ExportFailed as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))
            return None
        return path
