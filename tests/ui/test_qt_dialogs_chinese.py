"""Qt's own dialogs (file dialog, message boxes, standard buttons) speak Chinese too."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QFileDialog, QLabel, QMessageBox

WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def chinese(qapp):
    from clerk_app.ui import i18n

    before = list(i18n._installed)
    i18n.install_translators(qapp)
    yield
    for tr in i18n._installed[len(before):]:
        qapp.removeTranslator(tr)
    del i18n._installed[len(before):]


def test_standard_buttons_are_chinese(chinese, qtbot):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(["保存", "取消"])
    m = QMessageBox(QMessageBox.Icon.Question, "标题", "要保存草稿吗？",
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(m)
    assert sorted(b.text() for b in m.buttons()) == sorted(["是(&Y)", "否(&N)"])


def test_the_save_dialog_has_no_english_left(chinese, qtbot, tmp_path):
    d = QFileDialog(None, "保存为 PDF", str(tmp_path))
    qtbot.addWidget(d)
    d.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own widgets, as on a PC without a native one
    d.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    d.show()
    texts = [w.text() for w in d.findChildren(QLabel)] + [w.text() for w in d.findChildren(QAbstractButton)]
    texts += [w.toolTip() for w in d.findChildren(QAbstractButton)]
    english = {t for t in texts if WORD.search(t.replace(str(tmp_path), ""))}
    assert english == set()
    assert "查找范围(&L)：" in texts  # was "&Look in:"
