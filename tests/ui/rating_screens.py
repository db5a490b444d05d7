"""Screenshots of the 好差评 screens at a counter monitor's size (two virtual screens of 1366×768).

Run (not collected by pytest)::

    .venv/bin/python tests/ui/rating_screens.py OUTDIR

Saves the applicant's window on the second screen (the levels, then what went wrong after a 差评,
then the thanks), the one-screen dialog turned to the applicant, and the clerk's finish dialog
while the applicant rates. Open the PNGs: large, Chinese, nothing of the clerk's on the applicant's.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path


def main(out: Path) -> list[Path]:
    config = Path(tempfile.mkdtemp(prefix="clerk-rating-screens-")) / "screens.json"
    screen = {"width": 1366, "height": 768, "logicalDpiX": 96, "logicalDpiY": 96, "y": 0}
    config.write_text(json.dumps({"screens": [{"name": "1-clerk", "x": 0, **screen},
                                              {"name": "2-applicant", "x": 1366, **screen}]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["CLERK_HOME"] = tempfile.mkdtemp(prefix="clerk-rating-home-")
    from datetime import datetime

    from PySide6.QtWidgets import QApplication, QPushButton

    from clerk_app.domain.people import Clerk
    from clerk_app.domain.ratings import Service
    from clerk_app.intake.request import flow_from_json
    from clerk_app.services.cases import get_case
    from clerk_app.services.context import open_context
    from clerk_app.services.intake import submit
    from clerk_app.ui.case_dialog import CaseDialog
    from clerk_app.ui.finish_dialog import FinishDialog
    from clerk_app.ui.fonts import install_fonts
    from clerk_app.ui.i18n import install_translators
    from clerk_app.ui.rating_window import ApplicantRatingDialog, ApplicantRatingPanel

    app = QApplication.instance() or QApplication([])
    install_fonts(app)
    install_translators(app)
    out.mkdir(parents=True, exist_ok=True)
    ctx = open_context(clock=lambda: datetime(2026, 11, 23, 10, 30))
    clerk = Clerk(id="1001", name="陈晓燕", badge="A0317")
    flow, errs = flow_from_json({"items": [{"code": "000134011000"}],
                                 "applicant": {"kind": "person", "name": "张三", "id_number": "11010519491231002X",
                                               "phone": "13800138000"},
                                 "materials": {"employment_registration_form": "original", "applicant_id": "original",
                                               "photo_2inch": "original"}}, ctx.catalogue, ctx.calendar, ctx.clock())
    assert flow is not None, errs
    result = submit(ctx, flow, clerk)
    saved: list[Path] = []

    def shot(name: str, widget) -> None:
        app.processEvents()
        p = out / f"{name}.png"
        widget.grab().save(str(p))
        saved.append(p)

    done = FinishDialog(ctx, clerk, result)
    done.resize(1366, 768)
    done.show()
    window = done.rating.applicant
    shot("rating-1-applicant-levels", window)
    shot("rating-0-clerk-waiting", done)
    window.findChild(QPushButton, "level:dissatisfied").click()
    window.panel.problem_buttons["等候时间长"].setChecked(True)
    window.panel.comment.setText("排队等了四十分钟")
    shot("rating-2-applicant-what-went-wrong", window)
    window.panel.submit.click()
    shot("rating-3-applicant-thanks", window)
    shot("rating-4-clerk-rated", done)

    dlg = ApplicantRatingDialog(ApplicantRatingPanel(Service.HAND_OUT, "陈晓燕（工号牌 A0317）"))
    dlg.setGeometry(0, 0, 1366, 768)
    dlg.show()
    shot("rating-5-one-screen-dialog", dlg)
    boss = Clerk(id="1003", name="王五", badge="PT-0101", supervisor=True)
    view = CaseDialog(ctx, boss, get_case(ctx, result.number))
    view.resize(1366, 768)
    view.show()
    view.action_buttons["close_followup"].click()
    view.action_dialog.fields["action"].setPlainText("已电话回访申请人并致歉；高峰时段增开一个收件窗口")
    shot("rating-6-supervisor-closes", view.action_dialog)
    ctx.close()
    return saved


if __name__ == "__main__":
    for p in main(Path(sys.argv[1] if len(sys.argv) > 1 else "screens-rating")):
        print(p)
