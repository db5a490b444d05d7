"""Window actions after intake: hand out / mail a result, record supplements; rules and audit."""

from __future__ import annotations

import pytest
from records_json import as_json
from sqlalchemy import select

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.intake.request import flow_from_json
from clerk_app.services import cases
from clerk_app.services.case_actions import ActionRefused, hand_out, mail, supplement
from clerk_app.services.intake import submit
from clerk_app.store.models import AuditEntry, OutboxEntry

LEASE = "any:property_cert|lease_contract"
FULL_EMPLOYMENT = {"employment_registration_form": "original", "applicant_id": "original", "photo_2inch": "original"}


def take(ctx, code, materials, answers=None, conditions=()):
    data = {"items": [{"code": code, "answers": answers or {}, "conditions": list(conditions)}],
            "applicant": {"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"},
            "materials": materials}
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    return submit(ctx, flow, LOCAL_CLERK)


def _ready(ctx):
    res = take(ctx, "000134011000", FULL_EMPLOYMENT)
    cases.transition(ctx, res.number, CaseStatus.APPROVED, LOCAL_CLERK)
    cases.transition(ctx, res.number, CaseStatus.RESULT_READY, LOCAL_CLERK)
    return res.number


def _actions(ctx):
    with ctx.store.read() as s:
        return [(a.action, a.subject, a.detail) for a in s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()]


def test_hand_out_records_recipient_with_masked_id(ctx):
    no = _ready(ctx)
    case = as_json(hand_out.hand_out(ctx, no, LOCAL_CLERK, "王五", "310115198001011238", collector="agent",
                                     authorisation_kept=True))
    assert case["status"] == CaseStatus.HANDED_OUT
    note = case["events"][-1]["note"]
    assert "王五" in note and "310115********1238" in note and "310115198001011238" not in note
    assert _actions(ctx)[-1][:2] == ("case.status", no)
    with ctx.store.read() as s:
        assert s.execute(select(OutboxEntry).where(OutboxEntry.kind == "case_event")).scalars().all()


def test_hand_out_needs_a_ready_result_and_a_recipient(ctx):
    res = take(ctx, "000134011000", FULL_EMPLOYMENT)
    with pytest.raises(ActionRefused, match="结果尚未送达窗口"):
        hand_out.hand_out(ctx, res.number, LOCAL_CLERK)
    no = _ready(ctx)
    with pytest.raises(ActionRefused, match="领取人姓名"):
        hand_out.hand_out(ctx, no, LOCAL_CLERK, " ", collector="agent")
    with pytest.raises(ActionRefused, match="校验位"):
        hand_out.hand_out(ctx, no, LOCAL_CLERK, "王五", "110105194912310021", collector="agent",
                          authorisation_kept=True)
    assert as_json(cases.get_case(ctx, no))["status"] == CaseStatus.RESULT_READY


def test_mail_result_needs_courier_and_tracking_number(ctx):
    no = _ready(ctx)
    with pytest.raises(ActionRefused, match="快递单号"):
        mail.mail_result(ctx, no, LOCAL_CLERK, "EMS", "12")
    with pytest.raises(ActionRefused, match="地址"):  # a pickup case has no address on file
        mail.mail_result(ctx, no, LOCAL_CLERK, "EMS", "1180 2233 4455 6")
    case = as_json(mail.mail_result(ctx, no, LOCAL_CLERK, "EMS", "1180 2233 4455 6", address="上海市普陀区长寿路1号"))
    assert case["status"] == CaseStatus.MAILED and "1180223344556" in case["events"][-1]["note"]


def test_last_tolerated_material_makes_the_case_accepted(ctx):
    res = take(ctx, "000117001000", {"sole_proprietor_application": "original", "applicant_id": "original",
                                     LEASE: "tolerated"}, answers={"op": "new"},
               conditions=["capable_person", "name_reserved"])
    case = cases.get_case(ctx, res.number)
    assert case.status == CaseStatus.ACCEPTED_TOLERATED
    assert case.pending_supplement() == [LEASE]
    with pytest.raises(ActionRefused, match="不是待补交的容缺材料"):
        supplement.record_supplement(ctx, res.number, LOCAL_CLERK, ["applicant_id"])
    case = supplement.record_supplement(ctx, res.number, LOCAL_CLERK, [LEASE])
    assert case.status == CaseStatus.ACCEPTED
    assert case.pending_supplement() == []
    assert [a[0] for a in _actions(ctx)][-2:] == ["case.supplement", "case.status"]
    with pytest.raises(ActionRefused, match="没有待补交的材料"):
        supplement.record_supplement(ctx, res.number, LOCAL_CLERK, [LEASE])


def test_a_note_is_recorded_without_moving_the_status(ctx):
    from store.samples import sign_accepted, submit_request

    from clerk_app.protocol.records import parse_payload
    from clerk_app.services import case_actions
    from clerk_app.services.case_actions import note
    from clerk_app.store.models import CaseNote

    no = submit_request(ctx, sign_accepted()).number
    before = cases.get_case(ctx, no)
    rec = note.add_note(ctx, no, LOCAL_CLERK, "申请人来电询问进度", kind="enquiry")
    after = cases.get_case(ctx, no)
    assert (after.status, len(after.events)) == (before.status, len(before.events))
    with ctx.store.read() as s:
        (row,) = s.scalars(select(CaseNote)).all()
        last = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
    assert (row.kind, row.text) == ("enquiry", "申请人来电询问进度")
    assert last.kind == "case_note" and parse_payload("case_note", last.payload) == rec
    assert "note" in case_actions.offered(ctx, after, LOCAL_CLERK)
    with pytest.raises(ActionRefused):
        note.add_note(ctx, no, LOCAL_CLERK, "  ")
