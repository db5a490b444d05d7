"""A hurried clerk (and a confused citizen): Enter pressed twice, text pasted from anywhere, the
printer that is not there, a folder that cannot be written, the lock screen in the middle of work.
Nothing is duplicated, nothing invisible is stored, nothing is recorded that did not happen, and
nothing goes on in the name of the clerk who left."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from sqlalchemy import func, select

from clerk_app.domain.people import Clerk
from clerk_app.intake.flow import Step
from clerk_app.services import drafts
from clerk_app.store.models import Applicant, AuditEntry, Case, DocumentPrint, Draft, OutboxEntry

ID_OK = "11010519491231002X"
ZHANG = Clerk(id="1001", name="张三", badge="PT-0301")  # logged in: may sign and print documents


@pytest.fixture
def zh(qapp):
    from clerk_app.ui.i18n import _installed, install_translators

    if not _installed:
        install_translators(qapp)
    return qapp


@pytest.fixture
def zhang_window(ctx, qtbot, zh):
    from clerk_app.ui.main_window import MainWindow

    w = MainWindow(ctx, ZHANG)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w


def rows(ctx, model) -> int:
    with ctx.store.read() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def paste(w, text: str) -> None:
    """Ctrl+V into a line edit, replacing what is there, as the clerk does from a web page or a chat."""
    QApplication.clipboard().setText(text)
    w.setFocus()
    w.selectAll()
    QTest.keyClick(w, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def to_applicant(window, keys):
    window.new_intake()
    wiz = window.wizard
    keys.type("jycy", wiz.page.query)  # 就业创业证申领, a 即办件 without questions
    keys.enter()
    assert wiz.next() and wiz.page.step is Step.APPLICANT
    return wiz


def to_decision(window, keys, name="张三"):
    wiz = to_applicant(window, keys)
    keys.type(ID_OK, wiz.page.applicant.id_number)
    keys.type(name, wiz.page.applicant.name)
    keys.type("13800138000", wiz.page.applicant.phone)
    assert wiz.next() and wiz.page.step is Step.MATERIALS
    wiz.page.all_as_required()
    assert wiz.next() and wiz.page.step is Step.DECISION
    return wiz


def test_enter_twice_and_a_late_click_on_finish_open_exactly_one_case(window, keys, ctx):
    wiz = to_decision(window, keys)
    keys.enter()  # Enter on the decision page commits
    assert window.wizard is None and window.last_dialog.objectName() == "finishDialog"
    keys.enter()  # the second Enter reaches whatever has focus now, never the committed intake
    wiz.finish_btn.click()  # the finished wizard, not yet deleted by Qt, is clicked once more
    assert not wiz.next()
    wiz.back()  # a late Esc does not bring the committed intake's draft back
    assert rows(ctx, Case) == 1 and rows(ctx, OutboxEntry) == 1 and rows(ctx, Draft) == 0
    with ctx.store.read() as s:
        assert [a.action for a in s.execute(select(AuditEntry)).scalars()] == ["case.create"]


def test_pasted_invisible_characters_and_tabs_are_not_stored_as_in_the_cli(window, keys, qtbot, ctx):
    from clerk_app.intake.request import flow_from_json

    wiz = to_applicant(window, keys)
    form = wiz.page.applicant
    paste(form.id_number, ID_OK + "\u200b")  # copied from a web page: a zero-width space after it
    paste(form.name, "李\u200b四\t")
    paste(form.address, "上海市\t普陀区\u00ad某路1号")
    paste(form.phone, "138\u200b0013 8000")
    assert wiz.next(), wiz.page.errors.messages()
    wiz.page.all_as_required()
    assert wiz.next() and wiz.next(), wiz.page.errors.messages()
    stored = {"name": "李四", "address": "上海市 普陀区某路1号", "id_number": ID_OK, "phone": "13800138000"}
    with ctx.store.read() as s:
        case = s.execute(select(Case)).scalar_one()
        assert {k: case.applicant[k] for k in stored} == stored  # printed, searched and replicated as seen
        person = s.execute(select(Applicant)).scalar_one()
        assert (person.name, person.address, person.id_number) == ("李四", "上海市 普陀区某路1号", ID_OK)
    cli, errs = flow_from_json({"items": [{"code": "000134011000"}], "materials_as_required": True,
                                "applicant": {"kind": "person", "name": "李\u200b四\t", "id_number": ID_OK,
                                              "phone": "13800138000", "address": "上海市\t普陀区\u00ad某路1号"}},
                               ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs and cli is not None and cli.draft.applicant is not None
    assert (cli.draft.applicant.name, cli.draft.applicant.address) == (stored["name"], stored["address"])


def _finish_as_zhang(window, keys):
    wiz = to_decision(window, keys)
    assert wiz.next()
    dlg = window.last_dialog
    assert dlg.objectName() == "finishDialog" and dlg.documents.first_print is not None
    return dlg


def test_a_printer_that_cannot_start_is_said_in_chinese_and_the_first_paper_is_not_a_reprint(
        zhang_window, keys, ctx, monkeypatch, tmp_path):
    dlg = _finish_as_zhang(zhang_window, keys)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Rejected)
    dlg.documents.first_print.click()  # the clerk cancels the printer dialog
    assert rows(ctx, DocumentPrint) == 0 and shown == []

    # no printer installed: Qt's printer cannot start (offscreen it has neither a device nor a file)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Accepted)
    dlg.documents.first_print.click()
    dlg.documents.first_print.click()  # and once more, in a hurry
    assert rows(ctx, DocumentPrint) == 0  # nothing came out: nothing recorded, audited or replicated
    assert len(shown) == 2 and "打印机无法开始打印" in shown[0]

    out = tmp_path / "printed.pdf"  # the printer works now (here: it prints to a file)

    def working(self):
        self.printer().setOutputFileName(str(out))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", working)
    dlg.documents.first_print.click()
    assert out.stat().st_size > 0
    with ctx.store.read() as s:
        assert [p.reprint for p in s.execute(select(DocumentPrint)).scalars()] == [False]  # not marked 补打
    assert len(shown) == 2


def test_save_as_pdf_into_a_folder_that_cannot_be_written_says_so_and_records_nothing(
        zhang_window, keys, ctx, monkeypatch, tmp_path):
    dlg = _finish_as_zhang(zhang_window, keys)
    save = dlg.documents.findChild(type(dlg.documents.first_print), "doc:acceptance:3")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    gone = tmp_path / "usb-stick-pulled" / "voucher.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(gone), "")))
    save.click()  # no exception escapes the slot (pytest-qt fails the test on one)
    assert len(shown) == 1 and "无法把 PDF 保存到" in shown[0] and "Errno" not in shown[0]
    assert rows(ctx, DocumentPrint) == 0

    good = tmp_path / "voucher.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(good), "")))
    save.click()
    assert good.read_bytes().startswith(b"%PDF") and not list(tmp_path.glob("*.part"))
    assert rows(ctx, DocumentPrint) == 1 and len(shown) == 1


def test_switching_user_at_the_lock_screen_closes_what_the_previous_clerk_had_open(
        zhang_window, keys, ctx, monkeypatch):
    from clerk_app.ui.idle_lock import install_idle_lock

    window = zhang_window
    dlg = _finish_as_zhang(window, keys)  # 张三 finished an intake; the voucher step is open
    li = Clerk(id="1002", name="李四", badge="PT-0302")
    monkeypatch.setattr("clerk_app.ui.login.run_login", lambda ctx, parent=None: li)
    lock = install_idle_lock(window, ctx, window.current_clerk, 60_000)
    try:
        lock.lock_now()  # 张三 walked away
        lock.screen.switch_button.click()  # 李四 takes the window
    finally:
        lock.uninstall()
    assert window.clerk is li
    assert not dlg.isVisible()  # 李四 cannot print or act as 张三 in it
    assert rows(ctx, DocumentPrint) == 0


def test_switching_user_at_the_lock_screen_mid_intake_keeps_the_draft_for_its_clerk(
        zhang_window, keys, ctx, monkeypatch):
    from clerk_app.ui.idle_lock import install_idle_lock

    window = zhang_window
    wiz = to_applicant(window, keys)
    keys.type("王五", wiz.page.applicant.name)  # typed, not yet saved by a page change
    li = Clerk(id="1002", name="李四", badge="PT-0302")
    monkeypatch.setattr("clerk_app.ui.login.run_login", lambda ctx, parent=None: li)
    lock = install_idle_lock(window, ctx, window.current_clerk, 60_000)
    try:
        lock.lock_now()
        lock.screen.switch_button.click()
    finally:
        lock.uninstall()
    assert window.wizard is None and rows(ctx, Case) == 0
    kept = drafts.list_drafts(ctx, ZHANG.id)
    assert len(kept) == 1 and "王五" in kept[0].summary and drafts.list_drafts(ctx, li.id) == []
