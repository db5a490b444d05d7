"""Idle lock: the screen locks after the idle time; only the logged-in person's password unlocks it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QPushButton, QVBoxLayout, QWidget

from clerk_app.domain.people import Clerk
from clerk_app.services.staff_login import login
from clerk_app.ui.idle_lock import install_idle_lock

from .helpers import actions, add

PW = "secret-pass-1"


class Window(QMainWindow):
    def __init__(self):
        super().__init__()
        body = QWidget()
        lay = QVBoxLayout(body)
        self.edit = QLineEdit()
        self.button = QPushButton("收件")
        self.clicks = 0
        self.button.clicked.connect(self._clicked)
        lay.addWidget(self.edit)
        lay.addWidget(self.button)
        self.setCentralWidget(body)
        self.clerks: list[Clerk] = []

    def _clicked(self):
        self.clicks += 1

    def set_clerk(self, clerk):
        self.clerks.append(clerk)


def _user_click(win, widget):
    """Click as the windowing system delivers it (QTest's widget overload bypasses modality)."""
    pos = widget.mapTo(win, widget.rect().center())
    QTest.mouseClick(win.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


@pytest.fixture
def clerk(ctx):
    add(ctx, "2002", "李四海")
    add(ctx, "2001", "张三丰", substitutes=["2002"])
    return login(ctx, "2002", PW, on_behalf_of="2001").clerk


@pytest.fixture
def win(zh, qtbot):
    w = Window()
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def make_lock(ctx, win):
    made = []

    def make(get_clerk, timeout_ms):
        made.append(install_idle_lock(win, ctx, get_clerk, timeout_ms))
        return made[-1]

    yield make
    for lock in made:
        lock.uninstall()


def test_locks_after_the_idle_time_and_covers_the_window(ctx, win, clerk, make_lock, qtbot):
    lock = make_lock(lambda: clerk, 100)
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    screen = lock.screen
    assert lock.is_locked and screen.isVisible()
    assert screen.windowModality() == Qt.WindowModality.ApplicationModal
    assert screen.geometry().contains(win.geometry())
    assert screen.findChild(QLabel, "who").text() == "当前登录：李四海（代张三丰）"
    assert screen.unlock_button.text() == "解锁" and screen.switch_button.text() == "换人登录"
    assert actions(ctx)[-1] == "staff.idle_lock"
    _user_click(win, win.button)
    assert win.clicks == 0  # the window behind the lock takes no input
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert lock.is_locked and screen.isVisible()  # Esc does not unlock


def test_only_the_right_password_unlocks(ctx, win, clerk, make_lock, qtbot):
    lock = make_lock(lambda: clerk, 100)
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    screen = lock.screen
    qtbot.keyClicks(screen.password, "wrong-password")
    screen.unlock_button.click()
    assert lock.is_locked and "密码不正确" in screen.error.text() and screen.password.text() == ""
    qtbot.keyClicks(screen.password, PW)
    with qtbot.waitSignal(lock.unlocked, timeout=2000):
        qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    assert not lock.is_locked and lock.timer.isActive()
    assert actions(ctx)[-3:] == ["staff.idle_lock", "staff.unlock_failed", "staff.unlock"]
    _user_click(win, win.button)
    assert win.clicks == 1


def test_five_wrong_unlocks_lock_the_account(ctx, win, clerk, make_lock, qtbot):
    lock = make_lock(lambda: clerk, 100)
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    for _ in range(5):
        lock.screen.password.setText("wrong-password")
        lock.screen.unlock_button.click()
    assert "锁定" in lock.screen.error.text()
    lock.screen.password.setText(PW)
    lock.screen.unlock_button.click()
    assert lock.is_locked and "锁定" in lock.screen.error.text()


def test_activity_restarts_the_countdown(win, clerk, make_lock, qtbot):
    lock = make_lock(lambda: clerk, 400)
    for _ in range(8):  # the clerk keeps typing for twice the idle time
        qtbot.wait(100)
        qtbot.keyClick(win.edit, "a")
    assert not lock.is_locked
    with qtbot.waitSignal(lock.locked, timeout=3000):  # then stops
        pass


def test_the_idle_time_comes_from_the_settings(ctx, win, clerk, make_lock):
    ctx.settings.idle_lock_minutes = 0.5
    assert make_lock(lambda: clerk, None).timer.interval() == 30_000


def test_nothing_to_lock_when_nobody_is_logged_in(win, make_lock, qtbot):
    lock = make_lock(lambda: None, 50)
    with qtbot.waitSignal(lock.timer.timeout, timeout=3000):
        pass
    assert not lock.is_locked


def test_switch_user_from_the_lock_screen_hands_the_window_to_the_new_clerk(win, clerk, make_lock, qtbot,
                                                                          monkeypatch):
    other = Clerk("2001", "张三丰")
    monkeypatch.setattr("clerk_app.ui.login.run_login", lambda ctx, parent=None: other)
    lock = make_lock(lambda: clerk, 100)
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    with qtbot.waitSignal(lock.switched, timeout=2000) as sig:
        lock.screen.switch_button.click()
    assert sig.args == [other] and win.clerks == [other] and not lock.is_locked


def test_a_cancelled_switch_stays_locked(win, clerk, make_lock, qtbot, monkeypatch):
    monkeypatch.setattr("clerk_app.ui.login.run_login", lambda ctx, parent=None: None)
    lock = make_lock(lambda: clerk, 100)
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    lock.screen.switch_button.click()
    assert lock.is_locked and win.clerks == []
