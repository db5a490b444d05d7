"""Small forms for the window's actions; the rules and messages come from services.case_actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import CaseRecord
from clerk_app.services import case_actions
from clerk_app.services.case_actions import supplement
from clerk_app.services.context import AppContext
from clerk_app.ui.action_form import ActionDialogBase, ActionFormDialog
from clerk_app.ui.results_dialogs import HandOutForm, MailForm


class _ActionDialog(ActionDialogBase):
    """A hand-made form: its rows, and ``values()`` giving the action's inputs (the rest is shared).

    ``NAME`` is the action's name (else the one it is listed under in ``CUSTOM_DIALOGS``). A form
    that needs more than ``perform`` may define ``apply()`` calling its service itself; the
    keyboard, the error panel and "close only on success" stay the base's.
    """

    NAME = ""

    def __init__(self, ctx: AppContext, clerk: Clerk, case: CaseRecord, title: str, parent: QWidget | None):
        name = self.NAME or next((n for n, cls in CUSTOM_DIALOGS.items() if cls is type(self)), "")
        super().__init__(ctx, clerk, case, case_actions.case_actions()[name], parent)
        self.setWindowTitle(title)
        self.setObjectName(f"actionForm:{name}")

    def run_action(self) -> Any:
        apply = getattr(self, "apply", None)
        return apply() if callable(apply) else super().run_action()

    def _line(self, name: str, text: str = "") -> QLineEdit:
        w = QLineEdit(text)
        w.setObjectName(name)
        return w


class SupplementDialog(_ActionDialog):
    """Tick what arrived (the back office's 补正 list first, then tolerated materials), each with its
    form (原件/复印件) and count; then print the 补正/补齐材料收件凭证."""

    NAME = "supplement"

    def __init__(self, ctx: AppContext, clerk: Clerk, case: CaseRecord, parent: QWidget | None = None):
        super().__init__(ctx, clerk, case, self.tr("Supplement received"), parent)
        self.setObjectName("supplementDialog")
        self.setMinimumWidth(780)  # a 补正 item is a sentence: the whole of it shows at 1366×768
        asked = case.open_correction()
        if asked is not None:
            head = QLabel(self.tr("Correction asked by %1 on %2").replace("%1", asked.actor or "—")
                          .replace("%2", asked.start.isoformat()))
            head.setObjectName("correctionAsked")
            head.setWordWrap(True)
            self.form.addRow(head)
        self.checks: dict[str, QCheckBox] = {}
        self.forms: dict[str, QComboBox] = {}
        self.counts: dict[str, QSpinBox] = {}
        for key, label in supplement.pending_materials(ctx, case):
            cb = QCheckBox(label)
            cb.setObjectName(f"supplement:{key}")
            form, count = supplement.default_piece(supplement.pending_line(case, key))
            combo = QComboBox()
            combo.setObjectName(f"supplementForm:{key}")
            for value, text in supplement.FORMS.items():
                combo.addItem(text, value)
            combo.setCurrentIndex(combo.findData(form))
            spin = QSpinBox()
            spin.setObjectName(f"supplementCount:{key}")
            spin.setRange(1, 99)
            spin.setValue(count)
            spin.setSuffix(self.tr(" copies"))
            row = QWidget()
            rl = QHBoxLayout(row)
            rl.setContentsMargins(0, 0, 0, 0)
            rl.addWidget(cb, 1)
            rl.addWidget(combo)
            rl.addWidget(spin)
            self.checks[key], self.forms[key], self.counts[key] = cb, combo, spin
            self.form.addRow(row)
        self.note = self._line("supplementNote")
        self.form.addRow(self.tr("Note"), self.note)
        self.print_receipt = QCheckBox(self.tr("Print the receipt for the supplement"))
        self.print_receipt.setObjectName("printSupplementReceipt")
        self.print_receipt.setChecked(True)
        self.form.addRow(self.print_receipt)

    def values(self) -> dict[str, Any]:
        keys = [k for k, cb in self.checks.items() if cb.isChecked()]
        forms = {k: (str(self.forms[k].currentData()), self.counts[k].value()) for k in keys}
        return {"material_keys": keys, "note": self.note.text(), "forms": supplement.format_forms(forms)}

    def run_action(self) -> Any:
        done = super().run_action()
        if self.print_receipt.isChecked():
            self._print_receipt()
        return done

    def _print_receipt(self) -> None:
        """The 补正/补齐材料收件凭证 through the printer dialog; the print is recorded by the service."""
        from PySide6.QtWidgets import QMessageBox

        from clerk_app.ui import printing

        try:
            printing.print_now(lambda: printing.pdf_for(self.ctx, self.case.case_no, "supplement_receipt",
                                                        self.clerk), self)
        except printing.PrintUnavailable as exc:  # the supplement is saved; the receipt can be printed from the case
            QMessageBox.warning(self, self.tr("Cannot print"), str(exc))


class DecideOnSpotDialog(_ActionDialog):
    """A chief representative's decision at the window (首席事务代表当场决定)."""

    NAME = "decide_on_spot"

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

    def values(self) -> dict[str, Any]:
        return {"approve": self.approve.isChecked(), "result": self.decision.text(), "note": self.note.text()}


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
    return ActionFormDialog(ctx, clerk, case, case_actions.case_actions()[name], parent)
