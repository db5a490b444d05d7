"""Screenshots of the supervision view, the report view (with its charts) and the enquiry dialog.

Run (not collected by pytest)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens_report.py OUTDIR [WIDTHxHEIGHT]

It makes a private data folder with a few days' work by three clerks (one a substitute), then
saves a PNG of each screen at a counter monitor's size. Open the PNGs and look at them.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(out: Path, size: str = "1366x768") -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["CLERK_HOME"] = tempfile.mkdtemp(prefix="clerk-screens-")
    from datetime import date, datetime

    from PySide6.QtWidgets import QApplication
    from store.samples import (
        food_tolerated,
        sign_accepted,
        sign_notice,
        sole_proprietor_tolerated,
        submit_request,
    )

    from clerk_app.domain.case import CaseStatus
    from clerk_app.domain.people import Clerk
    from clerk_app.domain.ratings import RATING_KIND, Rating, RatingLevel, Service
    from clerk_app.services import cases, enquiries
    from clerk_app.services.case_actions.note import add_note
    from clerk_app.services.context import open_context
    from clerk_app.ui.fonts import install_fonts
    from clerk_app.ui.i18n import install_translators
    from clerk_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    install_fonts(app)
    install_translators(app)
    w, h = (int(x) for x in size.split("x"))
    out.mkdir(parents=True, exist_ok=True)
    now = [datetime(2026, 11, 16, 9, 0)]
    ctx = open_context(clock=lambda: now[0])
    zhang = Clerk(id="1001", name="张三", badge="PT-0301")
    li = Clerk(id="1002", name="李四", badge="PT-0302", on_behalf_of_id="1001", on_behalf_of_name="张三")
    wang = Clerk(id="1003", name="王五", badge="PT-0101")

    def on(d: date, hour: int) -> None:
        now[0] = datetime(d.year, d.month, d.day, hour, 0)

    on(date(2026, 11, 10), 9)
    ready = [submit_request(ctx, sign_accepted(), zhang).number for _ in range(2)]
    for no in ready:
        cases.transition(ctx, no, CaseStatus.APPROVED, zhang)
        cases.transition(ctx, no, CaseStatus.RESULT_READY, zhang)
    on(date(2026, 11, 16), 10)
    submit_request(ctx, sign_accepted(), zhang)
    on(date(2026, 11, 19), 10)
    submit_request(ctx, sign_accepted(), li)
    fix = submit_request(ctx, sign_accepted(), wang).number
    cases.transition(ctx, fix, CaseStatus.SUPPLEMENT_REQUESTED, wang, "补正：设计图须加盖公章")
    on(date(2026, 11, 23), 9)
    for clerk, req in ((zhang, sole_proprietor_tolerated()), (zhang, food_tolerated()), (li, sign_accepted()),
                       (wang, sign_notice()), (wang, sign_accepted())):
        submit_request(ctx, req, clerk)
    cases.transition(ctx, ready[0], CaseStatus.HANDED_OUT, li)
    for no, level, by, served_for in ((ready[0], RatingLevel.VERY_SATISFIED, "李四", "张三"),
                                      (ready[1], RatingLevel.DISSATISFIED, "张三", None)):
        r = Rating(note_id="", case_no=no, level=level, service=Service.HAND_OUT, served_by=by, served_for=served_for,
                   comment="等候时间过长" if level is RatingLevel.DISSATISFIED else "",
                   followup_due=date(2026, 11, 30) if level is RatingLevel.DISSATISFIED else None)
        add_note(ctx, no, zhang, r.comment, kind=RATING_KIND, detail=r.detail())
    for clerk, code, answer in ((zhang, "000117001000", "告知个体工商户登记所需材料，已打印材料清单"),
                                (wang, "000162001000", "告知招牌设置须先取得营业执照")):
        enquiries.add_enquiry(ctx, clerk, code, answer)
    on(date(2026, 11, 24), 10)

    win = MainWindow(ctx, zhang)
    win.resize(w, h)
    win.show()
    saved: list[Path] = []

    def shot(name: str, widget=None) -> None:
        app.processEvents()
        p = out / f"{name}.png"
        (widget or win).grab().save(str(p))
        saved.append(p)

    win.show_supervision()
    shot("r1-supervision")
    win.supervision.tabs.setCurrentIndex(1)
    shot("r1b-supervision-supplements")
    win.supervision.tabs.setCurrentIndex(0)
    rv = win.show_report()
    rv.start.setDate(rv.start.date().addDays(-8))
    rv.refresh()
    shot("r2-report")
    win._back_to_work()
    dlg = win.record_enquiry()
    dlg.search.setText("gtgsh")
    dlg._update("gtgsh")
    dlg.choose("000117001000")
    dlg.question.setPlainText("开个体户需要带什么材料？")
    dlg.answer.setPlainText("告知须带身份证、经营场所证明；可容缺受理经营场所证明，3个工作日内补齐。")
    dlg.name.setText("赵六")
    dlg.print_list.setChecked(True)
    app.processEvents()
    shot("r3-enquiry-over-window")
    shot("r3-enquiry", dlg)
    return saved


if __name__ == "__main__":
    for p in main(Path(sys.argv[1]), *(sys.argv[2:3])):
        print(p)
