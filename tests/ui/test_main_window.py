"""The main window: scanning opens a case, search starts an intake, drafts survive, status bar, actions."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from records_json import as_json

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.intake.flow import Step
from clerk_app.intake.request import flow_from_json
from clerk_app.services import cases, drafts
from clerk_app.services.intake import submit

ID_OK = "11010519491231002X"
FULL = {"employment_registration_form": "original", "applicant_id": "original", "photo_2inch": "original"}


def take(ctx, materials=FULL):
    data = {"items": [{"code": "000134011000"}], "materials": materials,
            "applicant": {"kind": "person", "name": "张三", "id_number": ID_OK, "phone": "13800138000"}}
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs
    return submit(ctx, flow, LOCAL_CLERK)


def test_header_shows_clerk_badge_and_window(window):
    text = window.clerk_label.text()
    assert LOCAL_CLERK.name in text and LOCAL_CLERK.badge in text and window.ctx.settings.window.number in text


def test_scanning_a_case_number_opens_the_case(window, keys, qtbot, ctx):
    res = take(ctx)
    keys.press(Qt.Key.Key_F3)
    assert keys.focused() is window.search
    keys.type(res.number)  # a scanner types the number…
    keys.enter()  # …and presses Enter
    dlg = window.last_dialog
    assert dlg.objectName() == "caseDialog" and dlg.case.case_no == res.number
    assert res.number[-4:] in dlg.findChild(type(dlg.lay.itemAt(0).widget().layout().itemAt(0).widget()),
                                            "caseTitle").text().replace(" ", "")
    assert dlg.findChild(object, "caseMaterials").rowCount() == 3


def test_unknown_number_says_so(window, keys, monkeypatch):
    shown = []
    monkeypatch.setattr("clerk_app.ui.main_window.QMessageBox.information", lambda *a: shown.append(a[2]))
    window.search.setFocus()
    keys.type("S310107010032611239999")
    keys.enter()
    assert shown and "S310107010032611239999" in shown[0]


def test_search_box_starts_an_intake_with_the_item(window, keys, qtbot):
    window.search.setFocus()
    keys.type("spjy")
    assert window.search.hits[0].key == "000117007000"
    keys.enter()
    wiz = window.wizard
    assert wiz is not None and [s.code for s in wiz.flow.draft.selections] == ["000117007000"]


def test_abandoned_wizard_is_kept_as_a_draft_and_resumed(ctx, qtbot, keys):
    from clerk_app.ui.main_window import MainWindow

    w = MainWindow(ctx, LOCAL_CLERK)
    qtbot.addWidget(w)
    w.show()
    wiz = w.new_intake()
    keys.type("jycy", wiz.page.query)
    keys.enter(wiz.page.query)
    assert wiz.next()
    keys.type(ID_OK, wiz.page.applicant.id_number)
    keys.type("张三", wiz.page.applicant.name)
    # the power goes: the window is gone without any goodbye; the draft saved on the page change remains
    w.deleteLater()
    qtbot.waitUntil(lambda: not QApplication.topLevelWidgets() or w not in QApplication.topLevelWidgets())
    infos = drafts.list_drafts(ctx, LOCAL_CLERK.id)
    assert len(infos) == 1 and "就业创业证申领" in infos[0].summary
    assert as_json(cases.list_cases(ctx)) == [] and as_json(cases.list_notices(ctx)) == []  # no half case in the lists

    w2 = MainWindow(ctx, LOCAL_CLERK)
    qtbot.addWidget(w2)
    w2.show()
    assert w2.today.drafts_btn.isVisibleTo(w2)
    w2.offer_drafts()
    dlg = w2.last_dialog
    assert dlg.list.count() == 1
    dlg._resume()
    wiz2 = w2.wizard
    assert wiz2 is not None and [s.code for s in wiz2.flow.draft.selections] == ["000134011000"]
    assert wiz2.page.step is Step.APPLICANT  # resumed at the step where it stopped (issue 14)
    wiz2.back()
    assert wiz2.page.step is Step.ITEMS  # and the way back is there


def test_closing_the_window_keeps_the_typed_page_and_discard_removes_it(window, keys, qtbot, ctx, monkeypatch):
    wiz = window.new_intake()
    keys.type("jycy", wiz.page.query)
    keys.enter()
    assert wiz.next()
    keys.type("张三", wiz.page.applicant.name)
    assert not window.close()  # issue 14: the clerk is asked first, and keeps the draft
    from PySide6.QtWidgets import QMessageBox, QPushButton

    window.findChild(QMessageBox, "keepDraft").findChild(QPushButton, "keepDraftButton").click()
    back = drafts.load(ctx, drafts.list_drafts(ctx, LOCAL_CLERK.id)[0].id)
    assert back.applicant.name == "张三"  # typed on the page that was open, not lost
    window.show()
    window.offer_drafts()
    dlg = window.last_dialog
    monkeypatch.setattr("clerk_app.ui.drafts_dialog.QMessageBox.question",
                        lambda *a: __import__("PySide6.QtWidgets").QtWidgets.QMessageBox.StandardButton.Yes)
    dlg._discard()
    assert drafts.list_drafts(ctx, LOCAL_CLERK.id) == []


def test_status_bar_shows_what_waits_to_replicate(window, ctx):
    window.status.refresh()
    before = window.status.waiting.text()
    take(ctx)
    window.status.refresh()
    text = window.status.waiting.text()
    assert text != before and any(ch.isdigit() for ch in text)
    assert window.status.conn.text()


def test_hand_out_from_the_case_view(window, qtbot, ctx):
    res = take(ctx)
    cases.transition(ctx, res.number, CaseStatus.APPROVED, LOCAL_CLERK)
    cases.transition(ctx, res.number, CaseStatus.RESULT_READY, LOCAL_CLERK)
    window.open_number(res.number)
    dlg = window.last_dialog
    assert dlg.handout_btn.isVisibleTo(dlg) and not dlg.supplement_btn.isVisibleTo(dlg)
    from clerk_app.ui.results_dialogs import HandOutForm

    ho = HandOutForm(ctx, LOCAL_CLERK, dlg.case, dlg)
    ho.fields["collector"].setCurrentIndex(ho.fields["collector"].findData("agent"))
    ho.fields["recipient_name"].setText("王五")
    ho.fields["recipient_id"].setText("110105194912310021")  # wrong check digit: refused, nothing changes
    ho.fields["authorisation_kept"].setChecked(True)
    ho._ok()
    assert "校验位" in " ".join(ho.errors.messages())
    assert as_json(cases.get_case(ctx, res.number))["status"] == CaseStatus.RESULT_READY
    ho.fields["recipient_id"].setText("310115198001011238")
    ho.fields["result"].setText("就业创业证 No.123")
    ho._ok()
    case = as_json(cases.get_case(ctx, res.number))
    assert case["status"] == CaseStatus.HANDED_OUT and "王五" in case["events"][-1]["note"]


@dataclass(frozen=True)
class LimitedClerk:
    id: str = "c9"
    name: str = "赵六"
    badge: str = "109"
    on_behalf_of_id: str | None = None
    on_behalf_of_name: str | None = None
    authorised_items: frozenset[str] | None = frozenset({"000117007000"})

    @property
    def display(self) -> str:
        return self.name


def test_search_only_offers_authorised_items(ctx, qtbot):
    from clerk_app.ui.main_window import MainWindow

    w = MainWindow(ctx, LimitedClerk())  # type: ignore[arg-type]
    qtbot.addWidget(w)
    assert [h.key for h in w.index.all_hits()] == ["000117007000"]
    assert w.index.search("jycy") == []
