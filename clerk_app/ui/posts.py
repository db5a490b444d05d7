"""Admin view of post coverage under the AB-role rule (same data as ``clerk staff posts``)."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.services.context import AppContext
from clerk_app.services.staff_posts import PostState, post_status

ALERT = QColor("#fde2e1")
OK = QColor("#e6f4ea")


class PostsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("postsDialog")
        self.setWindowTitle(self.tr("Posts and AB-role coverage"))
        self.resize(900, 420)
        self.summary = QLabel()
        self.summary.setObjectName("postsSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("postsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Staff no."), self.tr("Name"), self.tr("Badge"),
                                              self.tr("State"), self.tr("Working the post"),
                                              self.tr("Substitutes (B)")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for col in range(5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox()
        refresh = buttons.addButton(self.tr("Refresh"), QDialogButtonBox.ButtonRole.ActionRole)
        refresh.clicked.connect(self.refresh)
        buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        rows = post_status(self.ctx)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = [r.staff_no, r.name, r.badge, ("⚠ " if r.alert else "") + r.label, r.present,
                     "、".join(r.substitutes) or self.tr("none designated")]
            colour = ALERT if r.alert else (OK if r.state in (PostState.ON_DUTY, PostState.COVERED) else None)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if colour is not None:
                    item.setBackground(QBrush(colour))
                self.table.setItem(i, j, item)
        alerts = sum(r.alert for r in rows)
        self.summary.setText(self.tr("%1 posts; %2 need attention (nobody on the post, or no substitute designated).")
                             .replace("%1", str(len(rows))).replace("%2", str(alerts)))


def show_posts(ctx: AppContext, parent: QWidget | None = None) -> None:
    PostsDialog(ctx, parent).exec()
