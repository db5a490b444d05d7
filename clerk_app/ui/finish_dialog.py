"""After an intake: the number in large type, what was decided, and the voucher printing step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from clerk_app.domain import numbers
from clerk_app.domain.decision import OUTCOME_LABELS, Outcome
from clerk_app.domain.people import Clerk
from clerk_app.domain.ratings import Service
from clerk_app.services.context import AppContext
from clerk_app.services.intake import IntakeResult
from clerk_app.ui.document_buttons import DocumentButtons
from clerk_app.ui.rating_window import RatingPrompt, applicant_screen
from clerk_app.ui.widgets import heading


class FinishDialog(QDialog):
    def __init__(self, ctx: AppContext, clerk: Clerk, result: IntakeResult, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("finishDialog")
        self.result = result
        notice = result.outcome is Outcome.NOTICE
        self.setWindowTitle(self.tr("One-time notice given") if notice else self.tr("Intake saved"))
        self.setMinimumWidth(640)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(OUTCOME_LABELS[result.outcome], 18))
        self.number = QLabel(numbers.pretty(result.number))
        self.number.setObjectName("resultNumber")
        f = QFont("monospace", 22)
        f.setBold(True)
        self.number.setFont(f)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(QLabel(self.tr("Notice number") if notice else self.tr("Case number")))
        lay.addWidget(self.number)
        facts = []
        if len(result.cases) > 1:  # one application (申办), one case per item with its own outcome and date
            facts.append(self.tr("Application number: %1").replace("%1", result.application_no or ""))
            for c in result.cases:
                due = f"，{self.tr('promised by')} {c.due_date}" if c.due_date else ""
                facts.append(f"　{c.number}　{c.item_name}：{OUTCOME_LABELS[c.outcome]}{due}")
        elif result.due_date:
            facts.append(self.tr("Promised completion date: %1").replace("%1", result.due_date))
        if result.supplement_due:
            facts.append(self.tr("Tolerated materials due by: %1").replace("%1", result.supplement_due))
        if result.missing:
            facts.append(self.tr("To bring:") + " " + "、".join(m["name"] for m in result.missing))
        facts += [f"⚠ {w}" for w in result.warnings]
        if facts:
            lab = QLabel("\n".join(facts))
            lab.setWordWrap(True)
            lay.addWidget(lab)
        self.documents = DocumentButtons(ctx, clerk, result.number)
        lay.addWidget(self.documents)
        self.rating: RatingPrompt | None = None
        if not notice:  # 好差评: the applicant rates the intake (on their screen when one is attached)
            self.rating = RatingPrompt(ctx, clerk, result.number, Service.INTAKE, self)
            lay.addWidget(self.rating)
            if applicant_screen() is not None:
                self.rating.ask()
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Done (Esc)"))
        box.rejected.connect(self.accept)
        box.accepted.connect(self.accept)
        lay.addWidget(box)
        if self.documents.first_print is not None:
            self.documents.first_print.setDefault(True)
            self.documents.first_print.setFocus()
