"""Step 2: answer the situation questions (or pick the situation) of each chosen item."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.catalog import HandlingKind, Item
from clerk_app.intake.flow import IntakeFlow, Step
from clerk_app.ui.widgets import hint
from clerk_app.ui.wizard.page import WizardPage


def _radio_row(group_owner: QWidget, options: list[tuple[str, str]], current: str | None,
               object_prefix: str) -> tuple[QWidget, QButtonGroup]:
    box = QWidget()
    lay = QHBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    group = QButtonGroup(group_owner)
    for value, label in options:
        rb = QRadioButton(label)
        rb.setObjectName(f"{object_prefix}:{value}")
        rb.setProperty("value", value)
        rb.setChecked(value == current)
        group.addButton(rb)
        lay.addWidget(rb)
    lay.addStretch(1)
    return box, group


class SituationPage(WizardPage):
    step = Step.SITUATION

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.body.addWidget(hint(self.tr("The answers pick each item's situation and which conditional materials apply. Arrow keys choose, Tab moves on.")))
        self.body.addWidget(self.scroll, 1)
        self._groups: list[QButtonGroup] = []
        self._labels: dict[str, QLabel] = {}

    def enter(self, flow: IntakeFlow) -> None:
        super().enter(flow)
        inner = QWidget()
        lay = QVBoxLayout(inner)
        self._groups.clear()
        self._labels.clear()
        for item in flow.items:
            lay.addWidget(self._item_box(flow, item))
        lay.addStretch(1)
        self.scroll.setWidget(inner)

    def _item_box(self, flow: IntakeFlow, item: Item) -> QGroupBox:
        kind = self.tr("immediate") if item.kind is HandlingKind.IMMEDIATE else \
            self.tr("promised, %1 working days").replace("%1", str(item.limit_for(flow.draft.channel)))
        box = QGroupBox(f"{item.name}（{item.department} · {kind}）")
        form = QFormLayout(box)
        answers = flow.draft.answers.get(item.code, {})
        if item.questions:
            for q in item.questions:
                row, group = _radio_row(self, [(o.value, o.label) for o in q.options], answers.get(q.id),
                                        f"q:{item.code}:{q.id}")
                group.buttonToggled.connect(
                    lambda btn, on, code=item.code, qid=q.id: on and self._answer(code, qid, btn.property("value")))
                self._groups.append(group)
                form.addRow(q.text + "：", row)
        elif len(item.situations) > 1:
            sel = next(s for s in flow.draft.selections if s.code == item.code)
            row, group = _radio_row(self, [(s.id, s.name) for s in item.situations], sel.situation or None,
                                    f"s:{item.code}")
            group.buttonToggled.connect(
                lambda btn, on, code=item.code: on and self._choose(code, btn.property("value")))
            self._groups.append(group)
            form.addRow(self.tr("Situation:"), row)
        label = QLabel()
        self._labels[item.code] = label
        form.addRow(self.tr("Applies:"), label)
        self._show_situation(item.code)
        return box

    def _answer(self, code: str, qid: str, value: str) -> None:
        assert self.flow is not None
        self.flow.answer(code, qid, value)
        self._show_situation(code)

    def _choose(self, code: str, situation: str) -> None:
        assert self.flow is not None
        self.flow.choose_situation(code, situation)
        self._show_situation(code)

    def _show_situation(self, code: str) -> None:
        assert self.flow is not None
        name = self.flow.situation_name(code)
        self._labels[code].setText(f"<b>{name}</b>" if name else self.tr("(answer the questions above)"))

    def focus_first(self) -> None:
        for g in self._groups:
            btn = g.checkedButton() or (g.buttons()[0] if g.buttons() else None)
            if btn is not None:
                btn.setFocus()
                return
        super().focus_first()
