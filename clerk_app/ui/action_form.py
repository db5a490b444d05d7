"""The form of any case action that has no form of its own, built from its declared inputs.

The labels, choices and messages come from the action's ``ActionInput`` declarations (Chinese);
the checks and the effect from ``services.case_actions.perform``. Enter on an incomplete form
lists what is missing and keeps the form open; Ctrl+Enter does the same from a long text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.case import IllegalTransition
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import CaseRecord
from clerk_app.services import case_actions
from clerk_app.services.case_actions import ActionInput, CaseAction
from clerk_app.services.cases import CaseNotFound
from clerk_app.services.context import AppContext
from clerk_app.ui.widgets import ErrorPanel

_NO_DATE = QDate(2000, 1, 1)  # the minimum of an optional date field stands for "no date"


class ActionFormDialog(QDialog):
    """One field per declared input; OK validates, runs the action, and closes only on success."""

    def __init__(self, ctx: AppContext, clerk: Clerk, case: CaseRecord, action: CaseAction,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.clerk, self.case, self.action = ctx, clerk, case, action
        self.outcome: Any = None
        self.setObjectName(f"actionForm:{action.name}")
        self.setWindowTitle(action.title)
        self.setMinimumWidth(520)
        self.form = QFormLayout()
        self.fields: dict[str, QWidget] = {}
        self._options: dict[str, list[tuple[str, str]]] = {}
        for spec in action.inputs:
            w = self._field(spec)
            w.setObjectName(f"input:{spec.name}")
            self.fields[spec.name] = w
            if spec.kind == "bool":
                self.form.addRow(w)
            else:
                self.form.addRow(spec.label + ("＊" if spec.required else ""), w)
        self.errors = ErrorPanel(self)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK (Enter)"))
        box.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel (Esc)"))
        box.accepted.connect(self._ok)
        box.rejected.connect(self.reject)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, self._ok)
        lay = QVBoxLayout(self)
        if any(s.required for s in action.inputs):
            hint = QLabel(self.tr("Fields marked ＊ are required."))
            hint.setObjectName("requiredHint")
            lay.addWidget(hint)
        lay.addLayout(self.form)
        lay.addWidget(self.errors)
        lay.addWidget(box)
        first = next(iter(self.fields.values()), box.button(QDialogButtonBox.StandardButton.Ok))
        self.setFocusProxy(first)  # focus lands on the first field when the form is shown
        first.setFocus()

    def _field(self, spec: ActionInput) -> QWidget:
        initial = spec.initial(self.ctx, self.case)
        if spec.kind == "long_text":
            t = QPlainTextEdit(str(initial or ""))
            t.setTabChangesFocus(True)
            t.setPlaceholderText(spec.hint)
            t.setFixedHeight(90)
            return t
        if spec.kind == "bool":
            cb = QCheckBox(spec.label)
            cb.setChecked(bool(initial))
            return cb
        if spec.kind == "date":
            d = QDateEdit()
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.setMinimumDate(_NO_DATE)
            if not spec.required:
                d.setSpecialValueText("—")
            value = initial or (None if not spec.required else self.ctx.clock().date())
            d.setDate(QDate(value.year, value.month, value.day) if value else _NO_DATE)
            return d
        if spec.kind in ("choice", "multi_choice"):
            options = spec.options(self.ctx, self.case)
            self._options[spec.name] = options
            if spec.kind == "choice":
                c = QComboBox()
                for value, label in options:
                    c.addItem(label, value)
                c.setPlaceholderText(self.tr("Choose…"))
                values = [v for v, _ in options]
                c.setCurrentIndex(values.index(initial) if initial in values else -1)
                return c
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            chosen = set(initial or ())
            for value, label in options:
                cb = QCheckBox(label)
                cb.setObjectName(f"{spec.name}:{value}")
                cb.setChecked(value in chosen)
                box.addWidget(cb)
            if not options:
                box.addWidget(QLabel(self.tr("(none)")))
            first = holder.findChild(QCheckBox)
            if first is not None:
                holder.setFocusProxy(first)
            return holder
        line = QLineEdit(str(initial or ""))
        line.setPlaceholderText(spec.hint)
        if spec.max_length:
            line.setMaxLength(spec.max_length)
        return line

    def values(self) -> dict[str, Any]:
        """What the clerk entered, as the action's keyword inputs."""
        out: dict[str, Any] = {}
        for spec in self.action.inputs:
            w = self.fields[spec.name]
            if isinstance(w, QPlainTextEdit):
                out[spec.name] = w.toPlainText()
            elif isinstance(w, QCheckBox):
                out[spec.name] = w.isChecked()
            elif isinstance(w, QDateEdit):
                q = w.date()
                out[spec.name] = None if q == _NO_DATE and not spec.required else date(q.year(), q.month(), q.day())
            elif isinstance(w, QComboBox):
                out[spec.name] = w.currentData() if w.currentIndex() >= 0 else None
            elif isinstance(w, QLineEdit):
                out[spec.name] = w.text()
            else:  # multi_choice
                out[spec.name] = [v for v, _ in self._options[spec.name]
                                  if (cb := w.findChild(QCheckBox, f"{spec.name}:{v}")) and cb.isChecked()]
        return out

    def _ok(self) -> None:
        try:
            self.outcome = case_actions.perform(self.ctx, self.action.name, self.case.case_no, self.clerk,
                                                self.values())
        except (case_actions.ActionRefused, IllegalTransition, CaseNotFound) as exc:
            self.errors.show_messages(str(exc).split("；"))
            return
        self.accept()
