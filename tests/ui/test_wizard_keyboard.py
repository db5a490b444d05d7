"""A whole intake without the mouse: F2, type, Enter, Tab, arrows; the case is saved and shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from records_json import as_json

from clerk_app.domain.case import CaseStatus
from clerk_app.intake.flow import Step
from clerk_app.services import cases

ID_OK = "11010519491231002X"


def test_immediate_item_accepted_by_keyboard_only(window, keys, qtbot, ctx):
    keys.press(Qt.Key.Key_F2)
    wiz = window.wizard
    assert wiz is not None and wiz.page.step is Step.ITEMS
    keys.type("jycy")  # 就业创业证申领 by pinyin initials
    keys.enter()  # adds the first match
    assert [s.code for s in wiz.flow.draft.selections] == ["000134011000"]
    keys.enter()  # empty box: go on (no situation to choose for this item)
    assert wiz.page.step is Step.APPLICANT
    assert keys.focused().objectName() == "applicant.id_number"
    keys.type(ID_OK)
    keys.tab()
    keys.type("张三")
    keys.tab()
    keys.type("13800138000")
    keys.enter()
    assert wiz.page.step is Step.MATERIALS, wiz.page.errors.messages()
    for _ in wiz.page.rows:  # each line: arrow to "original", Tab past the count, Tab to the next line
        assert keys.focused().objectName().endswith(":missing")
        keys.press(Qt.Key.Key_Right)
        keys.tab(2)
    assert [r.provided().status.value for r in wiz.page.rows.values()] == ["original"] * 3
    assert keys.focused() is wiz.next_btn  # Tab after the last material reaches "Next"
    keys.enter()
    assert wiz.page.step is Step.DECISION
    keys.enter()  # finish
    assert window.wizard is None
    dlg = window.last_dialog
    number = dlg.result.number
    case = as_json(cases.get_case(ctx, number))
    assert case["status"] == CaseStatus.ACCEPTED and case["due_date"] == "2026-11-23"
    assert {m["status"] for m in case["materials"]} == {"original"}
    assert window.today.cases.item(0, 0).text() == number


def test_escape_goes_back_and_keeps_what_was_typed(window, keys):
    keys.press(Qt.Key.Key_F2)
    wiz = window.wizard
    keys.type("jycy")
    keys.enter()
    keys.enter()
    keys.type(ID_OK)
    keys.press(Qt.Key.Key_Escape)
    assert wiz.page.step is Step.ITEMS
    assert wiz.flow.draft.applicant.id_number == ID_OK
    keys.enter()  # empty box: on again
    assert wiz.page.applicant.id_number.text() == ID_OK


def test_materials_f6_marks_all_as_required_and_arrows_move_between_lines(window, keys):
    keys.press(Qt.Key.Key_F2)
    wiz = window.wizard
    keys.type("spjy")
    keys.enter()
    keys.enter()
    wiz.flow.answer("000117007000", "op", "new")
    wiz.flow.answer("000117007000", "catering", "yes")
    assert wiz.next() and wiz.page.step is Step.APPLICANT
    keys.type(ID_OK)
    keys.tab()
    keys.type("张三")
    keys.tab()
    keys.type("13800138000")
    keys.enter()
    page = wiz.page
    assert page.step is Step.MATERIALS and len(page.rows) == 7
    names = list(page.rows)
    keys.press(Qt.Key.Key_End)  # last line
    assert keys.focused().objectName() == f"mat:{names[-1]}:missing"
    for _ in range(3):  # 未交 → 原件 → 复印件 → 容缺: the exception recorded first
        keys.press(Qt.Key.Key_Right)
    keys.press(Qt.Key.Key_Up)
    assert keys.focused().objectName() == f"mat:{names[-2]}:missing"
    keys.press(Qt.Key.Key_F6)
    assert keys.focused().objectName() == f"mat:{names[-2]}:copy"  # on what F6 ticked there
    keys.press(Qt.Key.Key_Home)
    assert keys.focused().objectName() == f"mat:{names[0]}:original"
    keys.press(Qt.Key.Key_Up)  # nothing above the first line: stays
    assert keys.focused().objectName() == f"mat:{names[0]}:original"
    statuses = {k: r.provided().status.value for k, r in page.rows.items()}
    assert statuses.pop(names[-1]) == "tolerated"  # kept
    assert set(statuses.values()) <= {"original", "copy"}
    assert "7" in page.summary.text() and wiz.flow.material_counts() == (7, 6, 1, 0)


def test_enter_on_a_focused_wizard_button_does_that_buttons_action(window, keys):
    keys.press(Qt.Key.Key_F2)
    wiz = window.wizard
    keys.type("jycy")
    keys.enter()
    keys.enter()
    assert wiz.page.step is Step.APPLICANT
    wiz.back_btn.setFocus()
    keys.enter()  # Back, not the wizard's Next
    assert wiz.page.step is Step.ITEMS
    keys.enter(wiz.page.query)  # empty box: on again
    wiz.close_btn.setFocus()
    keys.enter()
    assert window.wizard is None  # saved and closed
