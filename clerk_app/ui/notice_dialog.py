"""A one-time notice: what was missing, reprint, and "start the intake again" pre-filled from it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain import numbers
from clerk_app.domain.identity import mask_id
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import NoticeRecord
from clerk_app.services.context import AppContext
from clerk_app.ui.document_buttons import DocumentButtons
from clerk_app.ui.widgets import heading


class NoticeDialog(QDialog):
    startIntake = Signal(object)  # the NoticeRecord

    def __init__(self, ctx: AppContext, clerk: Clerk, notice: NoticeRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noticeDialog")
        self.notice = notice
        self.setWindowTitle(self.tr("One-time notice %1").replace("%1", notice.notice_no))
        self.resize(820, 560)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(numbers.pretty(notice.notice_no), 15))
        form = QFormLayout()
        a = notice.applicant
        form.addRow(self.tr("Items"), QLabel("、".join(i.name for i in notice.items)))
        form.addRow(self.tr("Applicant"), QLabel(f"{a.name}　{mask_id(a.id_number)}"))
        form.addRow(self.tr("Given at"), QLabel(f"{notice.created_at:%Y-%m-%d %H:%M}"))
        lay.addLayout(form)
        todo = [m for m in notice.materials if m.verdict in ("missing", "nonconforming", "tolerated")]
        box = QGroupBox(self.tr("Missing then"))
        ml = QVBoxLayout(box)
        missing = QLabel("\n".join(f"✗ {m.name}：{m.problem or ''}" for m in todo))
        missing.setObjectName("noticeMissing")
        missing.setWordWrap(True)
        ml.addWidget(missing)
        lay.addWidget(box, 1)
        docs = QGroupBox(self.tr("Reprint"))
        QVBoxLayout(docs).addWidget(DocumentButtons(ctx, clerk, notice.notice_no))
        lay.addWidget(docs)
        row = QHBoxLayout()
        self.start = QPushButton(self.tr("New intake from this notice (Enter)"))
        self.start.setObjectName("startFromNotice")
        followed = notice.followed_by_case
        if followed:
            self.start.setEnabled(False)
            row.addWidget(QLabel(self.tr("Already followed up by case %1").replace("%1", followed)))
        self.start.setDefault(not followed)
        self.start.clicked.connect(self._start)
        close = QPushButton(self.tr("Close (Esc)"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(self.start)
        row.addWidget(close)
        lay.addLayout(row)

    def _start(self) -> None:
        self.accept()
        self.startIntake.emit(self.notice)
