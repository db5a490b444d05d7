"""Small forms for the window's actions; the rules and messages come from services.case_actions."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialog, QLineEdit, QWidget

from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import CaseRecord
from clerk_app.services import case_actions
from clerk_app.services.case_actions import hand_out, supplement
from clerk_app.services.context import AppContext
from clerk_app.ui.action_form import ActionDialogBase, ActionFormDialog


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


class HandOutDialog(_ActionDialog):
    """At the window: the applicant in person, or someone else whose ID is recorded."""

    NAME = "hand_out"

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

    def values(self) -> dict[str, Any]:
        if self.in_person.isChecked():
            name, rid, phone = hand_out.in_person_name(self.case.applicant), "", ""
        else:
            name, rid, phone = self.name.text(), self.id_number.text(), self.phone.text()
        return {"result": self.result.text(), "recipient_name": name, "recipient_id": rid,
                "recipient_phone": phone, "note": self.note.text()}


class MailDialog(_ActionDialog):
    NAME = "mail"

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

    def values(self) -> dict[str, Any]:
        return {"result": self.result.text(), "courier": self.courier.text(), "tracking_no": self.tracking.text(),
                "address": self.address.text()}


class SupplementDialog(_ActionDialog):
    """Tick the materials brought later (tolerated ones still outstanding are listed first)."""

    NAME = "supplement"

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

    def values(self) -> dict[str, Any]:
        return {"material_keys": [k for k, cb in self.checks.items() if cb.isChecked()], "note": self.note.text()}


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
    return ActionFormDialog(ctx, clerk, case, case_actions.case_actions()[name], parent)
