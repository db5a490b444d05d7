"""One checklist line: the material, its review points, and what the applicant handed in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.catalog import Form
from clerk_app.domain.checklist import ChecklistLine
from clerk_app.domain.decision import MaterialStatus, Provided, Received, Verdict, received_counts
from clerk_app.intake.flow import PAPER, entry, line_verdict, offered_statuses
from clerk_app.ui.widgets import ERROR_COLOUR, HINT_COLOUR, OK_COLOUR

_S = MaterialStatus


class MaterialRow(QFrame):
    """Shows the statuses the engine offers for this line (:func:`offered_statuses`) and its
    verdict (:func:`line_verdict`); what is recorded is the engine's :func:`entry`."""

    changed = Signal(str)
    moveRequested = Signal(str, int)  # (line key, -1 up / +1 down / -2 first / +2 last)

    def __init__(self, line: ChecklistLine, names: dict[str, str], item_names: list[str],
                 provided: Provided | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.line = line
        self.setObjectName(f"row:{line.key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(self._title(line))
        title.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(3)
        lay.addWidget(title)
        details = self._details(line, item_names)
        if details:
            d = QLabel(details)
            d.setWordWrap(True)
            d.setStyleSheet(f"color: {HINT_COLOUR};")
            lay.addWidget(d)

        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        labels = {_S.MISSING: self.tr("Not handed in"), _S.ORIGINAL: self.tr("Original"), _S.COPY: self.tr("Copy"),
                  _S.E_LICENSE: self.tr("E-licence (no paper)"), _S.COMMITMENT: self.tr("Signed commitment"),
                  _S.TOLERATED: self.tr("Tolerated gap (%1 working days)").replace(
                      "%1", str(line.tolerate_days or "")),
                  _S.NOT_APPLICABLE: self.tr("Not applicable")}
        options = [(status, labels[status]) for status in offered_statuses(line)]
        self.buttons: dict[MaterialStatus, QRadioButton] = {}
        for status, label in options:
            rb = QRadioButton(label)
            rb.setObjectName(f"mat:{line.key}:{status.value}")
            self.group.addButton(rb)
            self.buttons[status] = rb
            rb.installEventFilter(self)
            row.addWidget(rb)
        row.addSpacing(12)
        # the pieces handed in: originals (kept, or shown and handed back) where the line asks for an
        # original, copies where it asks for copies (both for 原件及复印件 and 原件或复印件)
        self.originals = QSpinBox()
        self.originals.setObjectName(f"originals:{line.key}")
        self.originals.setRange(0, 99)
        self.originals.setPrefix(self.tr("Originals "))
        self.originals.setToolTip(self.tr("Originals handed in or shown"))
        self.returned = QCheckBox(self.tr("returned after checking"))
        self.returned.setObjectName(f"returned:{line.key}")
        self.returned.setToolTip(self.tr("The original was only shown: checked and handed back (核验后退回)"))
        # preset by the form (原件及复印件: shown and returned); off the Tab chain, so a line costs no extra key
        self.returned.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.copies = QSpinBox()
        self.copies.setObjectName(f"copies:{line.key}")
        self.copies.setRange(0, 99)
        self.copies.setPrefix(self.tr("Copies "))
        self.copies.setToolTip(self.tr("Copies handed in"))
        for w in (self.originals, self.returned, self.copies):
            row.addWidget(w)
        self._show_boxes(_S.MISSING)
        self._show_counts(self._default_for(_S.ORIGINAL if line.form is not Form.COPY else _S.COPY))
        self.choice = QComboBox()
        self.choice.setObjectName(f"choice:{line.key}")
        if line.is_choice:
            self.choice.addItem(self.tr("— which one? —"), None)
            for mid in line.material_ids:
                self.choice.addItem(names.get(mid, mid), mid)
            row.addWidget(self.choice)
        self.choice.setVisible(line.is_choice)
        row.addStretch(1)
        self.verdict = QLabel()
        self.verdict.setObjectName(f"verdict:{line.key}")
        row.addWidget(self.verdict)
        lay.addLayout(row)

        self.set_provided(provided)
        self.group.buttonToggled.connect(lambda _b, on: on and self._status_changed())
        self.copies.valueChanged.connect(lambda _v: self._changed())
        self.originals.valueChanged.connect(lambda _v: self._changed())
        self.returned.toggled.connect(lambda _v: self._changed())
        self.choice.currentIndexChanged.connect(lambda _i: self._changed())

    def _title(self, line: ChecklistLine) -> str:
        tag = self.tr("required") if line.required else self.tr("if applicable")
        cond = f"（{line.condition_text}）" if line.condition_text and not line.required else ""
        return (f"<b>{line.name}</b>　<span style='color:#333'>{line.form_label} × {line.copies}</span>"
                f"　<span style='color:{HINT_COLOUR}'>[{tag}]{cond}</span>")

    def _details(self, line: ChecklistLine, item_names: list[str]) -> str:
        parts = []
        if line.review_points:
            parts.append(self.tr("Check:") + " " + "；".join(f"{i}. {p}" for i, p in enumerate(line.review_points, 1)))
        if line.standard:
            parts.append(self.tr("Standard:") + " " + line.standard)
        if len(item_names) > 1:
            parts.append(self.tr("Shared by:") + " " + "、".join(item_names))
        return "\n".join(parts)

    # -- state ---------------------------------------------------------------------------
    def _show_boxes(self, status: MaterialStatus) -> None:
        """The 原件 box where the line asks for an original (or one was handed in), the 复印件 box
        where it asks for copies (or copies were handed in instead)."""
        originals = self.line.form is not Form.COPY or status is _S.ORIGINAL
        copies = self.line.form is not Form.ORIGINAL or status is _S.COPY
        for w, shown in ((self.originals, originals), (self.returned, originals), (self.copies, copies)):
            w.setVisible(shown)

    def _default_for(self, status: MaterialStatus) -> Received:
        got = received_counts(self.line, Provided(status))
        assert got is not None  # a paper status
        return got

    def _show_counts(self, got: Received) -> None:
        for w in (self.originals, self.copies, self.returned):
            w.blockSignals(True)
        self.originals.setValue(got.originals)
        self.copies.setValue(got.copies)
        self.returned.setChecked(got.originals_returned)
        for w in (self.originals, self.copies, self.returned):
            w.blockSignals(False)

    def set_provided(self, p: Provided | None) -> None:
        status = p.status if p else _S.MISSING
        self.group.blockSignals(True)
        (self.buttons.get(status) or self.buttons[_S.MISSING]).setChecked(True)
        self.group.blockSignals(False)
        got = received_counts(self.line, p) if p else None
        if got is not None:
            self._show_counts(got)
        if p and p.choice and self.line.is_choice:
            i = self.choice.findData(p.choice)
            self.choice.setCurrentIndex(max(i, 0))
        self._refresh()

    def status(self) -> MaterialStatus:
        for s, b in self.buttons.items():
            if b.isChecked():
                return s
        return _S.MISSING

    def provided(self) -> Provided:
        return entry(self.line, self.status(), self.choice.currentData(), self.copies.value(),
                     self.originals.value(), self.returned.isChecked())

    def _status_changed(self) -> None:
        """A paper status fills in the pieces it means as the line asks; the clerk corrects them."""
        if self.status() in PAPER:
            self._show_counts(self._default_for(self.status()))
        self._changed()

    def _changed(self) -> None:
        self._refresh()
        self.changed.emit(self.line.key)

    def _refresh(self) -> None:
        paper = self.status() in PAPER
        self._show_boxes(self.status())
        self.copies.setEnabled(paper)
        self.originals.setEnabled(paper)
        self.returned.setEnabled(paper and self.originals.value() > 0)
        self.choice.setEnabled(paper)
        verdict, problem = line_verdict(self.line, self.provided())
        text, colour = {
            Verdict.OK: ("✓ " + self.tr("OK"), OK_COLOUR),
            Verdict.NOT_APPLICABLE: (self.tr("not applicable"), HINT_COLOUR),
            Verdict.TOLERATED: ("◐ " + self.tr("tolerated gap"), "#9a6700"),
        }.get(verdict, ("✗ " + (problem or self.tr("missing")), ERROR_COLOUR))
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"color: {colour};")

    _MOVES = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Home: -2, Qt.Key.Key_End: 2}

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802 - Qt API
        """On the status buttons Up/Down go to the line above/below (Home/End: first/last line);
        Left/Right still choose within the line."""
        if (ev.type() == QEvent.Type.KeyPress and isinstance(ev, QKeyEvent) and ev.key() in self._MOVES
                and ev.modifiers() == Qt.KeyboardModifier.NoModifier):
            self.moveRequested.emit(self.line.key, self._MOVES[ev.key()])
            return True
        return False

    def focus(self) -> None:
        b = self.group.checkedButton()
        if b is not None:
            b.setFocus()
