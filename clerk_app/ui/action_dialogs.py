"""Small forms for the window's actions; the rules and messages come from services.case_actions."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.case import IllegalTransition
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import CaseRecord
from clerk_app.services import case_actions
from clerk_app.services.case_actions import decide_on_spot, hand_out, mail, supplement
from clerk_app.services.cases import CaseNotFound
from clerk_app.services.context import AppContext
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


class HandOutDialog(_ActionDialog):
    """At the window: the applicant in person, or someone else whose ID is recorded."""

    def __init__(self, ctx: AppContext, clerk: Clerk, case: CaseRecord, parent: QWidget | None = None):
        super().__init__(ctx, clerk, case, self.tr("Hand out the result"), parent)
        self.result = self._line("handoutResult", case.result_note or "")
        self.result.setPlaceholderText(self.tr("Result, e.g. licence name and number"))
        self.in_person = QCheckBox(self.tr("Collected by the applicant in person"))
        self.in_person.setObjectName("inPerson")
        self.in_person.setChecked(True)
        self.name = self._line("recipientName")
        self.id_number = self._line("recipientId")
        self.phone = self._line("recipientPhone")
        self.note = self._line("handoutNote")
        self.form.addRow(self.tr("Result"), self.result)
        self.form.addRow(self.in_person)
        self.form.addRow(self.tr("Received by"), self.name)
        self.form.addRow(self.tr("Their ID number"), self.id_number)
        self.form.addRow(self.tr("Their phone"), self.phone)
        self.form.addRow(self.tr("Note"), self.note)
        self.in_person.toggled.connect(self._toggle)
        self._toggle(True)

    def _toggle(self, in_person: bool) -> None:
        for w in (self.name, self.id_number, self.phone):
            w.setEnabled(not in_person)

    def apply(self) -> None:
        if self.in_person.isChecked():
            name, rid, phone = hand_out.in_person_name(self.case.applicant), "", ""
        else:
            name, rid, phone = self.name.text(), self.id_number.text(), self.phone.text()
        hand_out.hand_out(self.ctx, self.case.case_no, self.clerk, name, rid, note=self.note.text(),
                                result=self.result.text(), recipient_phone=phone)


class MailDialog(_ActionDialog):
    def __init__(self, ctx: AppContext, clerk: Clerk, case: CaseRecord, parent: QWidget | None = None):
        super().__init__(ctx, clerk, case, self.tr("Mail the result"), parent)
        self.result = self._line("mailResult", case.result_note or "")
        self.result.setPlaceholderText(self.tr("Result, e.g. licence name and number"))
        self.courier = self._line("courier", "EMS")
        self.tracking = self._line("trackingNo")
        self.address = self._line("mailAddress", case.delivery.address)
        self.form.addRow(self.tr("Result"), self.result)
        self.form.addRow(self.tr("Courier"), self.courier)
        self.form.addRow(self.tr("Tracking number"), self.tracking)
        self.form.addRow(self.tr("Address"), self.address)

    def apply(self) -> None:
        mail.mail_result(self.ctx, self.case.case_no, self.clerk, self.courier.text(),
                                   self.tracking.text(), address=self.address.text(), result=self.result.text())


class SupplementDialog(_ActionDialog):
    """Tick what arrived (the back office's 补正 list first, then tolerated materials), each with its
    form (原件/复印件) and count; then print the 补正/补齐材料收件凭证."""

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
        first = next(iter(self.checks.values()), self.note)
        first.setFocus()

    def apply(self) -> None:
        keys = [k for k, cb in self.checks.items() if cb.isChecked()]
        forms = {k: (str(self.forms[k].currentData()), self.counts[k].value()) for k in keys}
        supplement.record_supplement(self.ctx, self.case.case_no, self.clerk, keys, self.note.text(),
                                     forms=supplement.format_forms(forms))
        if self.print_receipt.isChecked():
            self._print_receipt()

    def _print_receipt(self) -> None:
        """The 补正/补齐材料收件凭证 through the printer dialog; the print is recorded by the service."""
        from PySide6.QtWidgets import QMessageBox

        from clerk_app.ui import printing

        try:
            printing.print_now(lambda: printing.pdf_for(self.ctx, self.case.case_no, "supplement_receipt",
                                                        self.clerk), self)
        except printing.PrintUnavailable as exc:  # recorded anyway; the receipt can be reprinted from the case
            QMessageBox.warning(self, self.tr("Cannot print"), str(exc))


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


# Actions whose form is hand-made (extra behaviour, e.g. "collected in person"); every other
# action gets the form built from its declared inputs (ui/action_form.py).
CUSTOM_DIALOGS: dict[str, type[_ActionDialog]] = {
    "supplement": SupplementDialog, "decide_on_spot": DecideOnSpotDialog,
    "hand_out": HandOutDialog, "mail": MailDialog,
}


def action_dialog(ctx: AppContext, clerk: Clerk, case: CaseRecord, name: str,
                  parent: QWidget | None = None) -> QDialog:
    """The form for action ``name`` on ``case``: its own where it has one, else the generic one."""
    custom = CUSTOM_DIALOGS.get(name)
    if custom is not None:
        return custom(ctx, clerk, case, parent)
    from clerk_app.ui.action_form import ActionFormDialog

    return ActionFormDialog(ctx, clerk, case, case_actions.case_actions()[name], parent)
