"""好差评 with an applicant's screen attached: two virtual screens (Qt's offscreen platform, a config file).

The platform must be chosen before the QApplication exists, so ``test_two_screens`` runs this
module's other tests in a child pytest with ``QT_QPA_PLATFORM=offscreen:configfile=…``. (Qt 6.12's
offscreen platform lists its screens by name and makes the first one primary, whatever the order
in the file: the clerk's screen is named so that it sorts first.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK, Clerk
from clerk_app.intake.request import flow_from_json
from clerk_app.services import cases, ratings
from clerk_app.services.intake import submit
from clerk_app.ui.case_dialog import CaseDialog
from clerk_app.ui.rating_window import ApplicantRatingWindow, applicant_screen

TWO = os.environ.get("CLERK_TEST_TWO_SCREENS") == "1"
SCREENS = {"screens": [
    {"name": "1-clerk", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpiX": 96, "logicalDpiY": 96},
    {"name": "2-applicant", "x": 1366, "y": 0, "width": 1366, "height": 768, "logicalDpiX": 96, "logicalDpiY": 96}]}
CLERK = Clerk(id="1001", name="张三", badge="PT-0301")
in_two_screens = pytest.mark.skipif(not TWO, reason="runs in a child process with two virtual screens")


def test_two_screens(tmp_path):
    """Run the tests below with two virtual screens, in a child process."""
    if TWO:
        pytest.skip("this is the child")
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "CLERK_TEST_TWO_SCREENS": "1"}
    root = Path(__file__).resolve().parents[2]
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", __file__],
                       cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout[-4000:] + p.stderr[-2000:]
    assert "5 passed, 1 skipped" in p.stdout, p.stdout[-2000:]


def _case(ctx, ready: bool = False) -> str:
    data = {"items": [{"code": "000134011000"}],
            "applicant": {"kind": "person", "name": "赵七", "id_number": "11010519491231002X", "phone": "13800138000"},
            "materials": {"employment_registration_form": "original", "applicant_id": "original",
                          "photo_2inch": "original"}}
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    result = submit(ctx, flow, CLERK)
    if ready:
        cases.transition(ctx, result.number, CaseStatus.APPROVED, LOCAL_CLERK)
        cases.transition(ctx, result.number, CaseStatus.RESULT_READY, LOCAL_CLERK)
    return result


def _clerk_side_levels(widget) -> list[str]:
    return [b.objectName() for b in widget.findChildren(QPushButton) if b.objectName().startswith("level:")]


@in_two_screens
def test_the_platform_has_two_screens_and_the_applicants_is_the_other_one(qapp):
    names = sorted(s.name() for s in QGuiApplication.screens())
    assert names == ["1-clerk", "2-applicant"] and QGuiApplication.primaryScreen().name() == "1-clerk"
    assert applicant_screen().name() == "2-applicant"


@in_two_screens
def test_after_the_wizard_the_applicant_rates_on_their_screen(ctx, qtbot):
    from clerk_app.ui.finish_dialog import FinishDialog

    result = _case(ctx)
    done = FinishDialog(ctx, CLERK, result)
    qtbot.addWidget(done)
    done.show()
    prompt = done.rating
    window = prompt.applicant  # asked at once: the applicant's screen is there
    assert isinstance(window, ApplicantRatingWindow)
    qtbot.waitExposed(window)
    assert window.screen().name() == "2-applicant" and window.geometry() == window.screen().geometry()
    assert window.windowFlags() & window.windowFlags().FramelessWindowHint
    assert window.parent() is None and window.isVisible()
    assert _clerk_side_levels(done) == []  # the clerk's side: only not rated / cancel
    assert {b.objectName() for b in done.findChildren(QPushButton) if b.isVisibleTo(done)} >= {
        "notRatedClerk", "cancelRating"}
    assert not prompt.ask_btn.isVisibleTo(done)

    window.findChild(QPushButton, "level:satisfied").click()
    (r,) = ratings.ratings_of(ctx, result.number)
    assert (r.service.value, r.level.value, r.served_by) == ("intake", "satisfied", "张三")
    assert window.panel.pages.currentWidget() is window.panel.thanks  # thanked, closes by itself
    assert "满意" in prompt.state.text() and not prompt.not_rated_btn.isVisibleTo(done)


@in_two_screens
def test_the_clerk_cancels_or_records_not_rated_from_their_side(ctx, qtbot):
    from clerk_app.ui.finish_dialog import FinishDialog

    result = _case(ctx)
    done = FinishDialog(ctx, CLERK, result)
    qtbot.addWidget(done)
    done.show()
    prompt = done.rating
    window = prompt.applicant
    prompt.cancel_btn.click()
    assert prompt.applicant is None and not window.isVisible() and ratings.ratings_of(ctx, result.number) == []
    prompt.ask_btn.click()
    assert isinstance(prompt.applicant, ApplicantRatingWindow)
    prompt.not_rated_btn.click()
    (r,) = ratings.ratings_of(ctx, result.number)
    assert r.level.value == "not_rated" and prompt.applicant is None


@in_two_screens
def test_after_a_hand_out_the_applicants_screen_asks_at_once_and_a_bad_rating_opens_a_followup(ctx, qtbot):
    result = _case(ctx, ready=True)
    ratings.rate(ctx, result.number, CLERK, "intake", "basic")
    dlg = CaseDialog(ctx, CLERK, cases.get_case(ctx, result.number))
    qtbot.addWidget(dlg)
    dlg.show()
    form = dlg.open_action("hand_out")
    form._ok()
    qtbot.waitUntil(lambda: dlg.rating is not None and dlg.rating.applicant is not None)
    window = dlg.rating.applicant
    assert isinstance(window, ApplicantRatingWindow) and window.screen().name() == "2-applicant"
    assert _clerk_side_levels(dlg) == []
    window.findChild(QPushButton, "level:dissatisfied").click()
    window.findChild(QPushButton, "problem:服务态度").click()
    window.findChild(QPushButton, "ratingSubmit").click()
    (f,) = ratings.open_followups(ctx, ctx.clock().date())
    assert (f.case_no, f.level.value, f.service.value) == (result.number, "dissatisfied", "hand_out")


@in_two_screens
def test_the_next_applicant_gets_the_screen_when_the_last_one_left_without_rating(ctx, qtbot):
    from clerk_app.ui.finish_dialog import FinishDialog

    first, second = _case(ctx), _case(ctx)
    left = FinishDialog(ctx, CLERK, first)
    qtbot.addWidget(left)
    left.show()
    old = left.rating.applicant
    left.accept()  # the clerk closes the finish dialog; the applicant's screen still waits
    assert old.isVisible()
    nxt = FinishDialog(ctx, CLERK, second)
    qtbot.addWidget(nxt)
    nxt.show()
    assert not old.isVisible() and left.rating.applicant is None  # one applicant's window at a time
    assert nxt.rating.applicant.isVisible()
    assert ratings.ratings_of(ctx, first.number) == []  # nothing recorded for the one who left
