"""The generic action form: one widget per declared input kind, and the note action through it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit
from sqlalchemy import select
from store.samples import sign_accepted, submit_request

from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.services import cases
from clerk_app.services.case_actions import ActionInput, CaseAction
from clerk_app.store.models import CaseNote
from clerk_app.ui.action_dialogs import action_dialog
from clerk_app.ui.action_form import ActionFormDialog
from clerk_app.ui.case_dialog import CaseDialog
from clerk_app.ui.results_dialogs import HandOutForm


def _every_kind(ctx, case_no, clerk, title, body, level, picks, when, urgent, due=None):
    return None


EVERY_KIND = CaseAction("every_kind", "各类输入", frozenset(), (
    ActionInput("title", "标题", required=True, max_length=10),
    ActionInput("body", "正文", "long_text"),
    ActionInput("level", "等级", "choice", choices=(("a", "甲"), ("b", "乙")), default="b"),
    ActionInput("picks", "材料", "multi_choice", choices=lambda ctx, case: [(m.key, m.name) for m in case.materials]),
    ActionInput("when", "日期", "date", required=True),
    ActionInput("urgent", "加急", "bool"),
    ActionInput("due", "期限", "date"),
), _every_kind)


def test_each_input_kind_gets_its_widget_and_gives_its_value(ctx, qtbot):
    case = cases.get_case(ctx, submit_request(ctx, sign_accepted()).number)
    form = ActionFormDialog(ctx, LOCAL_CLERK, case, EVERY_KIND)
    qtbot.addWidget(form)
    f = form.fields
    assert isinstance(f["title"], QLineEdit) and f["title"].maxLength() == 10
    assert isinstance(f["body"], QPlainTextEdit) and isinstance(f["level"], QComboBox)
    assert isinstance(f["when"], QDateEdit) and isinstance(f["urgent"], QCheckBox)
    first_key = case.materials[0].key
    assert f["level"].currentData() == "b"  # the declared default
    f["title"].setText("标题")
    f["body"].setPlainText("两行\n正文")
    f["picks"].findChild(QCheckBox, f"picks:{first_key}").setChecked(True)
    f["when"].setDate(QDate(2026, 12, 1))
    f["urgent"].setChecked(True)
    assert form.values() == {"title": "标题", "body": "两行\n正文", "level": "b", "picks": [first_key],
                             "when": date(2026, 12, 1), "urgent": True, "due": None}  # optional date: none


def test_the_note_action_has_no_form_of_its_own_and_is_recorded_through_the_generic_one(ctx, qtbot, keys):
    no = submit_request(ctx, sign_accepted()).number
    dlg = CaseDialog(ctx, LOCAL_CLERK, cases.get_case(ctx, no))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert isinstance(action_dialog(ctx, LOCAL_CLERK, dlg.case, "hand_out"), HandOutForm)  # its own form
    assert dlg.action_buttons["note"].isVisibleTo(dlg) and dlg.handout_btn.isHidden()
    dlg.action_buttons["note"].click()
    form = dlg.action_dialog
    assert isinstance(form, ActionFormDialog)
    qtbot.waitExposed(form)
    text = form.fields["text"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is text)
    keys.enter()  # Enter in a long text is a new line, not an OK
    assert form.isVisible() and form.errors.messages() == []
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter: OK from a long text
    assert form.isVisible() and form.errors.messages() == ["请填写“备注内容”"]
    text.clear()
    keys.type("申请人来电询问进度", text)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not form.isVisible()
    with ctx.store.read() as s:
        (row,) = s.scalars(select(CaseNote)).all()
    assert (row.kind, row.text) == ("note", "申请人来电询问进度")
