"""UI test helpers: a main window on a fresh store, keyboard typing that is safe for Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from clerk_app.domain.people import LOCAL_CLERK

ID_OK = "11010519491231002X"
ID_BAD = "110105194912310021"  # wrong check digit
USCC_OK = "91350100M000100Y43"


class Keys:
    """Drive the app as a clerk at the keyboard: everything goes to the focused widget."""

    def __init__(self, qtbot):
        self.qtbot = qtbot

    @staticmethod
    def focused() -> QWidget:
        w = QApplication.focusWidget()
        assert w is not None, "nothing has keyboard focus"
        return w

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.focused(), key, modifier)

    def type(self, text: str, widget: QWidget | None = None) -> None:
        """Type any text, one key event per character (qtbot.keyClicks aborts on non-ASCII)."""
        w = widget or self.focused()
        for ch in text:
            QTest.sendKeyEvent(QTest.KeyAction.Click, w, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)

    def enter(self, widget: QWidget | None = None) -> None:
        QTest.keyClick(widget or self.focused(), Qt.Key.Key_Return)

    def tab(self, n: int = 1) -> None:
        for _ in range(n):
            self.press(Qt.Key.Key_Tab)


@pytest.fixture
def keys(qtbot) -> Keys:
    return Keys(qtbot)


@pytest.fixture
def window(ctx, qtbot):
    from clerk_app.ui.main_window import MainWindow

    w = MainWindow(ctx, LOCAL_CLERK)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w
