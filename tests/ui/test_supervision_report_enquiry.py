"""The supervision view, the report view and the enquiry dialog, driven from the main window's keys."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from store.samples import sign_accepted, submit_request

from clerk_app.domain.people import Clerk
from clerk_app.domain.supervision import Level
from clerk_app.services import enquiries
from clerk_app.ui.supervision_view import LEVEL_COLOURS

ZHANG = Clerk(id="1001", name="张三", badge="PT-0301")


def _cases(ctx, clock):
    clock.now = datetime(2026, 11, 16, 9, 0)
    late = submit_request(ctx, sign_accepted(), ZHANG).number  # due Mon 23rd
    clock.now = datetime(2026, 11, 19, 9, 0)
    near = submit_request(ctx, sign_accepted(), ZHANG).number  # due Thu 26th
    clock.now = datetime(2026, 11, 23, 9, 0)
    ok = submit_request(ctx, sign_accepted(), ZHANG).number  # due Mon 30th
    clock.now = datetime(2026, 11, 24, 9, 0)
    return late, near, ok


def test_supervision_view_colours_rows_and_opens_a_case(window, ctx, clock, qtbot):
    late, near, ok = _cases(ctx, clock)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.supervision
    assert view is not None and window.stack.currentWidget() is view
    t = view.cases
    rows = {t.item(r, 0).text(): r for r in range(t.rowCount())}
    assert list(rows) == [late, near, ok]  # late first
    assert t.item(rows[late], 0).background().color() == LEVEL_COLOURS[Level.LATE]
    assert t.item(rows[near], 6).background().color() == LEVEL_COLOURS[Level.NEAR]
    assert t.item(rows[ok], 0).background().color() == LEVEL_COLOURS[Level.OK]
    assert t.item(rows[late], 6).text() == "已逾期 1 个工作日"
    assert view.tabs.tabText(0)[-3:] in ("(3)", "（3）")  # translated or not (another test may load zh_CN)
    t.setFocus()
    t.setCurrentCell(rows[near], 0)
    QTest.keyClick(t, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(window, "last_dialog", None) is not None and window.last_dialog.isVisible())
    assert window.last_dialog.case.case_no == near
    window.last_dialog.reject()
    t.setFocus()
    QTest.keyClick(t, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.today


def test_report_view_tables_charts_and_export(window, ctx, clock, qtbot, tmp_path):
    from openpyxl import load_workbook

    _cases(ctx, clock)
    clock.now = datetime(2026, 11, 24, 10, 0)
    enquiries.add_enquiry(ctx, ZHANG, "000162001000", "告知所需材料")
    QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.report
    assert view is not None and window.stack.currentWidget() is view
    view.start.setDate(view.start.date().addDays(-8))  # the 16th to the 24th
    view.refresh()
    t = view.counts
    header = [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]
    assert header[:3] == ["窗口人员", "收件", "受理"]
    assert [t.item(0, c).text() for c in range(4)] == ["张三", "3", "3", "0"]
    assert t.item(t.rowCount() - 1, 0).text() == "全窗口合计"
    assert t.item(0, header.index("咨询登记")).text() == "1"
    assert t.item(0, header.index("逾期办件")).text() == "1"
    assert view.work_chart.categories == ("张三",) and ("收件", (3,)) in view.work_chart.series
    path = view.export("xlsx", tmp_path / "r.xlsx")
    assert path is not None
    ws = load_workbook(path)["办件情况"]
    assert [c.value for c in ws[4]][:4] == ["张三", 3, 3, 0]


def test_enquiry_dialog_by_keyboard(window, ctx, qtbot, keys):
    QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dlg = window.last_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.search)
    QTest.keyClick(dlg.search, Qt.Key.Key_Return)  # nothing typed: nothing chosen, nothing saved
    QTest.keyClick(dlg, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "请选择咨询的事项" in dlg.error.text() and QApplication.focusWidget() is dlg.search
    keys.type("gtgsh")  # 个体工商户 by its initials; the list follows what is typed
    assert dlg.hits.count() >= 1 and dlg.hits.item(0).text().startswith("个体工商户登记")
    keys.enter(dlg.search)
    assert dlg.item_code == "000117001000" and QApplication.focusWidget() is dlg.question
    keys.type("个体户要带什么")
    keys.press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dlg.answer
    QTest.keyClick(dlg.answer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "请填写答复内容" in dlg.error.text() and QApplication.focusWidget() is dlg.answer
    keys.type("告知须带身份证和经营场所证明")
    keys.press(Qt.Key.Key_Tab)
    keys.type("赵六")
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Tab)
    keys.type("11010519491231002X")
    dlg.print_list.setChecked(True)
    printed: list[bytes] = []
    dlg.print_pdf = printed.append  # instead of the printer dialog
    QTest.keyClick(dlg.id_number, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dlg.result() == dlg.DialogCode.Accepted
    [rec] = enquiries.list_enquiries(ctx)
    assert (rec.item_name, rec.question, rec.asker_name, rec.asker_id_masked, rec.materials_printed) == (
        "个体工商户登记", "个体户要带什么", "赵六", "110105********002X", True)
    assert dlg.pdf is not None and printed == [dlg.pdf] and dlg.pdf.startswith(b"%PDF")


def test_the_three_screens_speak_chinese(window, qapp, qtbot):
    from test_chinese_ui import english_words

    from clerk_app.ui import i18n

    before = list(i18n._installed)
    i18n.install_translators(qapp)
    try:
        for view in (window.show_supervision(), window.show_report()):
            assert english_words(view) - {"CSV", "Excel"} == set(), view.objectName()  # file formats
            assert all("%" not in view.tabs.tabText(i) and not any(c.isascii() and c.isalpha() for c in
                       view.tabs.tabText(i)) for i in range(view.tabs.count()))
        dlg = window.record_enquiry()
        qtbot.waitUntil(dlg.isVisible)
        assert english_words(dlg) == set()
        from clerk_app.domain.people import LOCAL_CLERK
        from clerk_app.ui.main_window import MainWindow

        fresh = MainWindow(window.ctx, LOCAL_CLERK)  # built with the translations: its menus too
        qtbot.addWidget(fresh)
        texts = [a.text().replace("&", "") for a in fresh.actions()]
        assert {"咨询登记…", "督办", "窗口工作报表"} <= set(texts)
        assert all(not any(c.isascii() and c.isalpha() for c in t) for t in texts)
    finally:
        for tr in i18n._installed[len(before):]:
            qapp.removeTranslator(tr)
        del i18n._installed[len(before):]
