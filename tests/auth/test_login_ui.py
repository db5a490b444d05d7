"""The login dialog as a clerk sees it (Chinese), including 代岗 and the handover on return."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QTreeWidget

from clerk_app.services.staff_login import login, logout, remembered_staff_no
from clerk_app.store.staff_models import Staff
from clerk_app.ui.login import LoginDialog, run_login

from .helpers import add, take

PW = "secret-pass-1"


@pytest.fixture
def people(ctx):
    add(ctx, "2002", "李四海", grants=["*"])
    add(ctx, "2003", "王五岳", grants=["*"])
    add(ctx, "2001", "张三丰", grants=["人社"], substitutes=["2002"])


@pytest.fixture
def dialog(ctx, zh, qtbot, people):
    d = LoginDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    return d


def test_the_dialog_speaks_chinese(dialog):
    assert dialog.windowTitle() == "窗口人员登录"
    assert dialog.login_button.text() == "登录"
    assert dialog.substitute.text() == "代岗（为 A 角顶岗）"
    assert dialog.remember.text() == "在本机记住工号"
    notes = [lb.text() for lb in dialog.findChildren(QLabel, "note")]
    assert any("演示账号" in n for n in notes)  # the fresh folder's demo accounts are still active


def test_without_a_keyring_the_dialog_says_where_secrets_go_and_still_remembers(ctx, zh, qtbot, people):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # headless Linux (the autouse fixture restores it)
    d = LoginDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    notes = [lb.text() for lb in d.findChildren(QLabel, "note")]
    assert any("没有可用的系统密钥环" in n and "secrets" in n for n in notes)
    qtbot.keyClicks(d.staff_no, "2001")
    d.remember.setChecked(True)
    qtbot.keyClicks(d.password, PW)
    with qtbot.waitSignal(d.accepted, timeout=2000):
        d.login_button.click()
    assert remembered_staff_no() == "2001"


def test_wrong_password_shows_a_chinese_error_and_stays_open(dialog, qtbot):
    qtbot.keyClicks(dialog.staff_no, "2001")
    qtbot.keyClicks(dialog.password, "not-my-password")
    dialog.login_button.click()
    assert dialog.error.isVisible() and "工号或密码不正确" in dialog.error.text()
    assert dialog.isVisible() and dialog.clerk is None
    assert dialog.password.text() == ""


def test_right_password_logs_in_and_remembers_the_staff_number(dialog, qtbot):
    qtbot.keyClicks(dialog.staff_no, "2001")
    dialog.remember.setChecked(True)
    qtbot.keyClicks(dialog.password, PW)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.login_button.click()
    assert dialog.clerk.display == "张三丰"
    assert remembered_staff_no() == "2001"


def test_remembered_staff_number_is_filled_in(ctx, zh, qtbot, people):
    from clerk_app.services.staff_login import remember_staff_no

    remember_staff_no("2002")
    d = LoginDialog(ctx)
    qtbot.addWidget(d)
    assert d.staff_no.text() == "2002" and d.remember.isChecked()


def test_the_substitute_choice_lists_only_whom_this_person_may_cover(dialog, qtbot):
    qtbot.keyClicks(dialog.staff_no, "2003")
    assert not dialog.substitute.isEnabled()  # 王五岳 is nobody's B
    assert "不是本窗口任何人员指定的 B 角" in dialog.substitute.toolTip()
    dialog.staff_no.clear()
    qtbot.keyClicks(dialog.staff_no, "2002")
    assert dialog.substitute.isEnabled()
    assert [dialog.holder.itemText(i) for i in range(dialog.holder.count())] == ["张三丰（工号2001）"]
    dialog.substitute.setChecked(True)
    qtbot.keyClicks(dialog.password, PW)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.login_button.click()
    assert dialog.clerk.display == "李四海（代张三丰）" and dialog.clerk.on_behalf_of_id == "2001"


def test_returning_a_sees_the_handover_before_taking_over(ctx, dialog, qtbot, monkeypatch):
    b = login(ctx, "2002", PW, on_behalf_of="2001").clerk
    case_no = take(ctx, b).number
    logout(ctx, b)
    shown = []

    def fake_exec(self):
        tree = self.findChild(QTreeWidget, "handoverTree")
        shown.append((self.windowTitle(), self.findChild(QLabel, "headline").text(),
                      [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())],
                      tree.topLevelItem(1).child(0).text(0)))
        return 1

    monkeypatch.setattr("clerk_app.ui.handover.HandoverDialog.exec", fake_exec)
    qtbot.keyClicks(dialog.staff_no, "2001")
    qtbot.keyClicks(dialog.password, PW)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.login_button.click()
    [(title, headline, groups, first_case)] = shown
    assert title == "交接摘要"
    assert headline.startswith("您不在岗期间，李四海 代您顶岗：收件 1 件")
    assert groups[:4] == ["代岗时段（1）", "收件（1）", "一次性告知（0）", "出件（0）"]
    assert first_case == case_no
    with ctx.store.read() as s:
        assert s.get(Staff, "2001").handover_seen_until is not None  # acknowledged


def _answer_next_dialog(fill):
    """Act on the modal dialog run_login is about to show (then make sure it closes)."""

    def act():
        d = QApplication.activeModalWidget()
        if d is None:
            QTimer.singleShot(10, act)
            return
        try:
            fill(d)
        finally:
            if d.isVisible():
                d.reject()

    QTimer.singleShot(0, act)


def test_run_login_returns_the_clerk_or_none_when_cancelled(ctx, zh, people):
    def fill(d):
        d.staff_no.setText("2001")
        d.password.setText(PW)
        d.login_button.click()

    _answer_next_dialog(fill)
    assert run_login(ctx).id == "2001"
    _answer_next_dialog(lambda d: d.reject())
    assert run_login(ctx) is None
