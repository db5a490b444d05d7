"""Small shared widgets: headings, inline error labels, the error panel, urgency colours."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QWidget

URGENCY_COLOURS = {
    "green": QColor("#d8f0d8"),
    "yellow": QColor("#fff1b8"),
    "red": QColor("#ffd0cc"),
    "none": QColor(0, 0, 0, 0),
}
ERROR_COLOUR = "#b3261e"
OK_COLOUR = "#1e7b34"
HINT_COLOUR = "#555555"


def heading(text: str, size: int = 15, parent: QWidget | None = None) -> QLabel:
    lab = QLabel(text, parent)
    f = lab.font()
    f.setPointSize(size)
    f.setBold(True)
    lab.setFont(f)
    return lab


def hint(text: str = "", parent: QWidget | None = None) -> QLabel:
    lab = QLabel(text, parent)
    lab.setWordWrap(True)
    lab.setStyleSheet(f"color: {HINT_COLOUR};")
    return lab


class FieldMessage(QLabel):
    """The line under an input: red for a problem, green for a check that passed, empty otherwise."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.clear_message()

    def error(self, text: str) -> None:
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.setText(text)
        self.setVisible(bool(text))

    def ok(self, text: str) -> None:
        self.setStyleSheet(f"color: {OK_COLOUR};")
        self.setText(text)
        self.setVisible(bool(text))

    def note(self, text: str) -> None:
        self.setStyleSheet(f"color: {HINT_COLOUR};")
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.setVisible(False)

    @property
    def is_error(self) -> bool:
        return not self.isHidden() and ERROR_COLOUR in self.styleSheet()


class ErrorPanel(QFrame):
    """Every problem of a step at once, in Chinese, above the buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("errorPanel")
        self.setStyleSheet(f"#errorPanel {{ background: #fdecea; border: 1px solid {ERROR_COLOUR}; border-radius: 4px; }}"
                           f" QLabel {{ color: {ERROR_COLOUR}; }}")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        from PySide6.QtWidgets import QVBoxLayout

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(self.label)
        self.hide()

    def show_messages(self, messages: Iterable[str]) -> None:
        msgs = list(dict.fromkeys(m for m in messages if m))
        self.label.setText("\n".join(f"• {m}" for m in msgs))
        self.setVisible(bool(msgs))

    def messages(self) -> list[str]:
        return [m.removeprefix("• ") for m in self.label.text().splitlines() if m] if not self.isHidden() else []
