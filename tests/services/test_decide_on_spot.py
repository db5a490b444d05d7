"""A chief representative (首席事务代表) decides marked items at the window; nobody else can."""

from __future__ import annotations

import pytest
from records_json import as_json
from sqlalchemy import select

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.intake.request import flow_from_json
from clerk_app.protocol.records import CaseRecord, ItemSnapshot
from clerk_app.services import case_actions, cases
from clerk_app.services.case_actions import decide_on_spot
from clerk_app.services.intake import submit
from clerk_app.store.models import AuditEntry

CHIEF = Clerk(id="1003", name="王五", badge="PT-0101", chief_rep=True)
CLERK = Clerk(id="1001", name="张三", badge="PT-0301")
EMPLOYMENT = {"employment_registration_form": "original", "applicant_id": "original", "photo_2inch": "original"}


def _accepted_employment_case(ctx) -> str:
    data = {"items": [{"code": "000134011000"}],
            "applicant": {"kind": "person", "name": "赵七", "id_number": "11010519491231002X",
                          "phone": "13800138000"},
            "materials": EMPLOYMENT}
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    r = submit(ctx, flow, CLERK)
    assert ctx.catalogue.items["000134011000"].chief_rep_decides
    assert as_json(cases.get_case(ctx, r.number))["status"] == CaseStatus.ACCEPTED
    return r.number


def test_chief_representative_approves_on_the_spot(ctx):
    no = _accepted_employment_case(ctx)
    case = as_json(decide_on_spot.decide_on_spot(ctx, no, CHIEF, True, "准予，就业创业证编号 3101070012345"))
    assert case["status"] == CaseStatus.RESULT_READY
    assert [e["to"] for e in case["events"]][-2:] == ["approved", "result_ready"]
    assert case["result_note"] == "准予，就业创业证编号 3101070012345"


def test_an_ordinary_clerk_cannot_and_the_attempt_is_audited(ctx):
    no = _accepted_employment_case(ctx)
    with pytest.raises(case_actions.ActionRefused, match="首席事务代表"):
        decide_on_spot.decide_on_spot(ctx, no, CLERK, True, "准予")
    assert as_json(cases.get_case(ctx, no))["status"] == CaseStatus.ACCEPTED
    with ctx.store.read() as s:
        last = s.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one()
    assert last.action == "case.decide_refused" and last.subject == no


def test_items_not_marked_for_on_the_spot_decisions_are_refused(ctx):
    code = next(c for c, it in ctx.catalogue.items.items() if not it.chief_rep_decides)
    case = CaseRecord.model_construct(status=CaseStatus.ACCEPTED,
                                      items=[ItemSnapshot(code=code, name=ctx.catalogue.items[code].name)])
    assert "未授权当场决定" in decide_on_spot.on_spot_refusal(ctx, case, CHIEF)


def test_a_decision_needs_its_content(ctx):
    no = _accepted_employment_case(ctx)
    with pytest.raises(case_actions.ActionRefused, match="决定内容"):
        decide_on_spot.decide_on_spot(ctx, no, CHIEF, False, " ")
