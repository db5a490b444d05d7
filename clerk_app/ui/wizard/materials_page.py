"""Step 4: the material checklist generated from the catalogue (merged for a 一件事 theme)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.checklist import ChecklistError
from clerk_app.domain.decision import MaterialStatus, Verdict
from clerk_app.intake.flow import IntakeFlow, Step, line_verdict
from clerk_app.ui.widgets import hint
from clerk_app.ui.wizard.material_row import MaterialRow
from clerk_app.ui.wizard.page import WizardPage

ALL_AS_REQUIRED_KEY = Qt.Key.Key_F6
_SETTLED = (Verdict.OK, Verdict.TOLERATED, Verdict.NOT_APPLICABLE)


class MaterialsPage(WizardPage):
    step = Step.MATERIALS

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.summary = QLabel()
        self.summary.setObjectName("materialsSummary")
        self.all_btn = QPushButton(self.tr("All handed in as required (F6)"))
        self.all_btn.setObjectName("allAsRequired")
        self.all_btn.setToolTip(self.tr("Originals where an original is required, the copies asked for; "
                                        "what you already recorded otherwise is kept"))
        self.all_btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F6 is its key; Tab stays on the lines
        self.all_btn.clicked.connect(self.all_as_required)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.all_btn)
        self.body.addLayout(top)
        self.body.addWidget(hint(self.tr("F6 marks every material as handed in as required, then change only the exceptions. "
                                         "Up/Down (or Tab) move from material to material; Left/Right choose what was handed in; Enter goes on.")))
        shortcut = QShortcut(QKeySequence(ALL_AS_REQUIRED_KEY), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.all_as_required)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.body.addWidget(self.scroll, 1)
        self.rows: dict[str, MaterialRow] = {}

    def enter(self, flow: IntakeFlow) -> None:
        super().enter(flow)
        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.setSpacing(6)
        self.rows.clear()
        try:
            lines = flow.checklist()
        except ChecklistError as exc:
            self.errors.show_messages([str(exc)])
            lines = []
        names = {mid: m.name for mid, m in flow.catalogue.materials.items()}
        item_names = {it.code: it.name for it in flow.items}
        for ln in lines:
            row = MaterialRow(ln, names, [item_names.get(c, c) for c in ln.items], flow.draft.provided.get(ln.key))
            row.changed.connect(self._changed)
            row.moveRequested.connect(self._move)
            self.rows[ln.key] = row
            lay.addWidget(row)
        lay.addStretch(1)
        self.scroll.setWidget(inner)
        self._summarise()

    def _changed(self, key: str) -> None:
        assert self.flow is not None
        self._record(self.flow, self.rows[key])
        self._summarise()

    @staticmethod
    def _record(flow: IntakeFlow, row: MaterialRow) -> None:
        p = row.provided()
        flow.provide_line(row.line, p.status, p.choice, p.copies, p.originals, p.originals_returned)

    def leave(self, flow: IntakeFlow) -> None:
        for row in self.rows.values():
            self._record(flow, row)

    def _summarise(self) -> None:
        assert self.flow is not None
        total, ok, tol, miss = self.flow.material_counts()
        self.summary.setText(self.tr("%1 materials: %2 in order, %3 tolerated, %4 still missing")
                             .replace("%1", str(total)).replace("%2", str(ok))
                             .replace("%3", str(tol)).replace("%4", str(miss)))

    def all_as_required(self) -> None:
        """F6: the engine marks what is still not handed in as its requirement asks; the clerk
        is taken to the first line still needing a decision (e.g. which 任选其一 paper)."""
        if self.flow is None or not self.rows:
            return
        self.leave(self.flow)
        for key in self.flow.provide_all_as_required():
            self.rows[key].set_provided(self.flow.draft.provided[key])
        self._summarise()
        for row in self.rows.values():
            verdict, _ = line_verdict(row.line, row.provided())
            if verdict not in _SETTLED:
                self._focus_row(row, choice=row.line.is_choice and row.choice.isEnabled())
                return
        focus = QApplication.focusWidget()
        here = next((r for r in self.rows.values() if focus is not None and r.isAncestorOf(focus)), None)
        if here is not None and focus in here.buttons.values():
            here.focus()  # onto the status now ticked, so Left/Right change it from there

    def _move(self, key: str, step: int) -> None:
        rows = list(self.rows.values())
        i = list(self.rows).index(key)
        j = {-2: 0, 2: len(rows) - 1}.get(step, i + step)
        if 0 <= j < len(rows):
            self._focus_row(rows[j])

    def _focus_row(self, row: MaterialRow, choice: bool = False) -> None:
        if choice:
            row.choice.setFocus()
        else:
            row.focus()
        self.scroll.ensureWidgetVisible(row)

    def set_status(self, key: str, status: MaterialStatus) -> None:
        """For scripts and tests: tick a status as the clerk would."""
        self.rows[key].buttons[status].setChecked(True)

    def last_in_tab_order(self) -> QWidget | None:
        if not self.rows:
            return None
        row = list(self.rows.values())[-1]
        return row.choice if row.line.is_choice else row.copies

    def focus_first(self) -> None:
        if self.rows:
            next(iter(self.rows.values())).focus()
