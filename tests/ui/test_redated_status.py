"""The clerk sees which cases a newly arrived holiday calendar re-dated, and a provisional date is marked."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QLabel
from store.samples import sole_proprietor_tolerated, submit_request

from clerk_app.services import cases
from clerk_app.services.redate import DateChange


def test_status_bar_names_the_recomputed_cases(window, ctx):
    bar = window.status
    bar.refresh()
    assert not bar.redated.isVisible()
    ctx.redated = [DateChange("S310107010032709280001", date(2027, 10, 5), date(2027, 10, 11),
                              date(2027, 10, 1), date(2027, 10, 8), False)]
    bar.refresh()
    assert bar.redated.isVisible() and "1" in bar.redated.text()
    assert bar.redated.toolTip() \
        == "S310107010032709280001：办结期限 2027-10-05 → 2027-10-11；容缺补齐期限 2027-10-01 → 2027-10-08"


def test_case_view_marks_a_provisional_date(window, ctx, clock, qtbot):
    from clerk_app.ui.case_dialog import CaseDialog

    clock.now = datetime(2027, 9, 28, 10, 0)
    record = cases.get_case(ctx, submit_request(ctx, sole_proprietor_tolerated()).number)
    dlg = CaseDialog(ctx, window.clerk, record, window)
    qtbot.addWidget(dlg)
    assert dlg.findChild(QLabel, "provisionalNote") is not None
    texts = [lab.text() for lab in dlg.findChildren(QLabel)]
    assert "2027-10-01 *" in texts
