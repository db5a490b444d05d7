"""``clerk case show`` tells a mailed case's courier and tracking number."""

from __future__ import annotations

from store.samples import sign_accepted

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.services import cases
from clerk_app.services.case_actions.mail import mail_result
from clerk_app.services.context import open_context


def test_case_show_gives_the_tracking_number_of_a_mailed_case(clerk, write_json, clock):
    r = clerk("intake", "--json", write_json(sign_accepted()))
    assert r.code == 0, r.err
    no = r.json["case_no"]
    ctx = open_context(clock=clock)
    try:
        for target in (CaseStatus.IN_REVIEW, CaseStatus.APPROVED, CaseStatus.RESULT_READY):
            cases.transition(ctx, no, target, LOCAL_CLERK)
        mail_result(ctx, no, LOCAL_CLERK, "sf", "SF1234567890123", address="上海市普陀区长寿路1号")
    finally:
        ctx.close()
    shown = clerk("case", "show", no)
    assert shown.code == 0
    assert "状态: 已出件（邮寄）" in shown.out and "快递公司: 顺丰速运" in shown.out
    assert "快递单号: SF1234567890123" in shown.out
    data = clerk("case", "show", no, "--json").json
    assert (data["status"], data["courier"], data["tracking_no"]) == ("mailed", "顺丰速运", "SF1234567890123")
