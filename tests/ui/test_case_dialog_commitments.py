"""The case view shows the 告知承诺 materials due after the decision, and by when (issue 10)."""

from __future__ import annotations

from datetime import datetime

from store.samples import food_tolerated, submit_request

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.services import cases

CLERK = Clerk(id="s1", name="张三", badge="A017")


def _request():
    req = food_tolerated()
    req["materials"]["food_safety_manager"] = "commitment"  # 20 working days after the decision
    req["materials"]["health_certificates"] = "copy"
    return req


def test_the_case_view_shows_what_is_promised_after_the_decision_and_by_when(ctx, clock, qtbot):
    from PySide6.QtWidgets import QLabel

    from clerk_app.ui.case_dialog import CaseDialog

    r = submit_request(ctx, _request(), CLERK)
    clock.now = datetime(2026, 11, 30, 10, 0)
    rec = cases.transition(ctx, r.number, CaseStatus.APPROVED, CLERK)
    dlg = CaseDialog(ctx, CLERK, rec)
    qtbot.addWidget(dlg)
    label = dlg.findChild(QLabel, "afterDecisionDue")
    assert label is not None and label.text() == "食品安全管理人员任命文件及培训考核合格证明：审批决定之日起20个工作日内提交（2026-12-28前）"
