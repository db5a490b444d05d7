"""Scanning a voucher whose case owes a 补正 opens it at the supplement step; the clerk ticks what
arrived with form and count; the case goes back to review with its time running again; the receipt prints."""

from __future__ import annotations

import io
import re
from datetime import datetime

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select
from store.samples import sign_accepted, submit_request

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.services import cases
from clerk_app.store.models import DocumentPrint
from clerk_app.sync.streams.decisions import apply_decision

CLERK = Clerk(id="1001", name="张三", badge="PT-0301")


def _owing_correction(ctx) -> str:
    no = submit_request(ctx, sign_accepted(), CLERK).number
    with ctx.store.transaction() as s:
        assert apply_decision(s, {"event_id": "bo-ui-1", "case_no": no, "action": "supplement",
                                  "to": "supplement_requested", "actor": "区绿化市容局",
                                  "missing": ["招牌设计效果图（标明尺寸）", "房屋所有人同意书"],
                                  "at": datetime(2026, 11, 25, 14).isoformat()}, ctx.calendar, ctx.catalogue) is None
    return no


def _window(ctx, qtbot):
    from clerk_app.ui.main_window import MainWindow

    w = MainWindow(ctx, CLERK)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w


def test_scan_supplement_tick_and_receipt(ctx, qtbot, keys, clock, monkeypatch):
    from clerk_app.ui import printing
    from clerk_app.ui.case_dialog import CaseDialog

    no = _owing_correction(ctx)
    printed: list[bytes] = []
    monkeypatch.setattr(printing, "print_now", lambda make_pdf, parent=None: printed.append(make_pdf()) or True)
    clock.now = datetime(2026, 12, 2, 9, 30)
    w = _window(ctx, qtbot)
    w.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.search)
    keys.type(no)  # a barcode scanner types the number and presses Enter
    keys.enter()
    case_dlg = w.last_dialog
    assert isinstance(case_dlg, CaseDialog)
    assert _label(case_dlg, "caseDue") == "暂停计时（补正中，自 2026-11-25 起，尚余 4 个工作日）"
    dlg = case_dlg.action_dialog  # opened at the supplement step
    assert dlg.objectName() == "supplementDialog" and dlg.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.checks["missing:0"])
    assert dlg.checks["missing:0"].text() == "补正：招牌设计效果图（标明尺寸）"

    keys.press(Qt.Key.Key_Space)  # tick the first
    dlg.checks["missing:1"].setChecked(True)
    dlg.forms["missing:1"].setCurrentIndex(dlg.forms["missing:1"].findData("copy"))
    dlg.counts["missing:1"].setValue(2)
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    case = cases.get_case(ctx, no)
    assert case.status is CaseStatus.IN_REVIEW and str(case.due_date) == "2026-12-08"
    qtbot.waitUntil(lambda: _label(case_dlg, "caseDue") == "2026-12-08")  # the case view shows the new date
    assert len(printed) == 1
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(printed[0])).pages))
    assert "补正材料收件凭证" in text and no in text
    assert "招牌设计效果图（标明尺寸）原件1" in text and "房屋所有人同意书复印件2" in text
    assert "承诺办结日期为2026年12月8日" in text
    with ctx.store.read() as s:
        assert s.scalars(select(DocumentPrint.kind).where(DocumentPrint.number == no)).all() == ["supplement_receipt"]


def test_nothing_ticked_is_refused_in_the_dialog(ctx, qtbot, clock, monkeypatch):
    from clerk_app.ui import printing

    no = _owing_correction(ctx)
    monkeypatch.setattr(printing, "print_now", lambda *a, **k: (_ for _ in ()).throw(AssertionError("printed")))
    w = _window(ctx, qtbot)
    w.open_number(no)
    dlg = w.last_dialog.action_dialog
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dlg.isVisible() and "请勾选补交的材料" in " ".join(dlg.errors.messages())
    assert cases.get_case(ctx, no).status is CaseStatus.SUPPLEMENT_REQUESTED


def _label(parent, name: str) -> str:
    from PySide6.QtWidgets import QLabel

    found = parent.findChild(QLabel, name)
    assert found is not None, name
    return found.text()
