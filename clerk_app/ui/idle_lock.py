"""Idle lock: after ``settings.idle_lock_minutes`` without keyboard or mouse input the screen
is covered and the password of the person logged in is needed again.

The lock is an application-modal, frameless dialog covering the main window's screen, so
nothing behind it (applicant data, open dialogs, shortcuts) can be seen or used. "Switch
user" runs the normal login; the new clerk is announced with :attr:`IdleLock.switched`.
Saved cases and drafts are untouched either way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.people import Clerk
from clerk_app.services import staff_login
from clerk_app.services.context import AppContext

log = logging.getLogger(__name__)

ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.InputMethod,
})


class LockScreen(QDialog):
    """The cover shown while locked; it cannot be closed except by unlocking or switching user."""

    def __init__(self, clerk: Clerk, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("lockScreen")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setStyleSheet("QDialog#lockScreen { background: #2f3b4c; }"
                           "QFrame#lockBox { background: white; border-radius: 8px; }")
        box = QFrame()
        box.setObjectName("lockBox")
        box.setFixedWidth(440)
        title = QLabel(self.tr("Screen locked"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        title.setFont(f)
        who = QLabel(self.tr("Logged in: %1").replace("%1", clerk.display))
        who.setObjectName("who")
        why = QLabel(self.tr("The window was idle. Enter your password to continue."))
        why.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.error = QLabel()
        self.error.setObjectName("unlockError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.hide()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(self.tr("Switch user"))
        self.switch_button.setObjectName("switchButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.switch_button)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(24, 20, 24, 20)
        for w in (title, who, why, self.password, self.error):
            inner.addWidget(w)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.password.returnPressed.connect(self.unlock_button.click)

    def reject(self) -> None:  # Esc must not unlock
        pass

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        event.ignore()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.password.clear()
        self.password.setFocus()


class IdleLock(QObject):
    """Watches the whole application's input; locks after the idle time."""

    locked = Signal()
    unlocked = Signal()
    switched = Signal(object)  # the new Clerk after "switch user"

    def __init__(self, window: QWidget, ctx: AppContext, get_clerk: Callable[[], Clerk | None],
                 timeout_ms: int | None = None):
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.get_clerk = get_clerk
        self.screen: LockScreen | None = None
        self._clerk: Clerk | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms or max(1000, int(ctx.settings.idle_lock_minutes * 60_000)))
        self.timer.timeout.connect(self.lock_now)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.screen is not None

    def set_timeout(self, ms: int) -> None:
        self.timer.setInterval(ms)
        if not self.is_locked:
            self.timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in ACTIVITY and not self.is_locked:
            self.timer.start()  # restart the idle countdown
        return False

    def lock_now(self) -> None:
        """Lock at once (also for a "lock" button or shortcut)."""
        if self.is_locked:
            return
        clerk = self.get_clerk()
        if clerk is None:  # nobody logged in: nothing to protect
            self.timer.start()
            return
        self._clerk = clerk
        try:
            staff_login.note_idle_lock(self.ctx, clerk)
        except Exception:
            log.exception("cannot audit the idle lock")
        screen = LockScreen(clerk, self.window)
        scr = self.window.screen() or QGuiApplication.primaryScreen()
        screen.setGeometry(scr.geometry() if scr is not None else self.window.geometry())
        screen.unlock_button.clicked.connect(self._try_unlock)
        screen.switch_button.clicked.connect(self._switch_user)
        self.screen = screen
        self.timer.stop()
        screen.show()
        screen.raise_()
        screen.activateWindow()
        screen.password.setFocus()
        self.locked.emit()

    def _try_unlock(self) -> None:
        if self.screen is None or self._clerk is None:
            return
        try:
            staff_login.unlock(self.ctx, self._clerk, self.screen.password.text())
        except staff_login.LoginRefused as exc:
            self.screen.show_error(str(exc))
            return
        except Exception:
            log.exception("unlock failed")
            self.screen.show_error(self.tr("Unlock failed because of an internal error; see the log file."))
            return
        self._release()
        self.unlocked.emit()

    def _switch_user(self) -> None:
        from clerk_app.ui.login import run_login

        clerk = run_login(self.ctx, self.screen)
        if clerk is None:
            return
        self._release()
        self.switched.emit(clerk)
        self.unlocked.emit()

    def uninstall(self) -> None:
        """Stop watching (e.g. when the window closes); an open lock screen is removed."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        screen, self.screen = self.screen, None
        if screen is not None:
            screen.hide()
            screen.deleteLater()

    def _release(self) -> None:
        screen, self.screen = self.screen, None
        if screen is not None:
            screen.hide()
            screen.deleteLater()
        self.timer.start()


def install_idle_lock(window: QWidget, ctx: AppContext, get_clerk: Callable[[], Clerk | None],
                      timeout_ms: int | None = None) -> IdleLock:
    """Lock ``window``'s application after the idle time.

    After "switch user" on the lock screen the new clerk is emitted with ``switched``; when
    ``window`` has a ``set_clerk(clerk)`` method it is connected here, so the window can
    never keep acting as the previous clerk.
    """
    lock = IdleLock(window, ctx, get_clerk, timeout_ms)
    set_clerk = getattr(window, "set_clerk", None)
    if callable(set_clerk):
        lock.switched.connect(set_clerk)
    window._clerk_idle_lock = lock  # type: ignore[attr-defined]  # keep the Python object alive
    return lock
