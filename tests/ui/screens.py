"""Screenshots of the counter window and each wizard page at a counter monitor's size.

Run (not collected by pytest)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens.py OUTDIR [WIDTHxHEIGHT]

It makes a private data folder with a few cases, walks one 一件事 intake through the
wizard, and saves a PNG per screen. Open the PNGs and check them as a clerk would:
nothing clipped, Chinese everywhere, readable at a glance.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main(out: Path, size: str = "1366x768") -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["CLERK_HOME"] = tempfile.mkdtemp(prefix="clerk-screens-")
    from datetime import datetime

    from PySide6.QtWidgets import QApplication

    from clerk_app.domain.people import Clerk
    from clerk_app.intake.request import flow_from_json
    from clerk_app.services.context import open_context
    from clerk_app.services.intake import submit
    from clerk_app.ui.fonts import install_fonts
    from clerk_app.ui.i18n import install_translators
    from clerk_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    install_fonts(app)
    install_translators(app)
    w, h = (int(x) for x in size.split("x"))
    out.mkdir(parents=True, exist_ok=True)
    ctx = open_context(clock=lambda: datetime(2026, 11, 23, 10, 30))
    clerk = Clerk(id="s1", name="陈晓燕", badge="A0317")
    person = {"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"}
    for code, mats in (("000134011000", {"employment_registration_form": "original", "applicant_id": "original",
                                         "photo_2inch": "original"}),
                       ("000162001000", {"sign_application": "original", "business_license": "e-license",
                                         "lease_contract": "copy", "sign_design": "original",
                                         "sign_safety_commitment": "commitment"}),
                       ("000134011000", {"applicant_id": "original"})):
        flow, errs = flow_from_json({"items": [{"code": code}], "applicant": person, "materials": mats},
                                    ctx.catalogue, ctx.calendar, ctx.clock())
        assert flow is not None, errs
        submit(ctx, flow, clerk)

    win = MainWindow(ctx, clerk)
    win.resize(w, h)
    win.show()
    saved: list[Path] = []

    def shot(name: str, widget=None) -> None:
        app.processEvents()
        p = out / f"{name}.png"
        (widget or win).grab().save(str(p))
        saved.append(p)

    shot("0-main")
    wiz = win.new_intake()
    wiz.pages[0].query.setText("kcy")
    shot("1-items-search")
    wiz.pages[0].add(win.index.search("wykcyd")[0])
    wiz.pages[0].query.clear()
    shot("1-items")
    wiz.next()
    for code, q, v in (("000117001000", "op", "new"), ("000117007000", "op", "new"),
                       ("000117007000", "catering", "yes"), ("000120019000", "op", "new")):
        wiz.flow.answer(code, q, v)
    wiz._go(1)
    shot("2-situation")
    wiz.next()
    page = wiz.page
    page.applicant.id_number.setText("110105194912310021")
    page.applicant._check_id(final=True)
    page.applicant.name.setText("张三")
    page.applicant.phone.setText("1380013800")
    page.applicant._check_phone(final=True)
    page.has_agent.setChecked(True)
    shot("3-applicant-errors")
    page.applicant.id_number.setText("11010519491231002X")
    page.applicant._check_id(final=True)
    page.applicant.phone.setText("13800138000")
    page.applicant._check_phone(final=True)
    page.has_agent.setChecked(False)
    wiz.next()
    rows = list(wiz.page.rows.values())
    for r in rows[:4]:
        r.buttons[next(iter(s for s in r.buttons if s.value == "original"))].setChecked(True)
        if r.line.is_choice:
            r.choice.setCurrentIndex(1)
    shot("4-materials")
    assert wiz.next(), wiz.page.errors.messages()
    shot("5-decision")
    assert wiz.next(), wiz.page.errors.messages()
    shot("6-finish", win.last_dialog)
    win.last_dialog.close()
    win.open_number(win.today.rows[-1].case_no)
    dlg = win.last_dialog
    shot("7-case", dlg)
    form = dlg.open_action("note")  # a form built from the action's inputs
    shot("8-action-note", form)
    form.reject()
    from clerk_app.domain.case import CaseStatus
    from clerk_app.services import cases

    no = dlg.case.case_no  # a result back from the back office, to hand out: a hand-made form
    cases.transition(ctx, no, CaseStatus.APPROVED, clerk, "准予许可")
    cases.transition(ctx, no, CaseStatus.RESULT_READY, clerk)
    dlg.close()
    win.open_number(no)
    dlg = win.last_dialog
    shot("9-case-ready", dlg)
    form = dlg.open_action("hand_out")
    shot("10-action-handout", form)
    screen(out / "12-screen-case-and-form.png", win, dlg, form)
    saved.append(out / "12-screen-case-and-form.png")
    form.role.setCurrentIndex(form.role.findData("agent"))  # an agent collects: name, ID, 委托书 missing
    form.ok_button.click()
    shot("11-action-handout-missing", form)
    form.reject()
    ctx.close()
    return saved


def screen(path: Path, *windows) -> None:
    """The monitor as the clerk sees it: each window painted centred over the one before."""
    from PySide6.QtGui import QPainter, QPixmap

    base = windows[0].grab()
    canvas = QPixmap(base.size())
    painter = QPainter(canvas)
    painter.drawPixmap(0, 0, base)
    for w in windows[1:]:
        g = w.grab()
        painter.fillRect((canvas.width() - g.width()) // 2 - 1, (canvas.height() - g.height()) // 2 - 1,
                         g.width() + 2, g.height() + 2, "#555555")  # a frame, as a window manager draws
        painter.drawPixmap((canvas.width() - g.width()) // 2, (canvas.height() - g.height()) // 2, g)
    painter.end()
    canvas.save(str(path))


if __name__ == "__main__":
    for p in main(Path(sys.argv[1] if len(sys.argv) > 1 else "screens"), *(sys.argv[2:3])):
        print(p)
