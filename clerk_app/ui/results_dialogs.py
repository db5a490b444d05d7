"""The forms of 出件 and 邮寄: the generic action form (fields, focus, Enter, messages from the
declared inputs and the service) plus what depends on a choice made in it.

- 出件: the 授权委托书 fields apply only to an agent; choosing the applicant fills in the name on
  file, choosing an agent or a legal representative empties it (and the ID) for that person.
- 邮寄: the courier's name is asked only for 其他快递; the tracking number's field shows the
  courier's form (from ``domain.tracking``) as its placeholder.

Once done, the case view (rebuilt) has the new paper — the 领取回执 or the mailing label — and
its print button takes the focus, so printing it is the next key.

No rule is decided here: the service refuses, with its Chinese message, whatever is missing.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QWidget

from clerk_app.domain.people import Clerk
from clerk_app.domain.tracking import COURIERS, OTHER
from clerk_app.protocol.records import CaseRecord
from clerk_app.services import case_actions
from clerk_app.services.case_actions.hand_out import in_person_name
from clerk_app.services.context import AppContext
from clerk_app.ui.action_form import ActionFormDialog

_AGENT_ONLY = ("authorisation_kept", "authorisation_scope", "authorisation_date")


class _PaperNext(ActionFormDialog):
    """After success, the print button of ``paper`` in the (rebuilt) case view takes the focus."""

    paper = ""

    def accept(self) -> None:
        super().accept()  # the case view rebuilds on ``accepted``
        parent = self.parentWidget()
        button = parent.findChild(QPushButton, f"doc:{self.paper}:2") if parent is not None else None
        if button is not None:  # after Qt gives the focus back to the case view on closing this form
            QTimer.singleShot(0, button.setFocus)


class HandOutForm(_PaperNext):
    """出件 at the window: the applicant, a company's legal representative, or an agent."""

    paper = "handout"

    def __init__(self, ctx: AppContext, clerk: Clerk, case: CaseRecord, parent: QWidget | None = None):
        super().__init__(ctx, clerk, case, case_actions.case_actions()["hand_out"], parent)
        self.role = self.fields["collector"]
        assert isinstance(self.role, QComboBox)
        self._last_role = self.role.currentData()
        self.role.currentIndexChanged.connect(self._role_changed)
        self._enable()

    def _enable(self) -> None:
        agent = self.role.currentData() == "agent"
        for name in _AGENT_ONLY:
            self.fields[name].setEnabled(agent)

    def _role_changed(self) -> None:
        role = self.role.currentData()
        name = self.fields["recipient_name"]
        rid = self.fields["recipient_id"]
        assert isinstance(name, QLineEdit) and isinstance(rid, QLineEdit)
        on_file = in_person_name(self.case.applicant)
        if role == "applicant":
            name.setText(on_file)
        elif self._last_role == "applicant":  # someone else now stands at the window
            if name.text().strip() == on_file:
                name.clear()
            rid.clear()
        if role != "agent":
            kept = self.fields["authorisation_kept"]
            assert isinstance(kept, QCheckBox)
            kept.setChecked(False)
        self._last_role = role
        self._enable()


class MailForm(_PaperNext):
    """邮寄送达: courier, tracking number in the courier's form, recipient, address, who pays."""

    paper = "mail_label"

    def __init__(self, ctx: AppContext, clerk: Clerk, case: CaseRecord, parent: QWidget | None = None):
        super().__init__(ctx, clerk, case, case_actions.case_actions()["mail"], parent)
        self.courier = self.fields["courier"]
        assert isinstance(self.courier, QComboBox)
        self.courier.currentIndexChanged.connect(self._courier_changed)
        self._courier_changed()

    def _courier_changed(self) -> None:
        code = self.courier.currentData()
        other = self.fields["courier_name"]
        other.setEnabled(code == OTHER)
        tracking = self.fields["tracking_no"]
        assert isinstance(tracking, QLineEdit)
        c = COURIERS.get(code) if isinstance(code, str) else None
        tracking.setPlaceholderText("，或".join(f.label for f in c.forms) if c else "")

