"""Step 3: applicant (person or company), optional agent, and how the result is delivered."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.text import RULES
from clerk_app.intake.flow import FieldError, IntakeFlow, Step
from clerk_app.services.intake import find_applicant
from clerk_app.ui.idcard_reader import attach_card_reader
from clerk_app.ui.widgets import FieldMessage, hint
from clerk_app.ui.wizard.page import WizardPage
from clerk_app.ui.wizard.party_form import PartyForm


class ApplicantPage(WizardPage):
    step = Step.APPLICANT

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.applicant = PartyForm("applicant")
        self.known = FieldMessage()
        self.known.setObjectName("knownApplicant")
        self.has_agent = QCheckBox(self.tr("An agent applies on the applicant's behalf (委托代办)"))
        self.has_agent.setObjectName("hasAgent")
        self.agent = PartyForm("agent", allow_company=False)
        self.agent_hint = hint(self.tr("The agent brings a signed power of attorney and their ID: both are checked on the materials page."))
        self.pickup = QRadioButton(self.tr("Picks up at the window"))
        self.by_mail = QRadioButton(self.tr("Result by mail"))
        self.pickup.setObjectName("deliveryPickup")
        self.by_mail.setObjectName("deliveryMail")
        grp = QButtonGroup(self)
        grp.addButton(self.pickup)
        grp.addButton(self.by_mail)
        self.pickup.setChecked(True)
        self.address = QLineEdit()
        self.address.setObjectName("delivery.address")
        self.address.setMaxLength(RULES["delivery_address"].max_length)
        self.address.setPlaceholderText(self.tr("Full postal address"))
        self.address_msg = FieldMessage()

        app_box = QGroupBox(self.tr("Applicant"))
        al = QVBoxLayout(app_box)
        al.addWidget(self.applicant)
        al.addWidget(self.known)
        agent_box = QGroupBox(self.tr("Agent"))
        gl = QVBoxLayout(agent_box)
        gl.addWidget(self.has_agent)
        gl.addWidget(self.agent)
        gl.addWidget(self.agent_hint)
        deliv = QGroupBox(self.tr("Result delivery"))
        dl = QVBoxLayout(deliv)
        row = QHBoxLayout()
        row.addWidget(self.pickup)
        row.addWidget(self.by_mail)
        row.addStretch(1)
        dl.addLayout(row)
        dl.addWidget(self.address)
        dl.addWidget(self.address_msg)

        inner = QWidget()
        cols = QHBoxLayout(inner)
        left = QVBoxLayout()
        left.addWidget(app_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(agent_box)
        right.addWidget(deliv)
        right.addStretch(1)
        cols.addLayout(left, 1)
        cols.addLayout(right, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.body.addWidget(scroll, 1)

        self._looked_up = ("", "")  # (document type, number) last looked up
        self.applicant.idValid.connect(self._lookup)
        self.has_agent.toggled.connect(self._agent_toggled)
        self.by_mail.toggled.connect(self.address.setEnabled)
        self._agent_toggled(False)
        self.address.setEnabled(False)
        attach_card_reader(self, self.applicant, self.agent, self.has_agent)  # F4 reads the ID card

    def enter(self, flow: IntakeFlow) -> None:
        super().enter(flow)
        d = flow.draft
        self.applicant.set_party(d.applicant)
        self._looked_up = (d.applicant.id_type, d.applicant.id_number) if d.applicant else ("", "")
        self.known.clear_message()
        self.has_agent.setChecked(d.agent is not None)
        self.agent.set_party(d.agent)
        (self.by_mail if d.delivery_method == "mail" else self.pickup).setChecked(True)
        self.address.setText(d.delivery_address)
        self.address_msg.clear_message()

    def leave(self, flow: IntakeFlow) -> None:
        flow.set_applicant(self.applicant.party())
        flow.set_agent(self.agent.party(), wanted=self.has_agent.isChecked())
        flow.set_delivery("mail" if self.by_mail.isChecked() else "pickup", self.address.text())

    def show_errors(self, errors: list[FieldError]) -> None:
        super().show_errors(errors)
        for e in errors:
            who, _, field = e.field.partition(".")
            form = {"applicant": self.applicant, "agent": self.agent}.get(who)
            if form is not None:
                form.show_field_error(field, e.message)
            elif e.field == "delivery.address":
                self.address_msg.error(e.message)

    def focus_first(self) -> None:
        self.applicant.id_number.setFocus()

    def _agent_toggled(self, on: bool) -> None:
        self.agent.setEnabled(on)
        self.agent_hint.setVisible(on)

    def _lookup(self, kind: str, number: str, id_type: str) -> None:
        if (id_type, number) == self._looked_up:
            return
        self._looked_up = (id_type, number)
        known = find_applicant(self.ctx, kind, number, id_type)
        if known is None:
            self.known.clear_message()
            return
        self.applicant.fill_known(known)
        self.known.ok(self.tr("Known applicant: details filled in from an earlier visit. Please confirm or correct them."))
