"""Rare-character names on screen: the shipped fonts are Qt's fallbacks; the clerk is warned while
typing a character no font has (it would print as its code point)."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics, QInputMethodEvent, QTextLayout
from PySide6.QtWidgets import QApplication

from clerk_app.ui.fonts import install_fonts
from clerk_app.ui.wizard.party_form import PartyForm

NO_FONT = "\U00030041"  # CJK Extension G: one of the 1,894 no shipped font has


def _commit(widget, text: str) -> None:
    """Type ``text`` as an input method commits it (works for characters beyond the BMP)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_extension_a_and_b_characters_are_shown_by_the_fallback_fonts(qtbot):
    app = QApplication.instance()
    assert install_fonts(app) == "WenQuanYi Micro Hei"
    assert app.font().families()[:3] == ["WenQuanYi Micro Hei", "HanaMinA", "HanaMinB"]
    layout = QTextLayout("刘䶮\U00020001\U0002A6DD", app.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    used = {run.rawFont().familyName() for run in layout.glyphRuns()}
    assert {"WenQuanYi Micro Hei", "HanaMinA", "HanaMinB", "BabelStone Han Subset"} <= used
    metrics = QFontMetrics(app.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "䶮\U00020BB7\U0002A6DF")


def test_name_and_address_warn_about_a_character_no_font_has(qtbot):
    form = PartyForm("applicant")
    qtbot.addWidget(form)
    form.show()
    _commit(form.name, "刘䶮\U00020BB7")
    assert form.name.text() == "刘䶮\U00020BB7"
    assert form.messages["name"].isHidden()  # prints fine: no warning
    _commit(form.name, NO_FONT)
    assert not form.messages["name"].isHidden()
    assert "〔U+30041〕" in form.messages["name"].text()
    form.name.setText("刘䶮")
    form.name.textEdited.emit(form.name.text())  # as the clerk's correction would
    assert form.messages["name"].isHidden()
    _commit(form.address, f"北京市{NO_FONT}路1号")
    assert "〔U+30041〕" in form.messages["address"].text()
