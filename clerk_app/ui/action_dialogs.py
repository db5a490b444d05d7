"""Small forms for the window's actions; the rules and messages come from services.case_actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.case import IllegalTransition
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import CaseRecord
from clerk_app.services import case_actions
from clerk_app.services.case_actions import decide_on_spot, supplement
from clerk_app.services.cases import CaseNotFound
from clerk_app.services.context import AppContext
from clerk_app.ui.results_dialogs import HandOutForm, MailForm
from clerk_app.ui.widgets import ErrorPanel


class _ActionDialog(QDialog):
    def __init__(self, ctx: AppContext, clerk: Clerk, case: CaseRecord, title: str, parent: QWidget | None):
        super().__init__(parent)
        self.ctx, self.clerk, self.case = ctx, clerk, case
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.form = QFormLayout()
        self.errors = ErrorPanel(self)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self._ok)
        box.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.errors)
        lay.addWidget(box)

    def _line(self, name: str, text: str = "") -> QLineEdit:
        w = QLineEdit(text)
        w.setObjectName(name)
        return w

    def _ok(self) -> None:
        try:
            self.apply()
        except (case_actions.ActionRefused, IllegalTransition, CaseNotFound) as exc:
            self.errors.show_messages(str(exc).split("；"))
            return
        self.accept()

    def apply(self) -> None:
        raise NotImplementedError


class SupplementDialog(_ActionDialog):
    """Tick the materials brought later (tolerated ones still outstanding are listed first)."""

    def __init__(self, ctx: AppContext, clerk: Clerk, case: CaseRecord, parent: QWidget | None = None):
        super().__init__(ctx, clerk, case, self.tr("Supplement received"), parent)
        self.checks: dict[str, QCheckBox] = {}
        for key, label in supplement.pending_materials(ctx, case):
            cb = QCheckBox(label)
            cb.setObjectName(f"supplement:{key}")
            self.checks[key] = cb
            self.form.addRow(cb)
        self.note = self._line("supplementNote")
        self.form.addRow(self.tr("Note"), self.note)

    def apply(self) -> None:
        keys = [k for k, cb in self.checks.items() if cb.isChecked()]
        supplement.record_supplement(self.ctx, self.case.case_no, self.clerk, keys, self.note.text())


class DecideOnSpotDialog(_ActionDialog):
    """A chief representative's decision at the window (首席事务代表当场决定)."""

    def __init__(self, ctx: AppContext, clerk: Clerk, case: CaseRecord, parent: QWidget | None = None):
        super().__init__(ctx, clerk, case, self.tr("Decide on the spot"), parent)
        self.approve = QCheckBox(self.tr("Approve (untick to refuse)"))
        self.approve.setObjectName("approveOnSpot")
        self.approve.setChecked(True)
        self.decision = self._line("decisionResult")
        self.decision.setPlaceholderText(self.tr("Decision, e.g. licence number, or the reason for refusal"))
        self.note = self._line("decisionNote")
        self.form.addRow(self.approve)
        self.form.addRow(self.tr("Decision"), self.decision)
        self.form.addRow(self.tr("Note"), self.note)

    def apply(self) -> None:
        decide_on_spot.decide_on_spot(self.ctx, self.case.case_no, self.clerk, self.approve.isChecked(),
                                      self.decision.text(), self.note.text())


# Actions whose form is hand-made (extra behaviour); every other action gets the form built from
# its declared inputs (ui/action_form.py). 出件 and 邮寄 are that generic form plus what follows a
# choice in it (ui/results_dialogs.py: the agent's 授权委托书 fields, the courier's number form).
CUSTOM_DIALOGS: dict[str, Callable[[AppContext, Clerk, CaseRecord, QWidget | None], QDialog]] = {
    "supplement": SupplementDialog, "decide_on_spot": DecideOnSpotDialog,
    "hand_out": HandOutForm, "mail": MailForm,
}


def action_dialog(ctx: AppContext, clerk: Clerk, case: CaseRecord, name: str,
                  parent: QWidget | None = None) -> QDialog:
    """The form for action ``name`` on ``case``: its own where it has one, else the generic one."""
    custom = CUSTOM_DIALOGS.get(name)
    if custom is not None:
        return custom(ctx, clerk, case, parent)
    from clerk_app.ui.action_form import ActionFormDialog

    return ActionFormDialog(ctx, clerk, case, case_actions.case_actions()[name], parent)
