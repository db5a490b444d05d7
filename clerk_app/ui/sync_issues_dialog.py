"""Sync issues (changes the centre refused): list them, resend one after a fix, or set one aside
with a reason. Opened from the status bar; the rules are in ``services.sync_issues``."""

from __future__ import annotations

import getpass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.services import sync_issues
from clerk_app.services.context import AppContext


def issues_button_text(count: int) -> str:
    """The status bar's button: how many refused changes are set aside for the admin."""
    return QCoreApplication.translate("SyncIssuesDialog", "%1 sync issue(s): changes set aside, the rest keep "
                                      "uploading").replace("%1", str(count))


def _actor() -> str:
    try:
        return f"管理员（{getpass.getuser()}）"
    except Exception:  # no user name in this environment
        return "管理员"


class SyncIssuesDialog(QDialog):
    """One row per open issue; Resend / Set aside act on the selected row."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, actor: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor or _actor()
        self.setWindowTitle(self.tr("Sync issues"))
        self.resize(860, 360)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("The centre refused these changes; everything else kept uploading. "
                                     "Fix the cause and resend, or set the change aside with a reason.")))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Number"), self.tr("Status"),
                                              self.tr("Reason")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.table)
        row = QHBoxLayout()
        self.resend_btn = QPushButton(self.tr("Resend"))
        self.aside_btn = QPushButton(self.tr("Set aside…"))
        self.resend_btn.clicked.connect(self.resend)
        self.aside_btn.clicked.connect(self.set_aside)
        row.addWidget(self.resend_btn)
        row.addWidget(self.aside_btn)
        row.addStretch(1)
        lay.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.issues: list[dict] = []
        self.reload()

    def reload(self) -> None:
        self.issues = sync_issues.list_issues(self.ctx)
        self.table.setRowCount(len(self.issues))
        for i, d in enumerate(self.issues):
            way = self.tr("upload") if d["direction"] == "push" else self.tr("download")
            for col, text in enumerate((f"{way} · {d['kind']}", d["subject"], d["status_label"], d["reason"])):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(i, col, item)
        if self.issues:
            self.table.selectRow(0)
        enabled = bool(self.issues)
        self.resend_btn.setEnabled(enabled)
        self.aside_btn.setEnabled(enabled)

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.issues[rows[0].row()] if rows else None

    def resend(self) -> bool:
        d = self.selected()
        if d is None:
            return False
        try:
            sync_issues.resend(self.ctx, d["id"], self.actor)
        except sync_issues.IssueError as exc:
            QMessageBox.warning(self, self.tr("Sync issues"), str(exc))
            return False
        self.reload()
        return True

    def set_aside(self, reason: str | None = None) -> bool:
        d = self.selected()
        if d is None:
            return False
        if not isinstance(reason, str):
            reason, ok = QInputDialog.getText(self, self.tr("Set aside"), self.tr("Reason (kept in the audit log):"))
            if not ok:
                return False
        try:
            sync_issues.set_aside(self.ctx, d["id"], reason, self.actor)
        except sync_issues.IssueError as exc:
            QMessageBox.warning(self, self.tr("Sync issues"), str(exc))
            return False
        self.reload()
        return True


__all__ = ["SyncIssuesDialog", "issues_button_text"]
