"""Fewer keys (issue 14): closing mid-intake asks about the draft; the print preview opens readable;
a returning applicant read from the ID card gets the phone offered."""

from __future__ import annotations

import io

import pytest
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QMessageBox, QPushButton
from sqlalchemy import select

from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.intake.draft import IntakeDraft
from clerk_app.services import drafts
from clerk_app.store.models import AuditEntry

JYCY = "000134011000"  # 就业创业证申领


@pytest.fixture(autouse=True)
def zh(qapp):
    """Chinese, as the clerk sees it (installed once per session)."""
    from clerk_app.ui.i18n import _installed, install_translators

    if not _installed:
        install_translators(qapp)
    return qapp


def _answer(window, button: str) -> str:
    """Close the window, then click ``button`` in the keep-draft question; the question's text."""
    assert not window.close()  # not yet: the clerk is asked first
    box = window.findChild(QMessageBox, "keepDraft")
    assert box is not None and box.isVisible()
    text = box.text()
    box.findChild(QPushButton, button).click()
    return text


def _mid_intake(window, keys):
    """An item chosen from the search, nothing else yet (no page change, so no draft saved so far)."""
    hit = next(h for h in window.index.search("jycy") if h.key == JYCY)
    wiz = window.new_intake(IntakeDraft(), first=hit)
    assert drafts.list_drafts(window.ctx, LOCAL_CLERK.id) == []
    return wiz


def test_closing_mid_intake_keeps_the_draft_when_asked(window, keys, ctx):
    _mid_intake(window, keys)
    assert "草稿" in _answer(window, "keepDraftButton")
    assert not window.isVisible()
    (info,) = drafts.list_drafts(ctx, LOCAL_CLERK.id)
    assert [sel.code for sel in drafts.load(ctx, info.id).selections] == [JYCY]


def test_closing_mid_intake_can_discard_the_draft(window, keys, ctx):
    _mid_intake(window, keys)
    _answer(window, "discardDraftButton")
    assert not window.isVisible() and drafts.list_drafts(ctx, LOCAL_CLERK.id) == []
    with ctx.store.read() as s:
        assert s.execute(select(AuditEntry).where(AuditEntry.action == "draft.discard")).first() is not None


def test_the_clerk_can_stay_in_the_intake(window, keys, ctx):
    wiz = _mid_intake(window, keys)
    _answer(window, "cancelCloseButton")
    assert window.isVisible() and window.wizard is wiz
    assert [sel.code for sel in wiz.flow.draft.selections] == [JYCY]
    assert drafts.list_drafts(ctx, LOCAL_CLERK.id) == []


def test_pressing_close_twice_asks_once(window, keys):
    _mid_intake(window, keys)
    assert not window.close() and not window.close()
    assert len([b for b in window.findChildren(QMessageBox, "keepDraft") if b.isVisible()]) == 1


def test_no_question_when_nothing_was_chosen_yet(window, monkeypatch, ctx):
    window.new_intake()
    monkeypatch.setattr(window, "ask_keep_draft", lambda: pytest.fail("asked about an empty intake"))
    assert window.close()
    assert drafts.list_drafts(ctx, LOCAL_CLERK.id) == []


def test_no_question_without_an_intake(window, monkeypatch):
    monkeypatch.setattr(window, "ask_keep_draft", lambda: pytest.fail("asked with no intake open"))
    assert window.close()


def _pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawString(72, 760, "Receipt voucher")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_the_print_preview_opens_full_size_at_page_width(qtbot):
    from clerk_app.ui import printing

    if not printing.can_rasterise():
        pytest.skip("neither pypdfium2 nor pdftoppm here")
    dlg = printing.preview_dialog(_pdf())
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    widget = dlg.findChild(QPrintPreviewWidget)
    assert widget.zoomMode() == QPrintPreviewWidget.ZoomMode.FitToWidth
    assert dlg.findChild(QAction, "fitWidthAction").isChecked()  # Qt's toolbar shows the mode in use
    assert dlg.isMaximized()
    assert widget.pageCount() == 1


def test_a_returning_applicant_read_from_the_card_gets_the_phone_offered(window, ctx):
    """The offer exists since issue 3 (``services.intake.find_applicant`` → applicant page); this pins that
    it also follows an F4 card read, where the card's name and address win over the stored ones."""
    from types import SimpleNamespace

    from clerk_app.devices.card_text import CardKind
    from clerk_app.domain.people import Party
    from clerk_app.services.intake import upsert_applicant
    from clerk_app.ui.idcard_reader import fill_form

    id_ok = "11010519491231002X"
    with ctx.store.transaction() as s:
        upsert_applicant(s, Party("person", "王五", id_ok, "13900139000", "上海市普陀区某路1号"), ctx.clock())
    wiz = _mid_intake(window, None)
    assert wiz.next()
    form = wiz.page.applicant
    fill_form(form, SimpleNamespace(kind=CardKind.RESIDENT, id_number=id_ok, name="王五", english_name="",
                                    address="北京市东城区某胡同2号"))
    assert form.phone.text() == "13900139000"
    assert form.address.text() == "北京市东城区某胡同2号"
    assert not wiz.page.known.isHidden() and wiz.page.known.text()
