"""Step 4: the material checklist generated from the catalogue (merged for a 一件事 theme)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from clerk_app.domain.checklist import ChecklistError
from clerk_app.domain.decision import MaterialStatus
from clerk_app.intake.flow import IntakeFlow, Step
from clerk_app.ui.widgets import hint
from clerk_app.ui.wizard.material_row import MaterialRow
from clerk_app.ui.wizard.page import WizardPage


class MaterialsPage(WizardPage):
    step = Step.MATERIALS

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.summary = QLabel()
        self.summary.setObjectName("materialsSummary")
        self.body.addWidget(self.summary)
        self.body.addWidget(hint(self.tr("Tab moves from material to material; arrow keys choose what was handed in; Enter goes on.")))
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
        flow.provide_line(row.line, p.status, p.choice, p.copies)

    def leave(self, flow: IntakeFlow) -> None:
        for row in self.rows.values():
            self._record(flow, row)

    def _summarise(self) -> None:
        assert self.flow is not None
        total, ok, tol, miss = self.flow.material_counts()
        self.summary.setText(self.tr("%1 materials: %2 in order, %3 tolerated, %4 still missing")
                             .replace("%1", str(total)).replace("%2", str(ok))
                             .replace("%3", str(tol)).replace("%4", str(miss)))

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
