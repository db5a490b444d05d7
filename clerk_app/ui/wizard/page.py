"""What every wizard page does: show the engine's draft, pass edits to its setters, show the step's errors.

A page holds no rule: which page comes next, whether it is skipped and whether it may
proceed are the engine's (:class:`clerk_app.intake.flow.IntakeFlow`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from clerk_app.domain.people import Clerk
from clerk_app.intake.flow import FieldError, IntakeFlow, Step
from clerk_app.services.context import AppContext
from clerk_app.ui.widgets import ErrorPanel


class WizardPage(QWidget):
    """A page hosts one :class:`Step`. ``enter`` fills widgets from ``flow.draft``;
    ``leave`` passes them to the engine's setters (the engine keeps its own invariants,
    e.g. a new answer clears the recorded materials)."""

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
        """Pass widget state to the engine (most pages do so as the clerk edits)."""

    def show_errors(self, errors: list[FieldError]) -> None:
        self.errors.show_messages(e.message for e in errors)

    def focus_first(self) -> None:
        self.focusNextChild()

    def last_in_tab_order(self) -> QWidget | None:
        """The page's last focusable widget, so Tab goes from it to the wizard's buttons."""
        return None
