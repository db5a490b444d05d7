"""The handover summary A reads on returning, before taking the post back from B."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.services.staff_handover import HandoverSummary


def _t(at: datetime | None) -> str:
    return f"{at:%m-%d %H:%M}" if at else ""


class HandoverDialog(QDialog):
    def __init__(self, summary: HandoverSummary, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = summary
        self.setObjectName("handoverDialog")
        self.setWindowTitle(self.tr("Handover summary"))
        self.setModal(True)
        self.resize(1000, 540)

        head = QLabel(summary.headline())
        head.setObjectName("headline")
        head.setWordWrap(True)
        f = head.font()
        f.setBold(True)
        head.setFont(f)
        hint = QLabel(self.tr("Check the cases below before you take the post back; "
                              "the applicants may come back to you."))
        hint.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setObjectName("handoverTree")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([self.tr("Number"), self.tr("Time"), self.tr("Item / action"),
                                   self.tr("Applicant / note"), self.tr("Done by")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self._fill()
        header = self.tree.header()
        header.setStretchLastSection(False)
        for col in (0, 1, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in (2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)

        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("I have read it — take over the post"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("takeOver")
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(hint)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def _group(self, title: str, rows: list[list[str]]) -> None:
        top = QTreeWidgetItem([f"{title}（{len(rows)}）"])
        f = top.font(0)
        f.setBold(True)
        top.setFont(0, f)
        for r in rows:
            child = QTreeWidgetItem(r)
            for col, text in enumerate(r):
                child.setToolTip(col, text)  # long notes are elided in the column
            top.addChild(child)
        self.tree.addTopLevelItem(top)
        top.setExpanded(True)

    def _fill(self) -> None:
        s = self.summary
        now, stood_in = self.tr("now"), self.tr("Stood in")
        self._group(self.tr("Stand-in shifts"), [
            [sh.staff_no, f"{_t(sh.started_at)} – {_t(sh.ended_at) or now}", stood_in, "", sh.name]
            for sh in s.shifts])
        self._group(self.tr("Cases received"), [
            [c["case_no"], _t(c["received_at"]), c["items"], f"{c['applicant']}　{c['status_label']}", c["by"]]
            for c in s.cases])
        self._group(self.tr("One-time notices given"), [
            [n["notice_no"], _t(n["created_at"]), n["items"],
             self.tr("%1 — %2 material(s) to bring").replace("%1", n["applicant"]).replace("%2", str(n["missing"])),
             n["by"]] for n in s.notices])
        self._group(self.tr("Results handed out"), [
            [h["case_no"], _t(h["at"]), h["label"], h["note"], h["by"]] for h in s.handouts])
        if s.other_actions:
            self._group(self.tr("Other actions"), [
                [a["case_no"], _t(a["at"]), a["label"], a["note"], a["by"]] for a in s.other_actions])
