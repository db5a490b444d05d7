"""At start the login dialog is on screen before the store is open (issue 14, "no waits")."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from clerk_app.services.staff_login import remember_staff_no
from clerk_app.ui.login import LoginDialog
from clerk_app.ui.startup import ContextLoader

from .helpers import add

PW = "secret-pass-1"


@pytest.fixture
def staffed_home(clerk_home):
    """A data folder whose store already has a staff member (as on every start but the first)."""
    from clerk_app.services.context import open_context

    ctx = open_context()
    try:
        add(ctx, "2001", "张三丰", grants=["*"])
    finally:
        ctx.close()


@pytest.fixture
def opened():
    loaders = []
    yield loaders
    for loader in loaders:
        ctx = loader.wait()
        if ctx is not None:
            ctx.close()


def _dialog(qtbot, opened):
    loader = ContextLoader()
    opened.append(loader)
    d = LoginDialog(None)
    qtbot.addWidget(d)
    loader.ready.connect(d.context_ready)
    loader.failed.connect(d.context_failed)
    d.show()
    return d, loader


def test_the_dialog_needs_no_context_and_fills_in_when_it_arrives(zh, qtbot, staffed_home, opened):
    remember_staff_no("2001")
    d, loader = _dialog(qtbot, opened)
    assert d.staff_no.text() == "" and d.where.text() == "…"
    assert not d.findChildren(QLabel, "note")
    with qtbot.waitSignal(loader.ready, timeout=30000):
        loader.start()
    assert d.ctx is not None and d.ctx.window_id in d.where.text()
    assert d.staff_no.text() == "2001" and d.remember.isChecked()
    assert any("演示账号" in lb.text() for lb in d.findChildren(QLabel, "note"))  # the fresh folder's demo staff


def test_a_login_asked_for_before_the_store_is_open_goes_ahead_by_itself(zh, qtbot, staffed_home, opened):
    d, loader = _dialog(qtbot, opened)
    qtbot.keyClicks(d.staff_no, "2001")
    qtbot.keyClicks(d.password, PW)
    d.login_button.click()
    assert d.clerk is None and d.error.isVisible() and "自动继续" in d.error.text()
    with qtbot.waitSignal(d.accepted, timeout=30000):
        loader.start()
    assert d.clerk is not None and d.clerk.display == "张三丰"


def test_what_the_clerk_typed_meanwhile_is_not_overwritten(zh, qtbot, staffed_home, opened):
    remember_staff_no("2001")
    d, loader = _dialog(qtbot, opened)
    qtbot.keyClicks(d.staff_no, "3005")
    with qtbot.waitSignal(loader.ready, timeout=30000):
        loader.start()
    assert d.staff_no.text() == "3005"


def test_a_broken_data_folder_closes_the_dialog_with_the_reason(zh, qtbot, clerk_home, opened, monkeypatch):
    from clerk_app.settings import SettingsError

    def broken():
        raise SettingsError("settings.toml: window.number 必须是3位数字")

    monkeypatch.setattr("clerk_app.services.context.open_context", broken)
    d, loader = _dialog(qtbot, opened)
    with qtbot.waitSignal(d.rejected, timeout=30000):
        loader.start()
    assert isinstance(d.load_error, SettingsError) and isinstance(loader.error, SettingsError)
    assert loader.wait() is None
