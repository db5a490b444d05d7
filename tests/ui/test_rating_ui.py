"""好差评 in the GUI on one screen: offered after the wizard and after a hand-out, the applicant picks in a
dialog turned to them, the clerk's side has no level to pick, a 差评 opens a follow-up that only a
supervisor closes. (Two screens: ``test_rating_second_screen.py``, run in its own process.)"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from test_chinese_ui import chinese, english_words  # noqa: F401  (a fixture, and its check)
from test_wizard_flows import LEASE, click, confirm_conditions, fill_applicant, finish, start, tick

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK, Clerk
from clerk_app.intake.request import flow_from_json
from clerk_app.services import cases, ratings
from clerk_app.services.intake import submit
from clerk_app.ui.case_dialog import CaseDialog
from clerk_app.ui.rating_window import ApplicantRatingDialog, RatingPrompt

CLERK = Clerk(id="1001", name="张三", badge="PT-0301")
BOSS = Clerk(id="1003", name="王五", badge="PT-0101", supervisor=True)


def level_buttons(widget) -> list[str]:
    return [b.objectName() for b in widget.findChildren(QPushButton) if b.objectName().startswith("level:")]


def visible_names(widget) -> set[str]:
    return {b.objectName() for b in widget.findChildren(QPushButton) if b.isVisibleTo(widget)}


def _ready_case(ctx) -> str:
    data = {"items": [{"code": "000134011000"}],
            "applicant": {"kind": "person", "name": "赵七", "id_number": "11010519491231002X", "phone": "13800138000"},
            "materials": {"employment_registration_form": "original", "applicant_id": "original",
                          "photo_2inch": "original"}}
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    no = submit(ctx, flow, CLERK).number
    ratings.rate(ctx, no, CLERK, "intake", "satisfied")
    cases.transition(ctx, no, CaseStatus.APPROVED, LOCAL_CLERK)
    cases.transition(ctx, no, CaseStatus.RESULT_READY, LOCAL_CLERK)
    return no


def _applicant_dialog(qtbot, prompt: RatingPrompt) -> ApplicantRatingDialog:
    prompt.ask_btn.click()
    dlg = prompt.applicant
    assert isinstance(dlg, ApplicantRatingDialog)
    qtbot.waitExposed(dlg)
    return dlg


def test_after_the_wizard_the_applicant_rates_the_intake_in_a_dialog_turned_to_them(window, keys, qtbot, ctx):
    wiz = start(window, keys, "gtgs")
    assert wiz.next()
    click(qtbot, wiz, "q:000117001000:op:new")
    assert wiz.next()
    fill_applicant(wiz, keys)
    assert wiz.next()
    tick(wiz, {"sole_proprietor_application": "original", "applicant_id": "e-license", LEASE: "tolerated"})
    assert wiz.next()
    confirm_conditions(wiz)
    result = finish(window, wiz)
    done = window.last_dialog
    prompt = done.rating
    assert isinstance(prompt, RatingPrompt) and prompt.service.value == "intake"
    assert prompt.ask_btn.isVisibleTo(done) and prompt.applicant is None  # one screen: offered, not forced
    assert level_buttons(done) == []  # the clerk's side has no level to pick
    assert "notRatedClerk" not in visible_names(done)

    qtbot.waitUntil(lambda: QApplication.activeWindow() is done)
    keys.press(Qt.Key.Key_F9)  # the clerk asks from the keyboard
    applicant = prompt.applicant
    assert isinstance(applicant, ApplicantRatingDialog)
    qtbot.waitExposed(applicant)
    assert applicant.geometry().width() >= 1000  # fills the screen turned to the applicant
    assert level_buttons(applicant) == ["level:very_satisfied", "level:satisfied", "level:basic",
                                        "level:dissatisfied", "level:very_dissatisfied"]
    assert visible_names(applicant) >= {"notRated", "level:satisfied"}
    applicant.findChild(QPushButton, "level:very_satisfied").click()
    (r,) = ratings.ratings_of(ctx, result.number)
    assert (r.service.value, r.level.value, r.served_by) == ("intake", "very_satisfied", LOCAL_CLERK.name)
    assert "非常满意" in prompt.state.text() and not prompt.ask_btn.isVisibleTo(done)


def test_the_clerk_records_not_rated_or_cancels_and_never_a_level(window, qtbot, ctx):
    prompt = RatingPrompt(ctx, CLERK, submit_another(ctx), ratings.Service.INTAKE, window)
    prompt.show()
    assert level_buttons(prompt) == [] and visible_names(prompt) == {"askRating"}
    applicant = _applicant_dialog(qtbot, prompt)
    applicant.reject()  # Esc: nothing recorded, may be asked again
    assert prompt.applicant is None and not prompt.ask_btn.isHidden()
    assert ratings.ratings_of(ctx, prompt.case_no) == []
    applicant = _applicant_dialog(qtbot, prompt)
    applicant.findChild(QPushButton, "notRated").click()
    (r,) = ratings.ratings_of(ctx, prompt.case_no)
    assert r.level.value == "not_rated"


def submit_another(ctx) -> str:
    data = {"items": [{"code": "000134011000"}],
            "applicant": {"kind": "person", "name": "钱八", "id_number": "11010519491231002X", "phone": "13800138000"},
            "materials": {"employment_registration_form": "original", "applicant_id": "original",
                          "photo_2inch": "original"}}
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    return submit(ctx, flow, CLERK).number


def test_after_hand_out_a_bad_rating_opens_a_followup_that_only_a_supervisor_closes(qtbot, ctx, keys):
    no = _ready_case(ctx)
    dlg = CaseDialog(ctx, CLERK, cases.get_case(ctx, no))
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.rating is None  # nothing handed out yet
    form = dlg.open_action("hand_out")
    qtbot.waitExposed(form)
    form._ok()
    assert cases.get_case(ctx, no).status is CaseStatus.HANDED_OUT
    qtbot.waitUntil(lambda: dlg.rating is not None)
    prompt = dlg.rating
    assert prompt.service.value == "hand_out" and level_buttons(dlg) == []

    applicant = _applicant_dialog(qtbot, prompt)
    applicant.findChild(QPushButton, "level:very_dissatisfied").click()
    assert [r.service.value for r in ratings.ratings_of(ctx, no)] == ["intake"]  # not yet: what went wrong first
    applicant.findChild(QPushButton, "problem:等候时间长").click()
    applicant.findChild(QPushButton, "problem:业务不熟").click()
    keys.type("窗口只开了一个", applicant.panel.comment)
    applicant.findChild(QPushButton, "ratingSubmit").click()
    (r,) = [r for r in ratings.ratings_of(ctx, no) if r.service.value == "hand_out"]
    assert (r.service.value, r.level.value, r.problems, r.comment, r.followup_due) == (
        "hand_out", "very_dissatisfied", ("等候时间长", "业务不熟"), "窗口只开了一个", date(2026, 11, 30))
    assert "2026-11-30" in prompt.state.text()
    (f,) = ratings.open_followups(ctx, date(2026, 11, 23))
    assert f.case_no == no and not f.overdue

    plain = CaseDialog(ctx, CLERK, cases.get_case(ctx, no))
    qtbot.addWidget(plain)
    assert plain.action_buttons["close_followup"].isHidden()  # not a supervisor: not offered
    boss = CaseDialog(ctx, BOSS, cases.get_case(ctx, no))
    qtbot.addWidget(boss)
    boss.show()
    qtbot.waitExposed(boss)
    assert not boss.action_buttons["close_followup"].isHidden()
    boss.action_buttons["close_followup"].click()
    closing = boss.action_dialog
    qtbot.waitExposed(closing)
    assert closing.fields["rating_id"].currentData() == f.rating_id
    shown = closing.fields["rating_id"].currentText()  # the supervisor sees what the applicant said
    assert "出件服务 非常不满意" in shown and "等候时间长、业务不熟" in shown and "窗口只开了一个" in shown
    keys.type("已电话回访致歉，增开一个窗口", closing.fields["action"])
    keys.enter(closing.fields["rating_id"])
    qtbot.waitUntil(lambda: not closing.isVisible())
    assert ratings.open_followups(ctx, date(2026, 12, 31)) == []
    qtbot.waitUntil(lambda: boss.action_buttons["close_followup"].isHidden())
    QApplication.processEvents()


def test_the_rating_screens_speak_chinese(chinese, ctx, qtbot):  # noqa: F811
    prompt = RatingPrompt(ctx, CLERK, submit_another(ctx), ratings.Service.INTAKE)
    qtbot.addWidget(prompt)
    prompt.show()
    assert english_words(prompt) == set() and "请申请人评价" in prompt.ask_btn.text()
    applicant = _applicant_dialog(qtbot, prompt)
    assert english_words(applicant) == set()
    assert "收件服务" in applicant.findChild(QLabel, "ratingTitle").text()
    applicant.findChild(QPushButton, "level:dissatisfied").click()  # what went wrong, in Chinese too
    assert english_words(applicant) == set() and "不满意" in applicant.panel.bad_title.text()
