"""The case view offers only the actions the rules allow, and carries them out through services."""

from __future__ import annotations

from records_json import as_json

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.intake.request import flow_from_json
from clerk_app.services import cases
from clerk_app.services.intake import submit
from clerk_app.ui.case_dialog import CaseDialog

CHIEF = Clerk(id="1003", name="王五", badge="PT-0101", chief_rep=True)
CLERK = Clerk(id="1001", name="张三", badge="PT-0301")


def _accepted_employment_case(ctx) -> str:
    data = {"items": [{"code": "000134011000"}],
            "applicant": {"kind": "person", "name": "赵七", "id_number": "11010519491231002X",
                          "phone": "13800138000"},
            "materials": {"employment_registration_form": "original", "applicant_id": "original",
                          "photo_2inch": "original"}}
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    return submit(ctx, flow, CLERK).number


def test_on_the_spot_decision_button_only_for_a_chief_representative(ctx, qtbot):
    no = _accepted_employment_case(ctx)
    case = cases.get_case(ctx, no)
    plain = CaseDialog(ctx, CLERK, case)
    qtbot.addWidget(plain)
    assert plain.decide_btn.isHidden()
    chief = CaseDialog(ctx, CHIEF, case)
    qtbot.addWidget(chief)
    assert not chief.decide_btn.isHidden()
    assert chief.handout_btn.isHidden()  # nothing to hand out yet


def test_decide_dialog_moves_the_case_to_result_ready(ctx, qtbot):
    from clerk_app.ui.action_dialogs import DecideOnSpotDialog

    no = _accepted_employment_case(ctx)
    dlg = DecideOnSpotDialog(ctx, CHIEF, cases.get_case(ctx, no))
    qtbot.addWidget(dlg)
    dlg._ok()  # empty decision: refused inline, dialog stays open
    assert dlg.result() == 0 and as_json(cases.get_case(ctx, no))["status"] == CaseStatus.ACCEPTED
    dlg.decision.setText("准予，证号 3101070012345")
    dlg._ok()
    assert as_json(cases.get_case(ctx, no))["status"] == CaseStatus.RESULT_READY
