"""The form of any case action that has no form of its own, built from its declared inputs.

The labels, choices and messages come from the action's ``ActionInput`` declarations (Chinese);
the checks and the effect from ``services.case_actions.perform``. Enter on an incomplete form
lists what is missing and keeps the form open; Ctrl+Enter does the same from a long text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
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


def _focusable(w: QWidget) -> list[QWidget]:
    """The widgets Tab stops at inside one form row, in their order (a holder's checkboxes, say)."""
    if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None:
        return [w]
    inner = [c for c in w.findChildren(QWidget) if c.focusPolicy() & Qt.FocusPolicy.TabFocus
             and c.focusProxy() is None and not _inside_a_field(c, w)]
    return inner or ([w] if w.focusPolicy() & Qt.FocusPolicy.TabFocus else [])


def _inside_a_field(c: QWidget, holder: QWidget) -> bool:
    """Whether ``c`` is a part of a field (a spin box's editor, a combo box's popup list), not a field."""
    p = c.parentWidget()
    while p is not None and p is not holder:
        if isinstance(p, QAbstractSpinBox | QComboBox) or p.isWindow():
            return True
        p = p.parentWidget()
    return False


class _DateEdit(QDateEdit):
    """A date field that Tab leaves (QDateEdit's own Tab walks year, month, day: the arrows do that)."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802,A002 - Qt API
        return QWidget.focusNextPrevChild(self, next)


class ActionDialogBase(QDialog):
    """What every action form shares, the hand-made ones included, so the keyboard works the same.

    Focus lands on the first field; Tab goes through the fields in their order, then 确定, then
    取消; Enter (anywhere but a long text) or Ctrl+Enter runs the action through
    ``case_actions.perform``, and when it is refused — inputs missing, rules — the form stays
    open and says why; only Esc or 取消 cancels. A subclass adds its rows to ``self.form``
    and gives ``values()``: the action's keyword inputs.
    """

    def __init__(self, ctx: AppContext, clerk: Clerk, case: CaseRecord, action: CaseAction,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.clerk, self.case, self.action = ctx, clerk, case, action
        self.outcome: Any = None
        self.setWindowTitle(action.title)
        self.setMinimumWidth(520)
        self.form = QFormLayout()
        self.errors = ErrorPanel(self)
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.box.button(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setObjectName("actionOk")
        self.cancel_button.setObjectName("actionCancel")
        self.ok_button.setText(QCoreApplication.translate("ActionFormDialog", "OK (Enter)"))
        self.cancel_button.setText(QCoreApplication.translate("ActionFormDialog", "Cancel (Esc)"))
        self.ok_button.setDefault(True)
        self.cancel_button.setAutoDefault(False)  # Enter never cancels, even from 取消: only Esc or a click does
        self.box.accepted.connect(self._ok)
        self.box.rejected.connect(self.reject)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, self._ok)
        self.lay = QVBoxLayout(self)
        self.lay.addLayout(self.form)
        self.lay.addWidget(self.errors)
        self.lay.addWidget(self.box)
        self._keys_arranged = False

    def field_widgets(self) -> list[QWidget]:
        """The form's Tab stops in row order (labels are skipped)."""
        out: list[QWidget] = []
        roles = (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole)
        for row in range(self.form.rowCount()):
            for role in roles:
                item = self.form.itemAt(row, role)
                w = item.widget() if item is not None else None
                if w is not None:
                    out += _focusable(w)
        return list(dict.fromkeys(out))  # a spanning row answers for more than one role

    def arrange_keys(self) -> None:
        """Tab order fields → 确定 → 取消, and the focus on the first field that takes it."""
        fields = self.field_widgets()
        if any(isinstance(w, QPlainTextEdit) for w in fields):  # there Enter is a new line: say so on 确定
            self.ok_button.setText(self.ok_button.text().replace("Enter", "Ctrl+Enter"))
        chain = [*fields, self.ok_button, self.cancel_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        first = next((w for w in chain if w.isEnabled() and not w.isHidden()), self.ok_button)
        first.setFocus(Qt.FocusReason.TabFocusReason)
        self._keys_arranged = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        if not self._keys_arranged:  # rows are all added by now, whatever the subclass
            self.arrange_keys()
        super().showEvent(event)

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def run_action(self) -> Any:
        """Carry the action out with the form's values (the rules and input checks of ``perform``)."""
        return case_actions.perform(self.ctx, self.action.name, self.case.case_no, self.clerk, self.values())

    def _ok(self) -> None:
        try:
            self.outcome = self.run_action()
        except (case_actions.ActionRefused, IllegalTransition, CaseNotFound) as exc:
            self.errors.show_messages(str(exc).split("；"))
            return
        self.accept()


class ActionFormDialog(ActionDialogBase):
    """One field per declared input; OK validates, runs the action, and closes only on success."""

    def __init__(self, ctx: AppContext, clerk: Clerk, case: CaseRecord, action: CaseAction,
                 parent: QWidget | None = None):
        super().__init__(ctx, clerk, case, action, parent)
        self.setObjectName(f"actionForm:{action.name}")
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
        if any(s.required for s in action.inputs):
            hint = QLabel(self.tr("Fields marked ＊ are required."))
            hint.setObjectName("requiredHint")
            self.lay.insertWidget(0, hint)

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
            d = _DateEdit()
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
