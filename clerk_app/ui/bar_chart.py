"""A grouped bar chart drawn with QPainter: no chart library in the bundle (see docs/report.md)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ("#1f4e79", "#2e8b57", "#e0a100", "#c0392b", "#7d3c98", "#5d6d7e", "#16a085")


class BarChart(QWidget):
    """``categories`` along the bottom, one bar per series in each, the value above each bar."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = ""
        self.categories: tuple[str, ...] = ()
        self.series: tuple[tuple[str, tuple[int, ...]], ...] = ()
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, title: str, categories: tuple[str, ...], series: tuple[tuple[str, tuple[int, ...]], ...]) -> None:
        self.title, self.categories, self.series = title, categories, series
        self.update()

    def paintEvent(self, _ev: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        line = fm.height()
        w, h = self.width(), self.height()
        p.fillRect(self.rect(), QColor("white"))
        p.setPen(QColor("#222"))
        p.drawText(QRectF(8, 4, w - 16, line), Qt.AlignmentFlag.AlignLeft, self.title)
        # legend on one line under the title
        x = 8.0
        for i, (name, _) in enumerate(self.series):
            p.fillRect(QRectF(x, 8 + line, 12, 12), QColor(PALETTE[i % len(PALETTE)]))
            p.drawText(QRectF(x + 16, 4 + line, fm.horizontalAdvance(name) + 4, line), name)
            x += 16 + fm.horizontalAdvance(name) + 14
        top, bottom, left, right = 12 + 2.2 * line, h - 1.6 * line - 6, 34.0, w - 10.0
        if not self.categories or bottom - top < 20:
            p.drawText(QRectF(0, top, w, bottom - top), Qt.AlignmentFlag.AlignCenter, self.tr("No data"))
            p.end()
            return
        peak = max([1] + [v for _, vals in self.series for v in vals])
        step = max(1, -(-peak // 4))
        scale_top = step * 4
        p.setPen(QPen(QColor("#ccc"), 1))
        for k in range(5):
            y = bottom - (bottom - top) * k / 4
            p.drawLine(int(left), int(y), int(right), int(y))
            p.setPen(QColor("#555"))
            p.drawText(QRectF(0, y - line / 2, left - 4, line), Qt.AlignmentFlag.AlignRight, str(step * k))
            p.setPen(QPen(QColor("#ccc"), 1))
        group = (right - left) / len(self.categories)
        n = max(1, len(self.series))
        bar = max(4.0, min(36.0, (group - 16) / n))
        for c, cat in enumerate(self.categories):
            gx = left + group * c + (group - bar * n) / 2
            for i, (_, vals) in enumerate(self.series):
                v = vals[c] if c < len(vals) else 0
                bh = (bottom - top) * v / scale_top
                rect = QRectF(gx + i * bar, bottom - bh, bar - 2, bh)
                p.fillRect(rect, QColor(PALETTE[i % len(PALETTE)]))
                p.setPen(QColor("#222"))
                p.drawText(QRectF(rect.x() - 6, rect.y() - line, bar + 10, line), Qt.AlignmentFlag.AlignCenter, str(v))
            p.setPen(QColor("#222"))
            label = fm.elidedText(cat, Qt.TextElideMode.ElideRight, int(group) - 4)
            p.drawText(QRectF(left + group * c, bottom + 4, group, line), Qt.AlignmentFlag.AlignCenter, label)
        p.setPen(QPen(QColor("#444"), 1))
        p.drawLine(int(left), int(bottom), int(right), int(bottom))
        p.end()
