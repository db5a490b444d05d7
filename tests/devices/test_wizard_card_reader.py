"""F4 in the applicant step reads the simulated reader and fills the form, off the UI thread."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.intake.flow import Step
from clerk_app.settings import set_value

from .idcard_sim import FOREIGN_PERMANENT, HMT_RESIDENCE, RESIDENT, RESIDENT_EXPIRED


@pytest.fixture
def window(ctx, qtbot):
    from clerk_app.ui.main_window import MainWindow

    w = MainWindow(ctx, LOCAL_CLERK)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w


def use_port(ctx, port: str) -> None:
    ctx.settings = set_value(ctx.settings, "devices.idcard_port", port)


def applicant_page(window):
    window.new_intake()
    wiz = window.wizard
    QTest.keyClicks(wiz.page.query, "jycy")
    QTest.keyClick(wiz.page.query, Qt.Key.Key_Return)
    assert wiz.next()
    assert wiz.page.step is Step.APPLICANT
    return wiz


def press_f4(qtbot, page) -> None:
    with qtbot.waitSignal(page.card_reader.finished, timeout=10_000):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)


def no_dialogs() -> bool:
    return not any(isinstance(w, QDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_f4_fills_the_applicant_and_the_intake_goes_on(window, qtbot, ctx, sim):
    s = sim(RESIDENT)
    use_port(ctx, s.port)
    wiz = applicant_page(window)
    page = wiz.page
    assert s.commands == []  # nothing touches the reader before F4
    press_f4(qtbot, page)
    form = page.applicant
    assert (form.name.text(), form.id_number.text(), form.address.text()) == (
        "张三", "11010519491231002X", "北京市朝阳区建国路88号院3号楼1单元101号")
    assert not form.messages["id_number"].is_error
    status = page.card_reader.status.text()
    assert "张三" in status and "汉族" in status and "长期" in status
    assert QApplication.focusWidget() is form.phone  # next to type: the phone
    QTest.keyClicks(form.phone, "13800138000")
    assert wiz.next(), wiz.page.errors.messages()
    assert wiz.page.step is Step.MATERIALS
    d = wiz.flow.draft.applicant
    assert (d.name, d.id_number, d.address, d.phone) == (
        "张三", "11010519491231002X", "北京市朝阳区建国路88号院3号楼1单元101号", "13800138000")


def test_f4_in_the_agent_form_fills_the_agent(window, qtbot, ctx, sim):
    use_port(ctx, sim(RESIDENT).port)
    page = applicant_page(window).page
    page.has_agent.setChecked(True)
    page.agent.id_number.setFocus()
    press_f4(qtbot, page)
    assert page.agent.name.text() == "张三" and page.agent.id_number.text() == "11010519491231002X"
    assert page.applicant.name.text() == "" and page.applicant.id_number.text() == ""


def test_reading_does_not_block_the_window(window, qtbot, ctx, sim):
    s = sim(FOREIGN_PERMANENT)
    use_port(ctx, s.port)
    page = applicant_page(window).page
    s.mode, s.delay = "slow", 0.3
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)
    assert page.card_reader.busy and not page.card_reader.button.isEnabled()
    assert page.applicant.name.text() == ""  # the UI thread came back before the card was read
    qtbot.waitUntil(lambda: not page.card_reader.busy, timeout=10_000)
    assert page.applicant.name.text() == "约翰·史密斯"
    assert page.applicant.id_number.text() == "USA310075040201"


def test_an_expired_card_is_refused_in_the_status_line(window, qtbot, ctx, sim):
    use_port(ctx, sim(RESIDENT_EXPIRED).port)
    page = applicant_page(window).page
    press_f4(qtbot, page)
    assert page.card_reader.status.is_error
    assert "过期" in page.card_reader.status.text()
    assert page.applicant.name.text() == "" and page.applicant.id_number.text() == ""
    assert no_dialogs()


def test_without_a_reader_f4_says_so_and_changes_nothing(window, qtbot, ctx, monkeypatch):
    from clerk_app.devices import reader

    monkeypatch.setattr(reader, "serial_ports", lambda: [])  # this machine has no serial port
    page = applicant_page(window).page
    assert page.card_reader.status.isHidden()  # no message, no dialog at start
    assert no_dialogs()
    QTest.keyClicks(page.applicant.name, "abc")
    press_f4(qtbot, page)
    assert "未检测到身份证阅读器" in page.card_reader.status.text()
    assert page.applicant.name.text() == "abc"
    assert no_dialogs()
    use_port(ctx, "/dev/no-such-reader")
    press_f4(qtbot, page)
    assert "/dev/no-such-reader" in page.card_reader.status.text()


def test_a_residence_permit_holder_can_be_taken_in(window, qtbot, ctx, sim):
    use_port(ctx, sim(HMT_RESIDENCE).port)
    wiz = applicant_page(window)
    press_f4(qtbot, wiz.page)
    form = wiz.page.applicant
    assert form.id_number.text() == "810000198508080011"
    assert not form.messages["id_number"].is_error
    QTest.keyClicks(form.phone, "13800138000")
    assert wiz.next(), wiz.page.errors.messages()
    assert wiz.flow.draft.applicant.name == "陈大文"


def test_a_foreign_permanent_resident_can_be_taken_in(window, qtbot, ctx, sim):
    use_port(ctx, sim(FOREIGN_PERMANENT).port)
    wiz = applicant_page(window)
    press_f4(qtbot, wiz.page)
    form = wiz.page.applicant
    assert not form.messages["id_number"].is_error
    QTest.keyClicks(form.phone, "13800138000")
    assert wiz.next(), wiz.page.errors.messages()
    assert (wiz.flow.draft.applicant.name, wiz.flow.draft.applicant.id_number) == ("约翰·史密斯", "USA310075040201")
