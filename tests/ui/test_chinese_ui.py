"""With the translations installed, every visible text of the window and the wizard is Chinese."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QLineEdit, QWidget

from clerk_app.domain.people import LOCAL_CLERK

# Latin words a Chinese counter UI legitimately shows: key names, formats, examples, and
# abbreviations the catalogue itself uses (CMA: 检验检测机构资质认定标志).
ALLOWED = {"Enter", "Esc", "Tab", "Del", "Ctrl", "Alt", "PDF", "spjy", "EMS", "poppler", "utils", "CMA"}
WORD = re.compile(r"[A-Za-z]{3,}")
HEX = re.compile(r"\b[0-9a-f]{8,}\b")  # a catalogue version hash ("beb984c8…"): not a word


@pytest.fixture
def chinese(qapp):
    from clerk_app.ui import i18n

    before = list(i18n._installed)
    assert i18n.install_translators(qapp) >= 1
    yield
    for tr in i18n._installed[len(before):]:
        qapp.removeTranslator(tr)
    del i18n._installed[len(before):]


def english_words(root: QWidget) -> set[str]:
    found = set()
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        texts = []
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        for t in texts:
            found |= {m for m in WORD.findall(HEX.sub("", re.sub(r"<[^>]+>", "", t))) if m not in ALLOWED}
    return found


def test_window_and_every_wizard_page_speak_chinese(chinese, ctx, qtbot):
    from clerk_app.ui.main_window import MainWindow

    w = MainWindow(ctx, LOCAL_CLERK)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    assert english_words(w) == set()
    assert all(not WORD.findall(a.text().replace("&", "")) for a in w.actions())  # menus too
    wiz = w.new_intake()
    wiz.pages[0].add(w.index.search("wykcyd")[0])
    for code, q, v in (("000117001000", "op", "new"), ("000117007000", "op", "new"),
                       ("000117007000", "catering", "yes"), ("000120019000", "op", "new")):
        wiz.flow.answer(code, q, v)
    seen = set()
    for step in range(5):
        wiz._go(step)
        QApplication.processEvents()
        seen |= english_words(wiz)
    assert seen == set()
    assert wiz.next_btn.text().startswith("下一步")
