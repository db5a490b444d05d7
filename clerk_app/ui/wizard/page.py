"""What every wizard page does: read the draft, write it back, show the step's errors."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from clerk_app.domain.people import Clerk
from clerk_app.intake.flow import FieldError, IntakeFlow, Step
from clerk_app.services.context import AppContext
from clerk_app.ui.widgets import ErrorPanel


class WizardPage(QWidget):
    """A page hosts one :class:`Step`. ``enter`` fills widgets from ``flow.draft``;
    ``leave`` writes them back (the flow keeps its own invariants, e.g. a new answer
    clears the recorded materials)."""

    step: Step

    def __init__(self, ctx: AppContext, clerk: Clerk, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.clerk = clerk
        self.flow: IntakeFlow | None = None
        self.errors = ErrorPanel(self)
        self.body = QVBoxLayout()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.body, 1)
        outer.addWidget(self.errors)

    def enter(self, flow: IntakeFlow) -> None:
        self.flow = flow
        self.errors.show_messages([])

    def leave(self, flow: IntakeFlow) -> None:
        """Write widget state into the draft (most pages write as the clerk edits)."""

    def skip(self, flow: IntakeFlow) -> bool:
        """True when there is nothing to ask on this page for this draft."""
        return False

    def check(self, flow: IntakeFlow) -> list[FieldError]:
        return flow.errors(self.step, self.ctx.clock())

    def show_errors(self, errors: list[FieldError]) -> None:
        self.errors.show_messages(e.message for e in errors)

    def focus_first(self) -> None:
        self.focusNextChild()

    def last_in_tab_order(self) -> QWidget | None:
        """The page's last focusable widget, so Tab goes from it to the wizard's buttons."""
        return None
