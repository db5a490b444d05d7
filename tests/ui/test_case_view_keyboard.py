"""The case view at the keyboard: what a clerk types in an action's form is never lost.

Every action form — hand-made or built from the declared inputs, including any action a later
module adds — opens with the focus on its first field, tabs through its fields, then 确定,
then 取消; Enter on an incomplete form says what is missing and keeps it open; Enter on a
complete one records once. Every action has its own shortcut; the tables let Tab out and fit
a 1366×768 counter monitor.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QLineEdit, QTableWidget
from sqlalchemy import func, select
from store.samples import food_tolerated, submit_request, ten_materials

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.services import case_actions, cases
from clerk_app.services.case_actions import ActionInput, CaseAction
from clerk_app.store.models import CaseEvent, CaseNote
from clerk_app.store.window_models import Handout
from clerk_app.ui.action_form import ActionDialogBase
from clerk_app.ui.case_dialog import CaseDialog

CHIEF = Clerk(id="1003", name="王五", badge="PT-0101", chief_rep=True)
CLERK = Clerk(id="1001", name="张三", badge="PT-0301")
EMPLOYMENT = {"items": [{"code": "000134011000"}],
              "applicant": {"kind": "person", "name": "赵七", "id_number": "11010519491231002X",
                            "phone": "13800138000"},
              "materials": {"employment_registration_form": "original", "applicant_id": "original",
                            "photo_2inch": "original"}}


def _accepted(ctx) -> str:
    return submit_request(ctx, EMPLOYMENT, CLERK).number


def _ready(ctx, note: str = "准予许可，证号 3101070012345") -> str:
    no = _accepted(ctx)
    cases.transition(ctx, no, CaseStatus.APPROVED, CLERK, note)
    cases.transition(ctx, no, CaseStatus.RESULT_READY, CLERK)
    return no


def _counts(ctx) -> tuple[int, int, int]:
    with ctx.store.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (CaseEvent, Handout, CaseNote))


def _case_dialog(ctx, qtbot, no: str, clerk: Clerk = CLERK) -> CaseDialog:
    dlg = CaseDialog(ctx, clerk, cases.get_case(ctx, no))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg)
    return dlg


def _open(ctx, qtbot, no: str, name: str, clerk: Clerk = CLERK) -> tuple[CaseDialog, ActionDialogBase]:
    dlg = _case_dialog(ctx, qtbot, no, clerk)
    form = dlg.open_action(name)
    assert isinstance(form, ActionDialogBase)
    qtbot.waitExposed(form)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    return dlg, form


def _tab_stops(keys, form: ActionDialogBase, n: int) -> list[str]:
    seen = []
    for _ in range(n):
        seen.append(keys.focused().objectName())
        keys.tab()
    return seen


def _first_state_offering(ctx, name: str) -> tuple[str, Clerk] | None:
    """A case (and clerk) for which the action is offered, among the states a day goes through."""
    for make, clerk in ((_accepted, CHIEF), (lambda c: submit_request(c, food_tolerated(), CLERK).number, CLERK),
                        (_ready, CLERK)):
        no = make(ctx)
        if name in case_actions.offered(ctx, cases.get_case(ctx, no), clerk):
            return no, clerk
    no = _ready(ctx)
    cases.transition(ctx, no, CaseStatus.HANDED_OUT, CLERK)
    if name in case_actions.offered(ctx, cases.get_case(ctx, no), CLERK):
        return no, CLERK
    from clerk_app.services import ratings

    ratings.rate(ctx, no, CLERK, "intake", "dissatisfied", [], "")  # a 差评: its follow-up, for a supervisor
    boss = Clerk(id="1003", name="王五", badge="PT-0101", chief_rep=True, supervisor=True)
    return (no, boss) if name in case_actions.offered(ctx, cases.get_case(ctx, no), boss) else None


@pytest.mark.parametrize("name", sorted(case_actions.case_actions()))
def test_every_action_form_starts_on_its_first_field_then_tabs_fields_ok_cancel(ctx, qtbot, keys, name):
    found = _first_state_offering(ctx, name)
    if found is None:
        pytest.skip(f"{name}: not offered in the states this test makes (accepted, 容缺, 待出件, 已出件, 差评)")
    _, form = _open(ctx, qtbot, found[0], name, found[1])
    fields = [w for w in form.field_widgets() if w.isEnabled()]
    assert fields, f"{name}: a form with no field"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is fields[0])  # not 确定, not the dialog
    stops = []
    for _ in range(len(fields) + 2):
        stops.append(QApplication.focusWidget())
        keys.tab()
    assert stops == [*fields, form.ok_button, form.cancel_button]
    assert not form.cancel_button.autoDefault()  # Enter on 取消 is 确定 too: only Esc or a click cancels


def test_the_hand_made_forms_tab_in_the_order_they_read(ctx, qtbot, keys):
    _, form = _open(ctx, qtbot, _accepted(ctx), "decide_on_spot", CHIEF)
    assert _tab_stops(keys, form, 6) == ["approveOnSpot", "decisionResult", "decisionNote", "actionOk",
                                         "actionCancel", "approveOnSpot"]
    _, form = _open(ctx, qtbot, _ready(ctx), "hand_out")
    applicant = ["input:result", "input:collector", "input:recipient_name", "input:id_type", "input:recipient_id",
                 "input:recipient_phone", "input:note"]
    assert _tab_stops(keys, form, 9) == [*applicant, "actionOk", "actionCancel"]  # 委托书 fields skipped
    assert keys.focused() is form.fields["result"]  # round again
    keys.tab()
    form.role.setCurrentIndex(form.role.findData("agent"))  # an agent collects: the 委托书 fields join the order
    got = _tab_stops(keys, form, 9)
    assert got == ["input:collector", "input:recipient_name", "input:id_type",
                                         "input:recipient_id", "input:recipient_phone", "input:authorisation_kept",
                                         "input:authorisation_scope", "input:authorisation_date", "input:note"]  # Tab leaves the date


def test_what_is_typed_after_one_tab_lands_in_the_next_field(ctx, qtbot, keys):
    _, form = _open(ctx, qtbot, _accepted(ctx), "decide_on_spot", CHIEF)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.approve)
    keys.tab()
    keys.type("准予，就业创业证 3101070012345")
    assert form.decision.text() == "准予，就业创业证 3101070012345"


def test_enter_on_an_incomplete_form_says_what_is_missing_and_records_nothing(ctx, qtbot, keys):
    no = _accepted(ctx)
    _, form = _open(ctx, qtbot, no, "decide_on_spot", CHIEF)
    before = _counts(ctx)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.approve)
    keys.enter()  # on the checkbox
    assert form.isVisible() and form.errors.messages() == ["请填写“决定内容”"]
    keys.tab(4)  # through the fields and 确定 to 取消: Enter there does not cancel either
    assert QApplication.focusWidget() is form.cancel_button
    keys.enter()
    assert form.isVisible()
    assert form.errors.messages() == ["请填写“决定内容”"]
    assert _counts(ctx) == before and cases.get_case(ctx, no).status is CaseStatus.ACCEPTED
    keys.press(Qt.Key.Key_Escape)  # Esc is the way out
    assert not form.isVisible() and form.result() == QDialog.DialogCode.Rejected

    _, form = _open(ctx, qtbot, _ready(ctx), "hand_out")
    before = _counts(ctx)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.fields["result"])
    keys.tab()
    form.role.setCurrentIndex(form.role.findData("agent"))  # not the applicant: an agent, name not yet typed
    keys.enter()
    assert form.isVisible() and form.errors.messages()[0] == "请填写“领取人姓名”"
    assert _counts(ctx) == before


def test_enter_on_a_complete_form_records_once(ctx, qtbot, keys):
    no = _ready(ctx)
    dlg, form = _open(ctx, qtbot, no, "mail")
    before = _counts(ctx)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.fields["result"])
    keys.tab(2)  # past the courier (EMS); its "other courier" name is off, so not a stop
    assert QApplication.focusWidget() is form.fields["tracking_no"]
    keys.type("1234567890123")
    keys.enter()  # the case is for pickup: no address yet
    assert form.isVisible() and form.errors.messages() == ["请填写“邮寄地址”"]
    assert _counts(ctx) == before
    form.fields["address"].setFocus()
    keys.type("上海市徐汇区示例路 100 号")
    keys.enter()
    assert not form.isVisible() and QDialog.result(form) == QDialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: dlg.case.status is CaseStatus.MAILED)
    dlg.activateWindow()  # (a window manager does this when the form closes)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget().objectName() == "doc:mail_label:2"  # the rebuilt view: print the label next
    keys.enter()  # a second Enter in the case view does not record again
    keys.enter()
    events, handouts, _ = _counts(ctx)
    assert (events, handouts) == (before[0] + 1, before[1] + 1)
    assert not dlg.mail_btn.isVisibleTo(dlg)


def test_decide_on_the_spot_then_hand_out_typed_entirely_from_the_keyboard(ctx, qtbot, keys):
    no = _accepted(ctx)
    dlg = _case_dialog(ctx, qtbot, no, CHIEF)
    assert dlg.decide_btn.text().endswith("（Alt+J）")
    keys.press(Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: getattr(dlg, "action_dialog", None) is not None and dlg.action_dialog.isVisible())
    form = dlg.action_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.approve)
    keys.tab()
    keys.type("准予，就业创业证 3101070012345")
    keys.tab()
    keys.type("现场核验原件")
    keys.enter()
    qtbot.waitUntil(lambda: not form.isVisible())
    case = cases.get_case(ctx, no)
    assert case.status is CaseStatus.RESULT_READY and case.result_note == "准予，就业创业证 3101070012345"
    assert any(e.note == "当场准予：准予，就业创业证 3101070012345；现场核验原件" for e in case.events)

    qtbot.waitUntil(lambda: dlg.handout_btn.isVisibleTo(dlg))  # rebuilt for the new state
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg)
    keys.press(Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dlg.action_dialog is not form and dlg.action_dialog.isVisible())
    handout = dlg.action_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is handout.fields["result"])
    assert handout.fields["result"].text() == "准予，就业创业证 3101070012345"  # the decision, ready to hand out
    keys.enter()  # the applicant in person
    qtbot.waitUntil(lambda: cases.get_case(ctx, no).status is CaseStatus.HANDED_OUT)


def test_a_shortcut_opens_its_action_only_while_it_is_offered(ctx, qtbot, keys):
    dlg = _case_dialog(ctx, qtbot, _accepted(ctx))  # nothing to hand out yet
    keys.press(Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    keys.press(Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # and 张三 is no chief representative
    assert getattr(dlg, "action_dialog", None) is None
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)  # a note is always offered
    qtbot.waitUntil(lambda: getattr(dlg, "action_dialog", None) is not None and dlg.action_dialog.isVisible())
    assert dlg.action_dialog.action.name == "note"


def test_every_action_has_its_own_shortcut_shown_on_its_button(ctx, qtbot):
    actions = case_actions.case_actions()
    keys_ = [a.shortcut for a in actions.values()]
    assert all(case_actions.SHORTCUT.fullmatch(k) for k in keys_), keys_
    assert len(set(keys_)) == len(keys_), keys_
    dlg = CaseDialog(ctx, CHIEF, cases.get_case(ctx, _accepted(ctx)))
    qtbot.addWidget(dlg)
    for name, a in actions.items():
        assert dlg.action_buttons[name].text().endswith(f"（{a.shortcut}）"), name
        assert dlg.action_buttons[name].shortcut().toString() == a.shortcut


def test_a_clash_of_declared_shortcuts_is_refused_and_a_missing_one_given(ctx):
    def run(ctx, case_no, clerk, text):
        return None

    inputs = (ActionInput("text", "内容"),)
    one = CaseAction("one", "甲", frozenset(), inputs, run, shortcut="Alt+B")
    with pytest.raises(RuntimeError, match="same shortcut 'Alt\\+B'"):
        case_actions._resolve_keys({**case_actions.case_actions(), "one": one})
    with pytest.raises(TypeError, match="not Alt"):
        CaseAction("two", "乙", frozenset(), inputs, run, shortcut="Ctrl+B")
    given = case_actions._resolve_keys({**case_actions.case_actions(),
                                        "bonus": CaseAction("bonus", "丙", frozenset(), inputs, run)})
    assert given["bonus"].shortcut == "Alt+O"  # B is 补交's: the next free letter of its name
    assert given["bonus"].command == "bonus"


def test_the_materials_table_lets_tab_out_and_arrows_move_inside(ctx, qtbot, keys):
    dlg = _case_dialog(ctx, qtbot, submit_request(ctx, ten_materials(), CLERK).number)
    table = dlg.findChild(QTableWidget, "caseMaterials")
    events = dlg.findChild(QTableWidget, "caseEvents")
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    keys.press(Qt.Key.Key_Down)
    assert QApplication.focusWidget() is table and table.currentRow() == 1
    keys.press(Qt.Key.Key_Right)
    assert table.currentColumn() == 1
    keys.tab()
    assert QApplication.focusWidget() is events and (table.currentRow(), table.currentColumn()) == (1, 1)
    keys.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is table
    keys.tab(2)  # on through the events to the reprint buttons
    assert QApplication.focusWidget() not in (table, events)


def test_the_case_view_fits_a_1366x768_counter_monitor(ctx, qtbot, window):
    no = submit_request(ctx, ten_materials(), CLERK).number
    for i in range(8):  # a long history, with long notes
        case_actions.perform(ctx, "note", no, CLERK, {"text": f"第{i + 1}次来电询问审批进度，已告知申请人" * 4})
    cases.transition(ctx, no, CaseStatus.IN_REVIEW, CLERK, "材料已流转至区卫生健康委审批科，" * 5)
    window.open_number(no)
    dlg = window.last_dialog
    assert isinstance(dlg, CaseDialog)
    qtbot.waitExposed(dlg)
    assert dlg.width() <= 1366 and dlg.height() <= 768
    assert dlg.minimumSizeHint().width() <= 1366 and dlg.minimumSizeHint().height() <= 768
    for name in ("caseMaterials", "caseEvents"):
        t = dlg.findChild(QTableWidget, name)
        header = t.horizontalHeader()
        width = sum(header.sectionSize(c) for c in range(t.columnCount()))
        assert width <= t.viewport().width() or t.horizontalScrollBar().isVisible(), name
        height = sum(t.rowHeight(r) for r in range(t.rowCount()))
        assert height <= t.viewport().height() or t.verticalScrollBar().isVisible(), name
        for c in range(t.columnCount()):  # every header readable in full
            text = t.horizontalHeaderItem(c).text()
            assert header.sectionSize(c) >= header.fontMetrics().horizontalAdvance(text), (name, text)
    dlg.close()


def test_a_long_text_takes_enter_as_a_new_line_and_ctrl_enter_as_ok(ctx, qtbot, keys):
    no = _accepted(ctx)
    _, form = _open(ctx, qtbot, no, "note")
    text = form.fields["text"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is text)
    assert "Ctrl+Enter" in form.ok_button.text()
    keys.type("第一行")
    keys.enter()
    keys.type("第二行")
    assert form.isVisible() and text.toPlainText() == "第一行\n第二行"
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not form.isVisible()
    with ctx.store.read() as s:
        assert s.scalars(select(CaseNote.text)).all() == ["第一行\n第二行"]


def test_hand_made_forms_leave_no_line_edit_outside_the_tab_order(ctx, qtbot):
    _, form = _open(ctx, qtbot, _ready(ctx), "mail")
    edits = [w for w in form.findChildren(QLineEdit) if w.isVisibleTo(form)]
    assert set(edits) <= set(form.field_widgets())
    assert all(not isinstance(w, QCheckBox) or w.isVisibleTo(form) for w in form.field_widgets())
