"""Step 5: the outcome the rules give, dates, everything missing; a written reason to differ."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.checklist import ChecklistError
from clerk_app.domain.decision import OUTCOME_LABELS, Decision, Outcome, Verdict, received_counts
from clerk_app.domain.refusal import GROUNDS, LAW
from clerk_app.domain.text import RULES
from clerk_app.intake.flow import FieldError, IntakeFlow, Step
from clerk_app.ui.widgets import ERROR_COLOUR, FieldMessage, heading, hint
from clerk_app.ui.wizard.page import WizardPage

OUTCOME_COLOURS = {
    Outcome.ACCEPTED: "#1e7b34",
    Outcome.ACCEPTED_TOLERATED: "#9a6700",
    Outcome.RECEIVED: "#1f4e9c",
    Outcome.NOTICE: ERROR_COLOUR,
    Outcome.NOT_ACCEPTED: "#5f2120",
}


class DecisionPage(WizardPage):
    step = Step.DECISION

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.outcome = heading("", 20)
        self.outcome.setObjectName("ruleOutcome")
        self.dates = QLabel()
        self.dates.setObjectName("dates")
        self.dates.setWordWrap(True)
        self.cases = QLabel()
        self.cases.setObjectName("caseList")
        self.cases.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #9a6700;")
        self.missing = QLabel()
        self.missing.setObjectName("missingList")
        self.missing.setWordWrap(True)
        self.missing_box = QGroupBox(self.tr("Still to bring (listed in full, once)"))
        QVBoxLayout(self.missing_box).addWidget(self.missing)
        # what was handed in on paper, originals apart from copies (as the voucher will list it)
        self.received = QLabel()
        self.received.setObjectName("receivedList")
        self.received.setWordWrap(True)
        self.received_box = QGroupBox(self.tr("Handed in on paper"))
        QVBoxLayout(self.received_box).addWidget(self.received)

        self.override = QComboBox()
        self.override.setObjectName("overrideOutcome")
        self.reason = QLineEdit()
        self.reason.setObjectName("overrideReason")
        self.reason.setMaxLength(RULES["reason"].max_length)
        self.reason.setPlaceholderText(self.tr("Required when differing from the rules; goes to the audit log"))
        self.reason_msg = FieldMessage()
        ov = QGroupBox(self.tr("Decision"))
        form = QFormLayout(ov)
        form.addRow(self.tr("Outcome"), self.override)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow("", self.reason_msg)
        # 不予受理: the legal ground (its article and item go on the notice) and, outside our power, the organ
        self.ground = QComboBox()
        self.ground.setObjectName("refusalGround")
        self.ground.addItem(self.tr("— legal ground —"), None)
        for g in GROUNDS.values():
            self.ground.addItem(f"{g.label}（{g.article.replace(LAW, '')}）" if g.article else g.label, g.id)
        self.refer_to = QLineEdit()
        self.refer_to.setObjectName("referTo")
        self.refer_to.setMaxLength(RULES["refer_to"].max_length)
        self.refer_to.setPlaceholderText(self.tr("The organ the applicant should apply to"))
        self.ground_msg = FieldMessage()
        self.ground_label, self.refer_label = QLabel(self.tr("Legal ground")), QLabel(self.tr("Apply to"))
        form.addRow(self.ground_label, self.ground)
        form.addRow(self.refer_label, self.refer_to)
        form.addRow("", self.ground_msg)
        self.ground.currentIndexChanged.connect(lambda _i: self._override_changed())
        # 一件事: the clerk says which cases (items) the changed outcome applies to; each is recorded per case
        self.override_cases = QWidget()
        self.override_cases.setObjectName("overrideCases")
        self.override_cases_layout = QVBoxLayout(self.override_cases)
        self.override_cases_layout.setContentsMargins(0, 0, 0, 0)
        self.override_checks: dict[str, QCheckBox] = {}
        self.override_cases_label = QLabel(self.tr("Applies to"))
        form.addRow(self.override_cases_label, self.override_cases)
        self.override_msg = FieldMessage()
        form.addRow("", self.override_msg)
        form.addRow("", hint(self.tr("Choose 'not accepted' to refuse the application (不予受理); any change needs a written reason.")))

        # 受理条件: one checkbox per condition of the chosen situations, with its 审查标准 under it
        self.conditions_box = QGroupBox(self.tr("Acceptance conditions (confirm each one)"))
        self.conditions_box.setObjectName("conditionsBox")
        self.conditions_layout = QVBoxLayout(self.conditions_box)
        self.condition_checks: dict[tuple[str, str], QCheckBox] = {}
        self.conditions_msg = FieldMessage()
        # one key confirms every condition listed, once the clerk has checked them (as F6 does for materials)
        self.all_conditions = QPushButton(self.tr("All conditions met (F7)"))
        self.all_conditions.setObjectName("allConditions")
        self.all_conditions.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.all_conditions.clicked.connect(self.confirm_all_conditions)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F7), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.confirm_all_conditions)

        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # scroll rather than squeeze the boxes
        lay.addWidget(self.outcome)
        lay.addWidget(self.dates)
        lay.addWidget(self.cases)
        lay.addWidget(self.warnings)
        lay.addWidget(self.missing_box)
        lay.addWidget(self.received_box)
        lay.addWidget(self.conditions_box)
        lay.addWidget(ov)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.body.addWidget(scroll, 1)
        self.decision: Decision | None = None
        self.override.currentIndexChanged.connect(self._override_changed)
        self.reason.textEdited.connect(lambda _t: self.reason_msg.clear_message())

    def _fill_conditions(self, flow: IntakeFlow) -> None:
        while self.conditions_layout.count():
            w = self.conditions_layout.takeAt(0).widget()
            if w is not None and w is not self.all_conditions:  # the button is kept and put back below
                w.deleteLater()
        self.condition_checks.clear()
        conds = flow.conditions()
        several = len({it.code for it, _c in conds}) > 1
        for item, c in conds:
            box = QCheckBox((f"【{item.short_name or item.name}】" if several else "") + c.text)
            box.setObjectName(f"condition:{item.code}:{c.id}")
            box.setChecked(flow.is_confirmed(item.code, c.id))
            box.toggled.connect(lambda on, code=item.code, cid=c.id: self._confirm(code, cid, on))
            self.conditions_layout.addWidget(box)
            std = hint(self.tr("Standard: %1").replace("%1", c.standard))
            std.setWordWrap(True)
            self.conditions_layout.addWidget(std)
            self.condition_checks[(item.code, c.id)] = box
        self.conditions_msg = FieldMessage()
        self.conditions_layout.addWidget(self.conditions_msg)
        self.conditions_layout.addWidget(self.all_conditions)
        self.conditions_box.setVisible(bool(conds))

    def confirm_all_conditions(self) -> None:
        if self.flow is None or not self.condition_checks:
            return
        self.flow.confirm_all_conditions()
        for (code, cid), box in self.condition_checks.items():
            box.blockSignals(True)
            box.setChecked(self.flow.is_confirmed(code, cid))
            box.blockSignals(False)
        self.conditions_msg.clear_message()

    def _confirm(self, code: str, condition_id: str, on: bool) -> None:
        assert self.flow is not None
        self.flow.confirm_condition(code, condition_id, on)
        self.conditions_msg.clear_message()

    def enter(self, flow: IntakeFlow) -> None:
        super().enter(flow)
        self._fill_conditions(flow)
        try:
            self.decision = flow.decision(self.ctx.clock())
        except ChecklistError as exc:
            self.decision = None
            self.errors.show_messages([str(exc)])
            return
        d = self.decision
        colour = OUTCOME_COLOURS[d.outcome]
        self.outcome.setText(self.tr("The rules give: %1").replace("%1", OUTCOME_LABELS[d.outcome]))
        self.outcome.setStyleSheet(f"color: {colour};")
        lines = []
        if d.due:
            lines.append(self.tr("Promised completion date: %1").replace("%1", f"{d.due.due:%Y-%m-%d}"))
        if d.supplement_due:
            lines.append(self.tr("Tolerated materials due by: %1").replace("%1", f"{d.supplement_due.due:%Y-%m-%d}"))
        self.dates.setText("\n".join(lines))
        self.dates.setVisible(bool(lines))
        self.cases.setText(self._case_lines(flow))
        self.cases.setVisible(len(flow.draft.selections) > 1 and d.outcome is not Outcome.NOTICE)
        warns = d.warnings()
        self.warnings.setText("\n".join(f"⚠ {w}" for w in warns))
        self.warnings.setVisible(bool(warns))
        todo = d.to_notify
        self.missing.setText("\n".join(self._missing_line(r) for r in todo))
        self.missing_box.setVisible(bool(todo))
        got = [(r.line.name, received_counts(r.line, r.provided)) for r in d.results]
        self.received.setText("\n".join(f"{name}：{pieces.text()}" for name, pieces in got if pieces))
        self.received_box.setVisible(any(pieces for _, pieces in got))

        self.override.blockSignals(True)
        self.override.clear()
        self.override.addItem(self.tr("As the rules say: %1").replace("%1", OUTCOME_LABELS[d.outcome]), None)
        for o in Outcome:
            if o is not d.outcome:
                self.override.addItem(OUTCOME_LABELS[o], o.value)
        cur = flow.draft.override_outcome
        idx = self.override.findData(cur.value) if cur and cur is not d.outcome else 0
        self.override.setCurrentIndex(max(idx, 0))
        self.override.blockSignals(False)
        self.reason.setText(flow.draft.override_reason)
        self.ground.setCurrentIndex(max(self.ground.findData(flow.draft.refusal_ground), 0))
        self.refer_to.setText(flow.draft.refer_to)
        self._fill_override_cases(flow)
        self._override_changed()

    def _fill_override_cases(self, flow: IntakeFlow) -> None:
        while self.override_cases_layout.count():
            w = self.override_cases_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.override_checks.clear()
        if len(flow.draft.selections) < 2:
            return
        chosen = flow.draft.override_items
        for it in flow.items:
            box = QCheckBox(f"{it.name}（{it.department}）")
            box.setObjectName(f"override:{it.code}")
            box.setChecked(chosen is None or it.code in chosen)
            box.toggled.connect(lambda _on: self.override_msg.clear_message())
            self.override_cases_layout.addWidget(box)
            self.override_checks[it.code] = box

    def _case_lines(self, flow: IntakeFlow) -> str:
        """One case (办件) per item, each with its own outcome and promised date (the engine decides)."""
        out = [self.tr("One case per item, each handled by its own department:")]
        for c in flow.application_decision(self.ctx.clock()).cases:
            due = f"，{self.tr('promised by')} {c.due.due:%Y-%m-%d}" if c.due else ""
            out.append(f"　{c.item.name}（{c.item.department}）：{OUTCOME_LABELS[c.outcome]}{due}")
        return "\n".join(out)

    def _missing_line(self, r) -> str:
        by, tolerated, missing = self.tr("to bring by"), self.tr("tolerated gap"), self.tr("missing")
        due = f"（{by} {r.supplement_due.due:%Y-%m-%d}）" if r.supplement_due else ""
        if r.verdict is Verdict.TOLERATED:
            return f"◐ {r.line.name}：{tolerated}{due}"
        return f"✗ {r.line.name}：{r.problem or missing}"

    def _override_changed(self, _i: int = 0) -> None:
        differs = self.override.currentData() is not None
        self.reason.setEnabled(differs)
        refusing = self.override.currentData() == Outcome.NOT_ACCEPTED.value
        for w in (self.ground, self.ground_label):
            w.setVisible(refusing)
        needs_organ = refusing and self.ground.currentData() in GROUNDS and GROUNDS[
            self.ground.currentData()].needs_organ
        self.refer_to.setVisible(needs_organ)
        self.refer_label.setVisible(needs_organ)
        several = differs and bool(self.override_checks)
        self.override_cases.setVisible(several)
        self.override_cases_label.setVisible(several)
        if not differs:
            self.reason_msg.clear_message()
            self.override_msg.clear_message()

    def leave(self, flow: IntakeFlow) -> None:
        data = self.override.currentData()
        items = [c for c, box in self.override_checks.items() if box.isChecked()] if self.override_checks else None
        flow.set_override(Outcome(data) if data else None, self.reason.text(), items)
        refusing = data == Outcome.NOT_ACCEPTED.value
        flow.set_refusal_ground(self.ground.currentData() if refusing else None,
                                self.refer_to.text() if refusing else "")

    def show_errors(self, errors: list[FieldError]) -> None:
        super().show_errors(errors)
        pending = [e.message for e in errors if e.field.startswith("conditions.")]
        if pending:
            self.conditions_msg.error("\n".join(pending))
        for e in errors:
            if e.field == "override.reason":
                self.reason_msg.error(e.message)
        grounds = [e.message for e in errors if e.field in ("override.ground", "override.refer_to")]
        if grounds:
            self.ground_msg.error("\n".join(grounds))
        cases = [e.message for e in errors if e.field == "override.items"]
        if cases:
            self.override_msg.error("\n".join(cases))

    def focus_first(self) -> None:
        self.override.setFocus()
