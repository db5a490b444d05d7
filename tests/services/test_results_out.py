"""Results out (出件 / 邮寄): who may collect, the agent's ID and 授权委托书, mailing with a checked
tracking number; each is one transaction with its audit entry and its ``handout`` outbox entry."""

from __future__ import annotations

import json
from datetime import date

import pytest
from records_json import as_json
from sqlalchemy import select
from store.samples import food_tolerated

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.domain.tracking import s10_check_digit
from clerk_app.intake.request import flow_from_json
from clerk_app.protocol.records import HandoutRecord, parse_payload
from clerk_app.services import case_actions, cases
from clerk_app.services.case_actions import ActionRefused, hand_out, mail
from clerk_app.services.case_actions.handouts import get_handout
from clerk_app.services.intake import submit
from clerk_app.store.models import AuditEntry, OutboxEntry

APPLICANT_ID = "11010519491231002X"
AGENT_ID = "310115198001011238"
FULL_EMPLOYMENT = {"employment_registration_form": "original", "applicant_id": "original", "photo_2inch": "original"}
EMS_NO = f"EA{'47312482'}{s10_check_digit('47312482')}CN"


def _ready(ctx, applicant=None, delivery=None):
    data = {"items": [{"code": "000134011000", "answers": {}, "conditions": []}],
            "applicant": applicant or {"kind": "person", "name": "张三", "id_number": APPLICANT_ID,
                                       "phone": "13800138000"},
            "materials": FULL_EMPLOYMENT}
    if delivery:
        data["delivery"] = delivery
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    no = submit(ctx, flow, LOCAL_CLERK).number
    cases.transition(ctx, no, CaseStatus.APPROVED, LOCAL_CLERK)
    cases.transition(ctx, no, CaseStatus.RESULT_READY, LOCAL_CLERK)
    return no


def _ready_company(ctx, contact="周经理"):
    data = food_tolerated()
    data["applicant"] = {**data["applicant"], "contact": contact}
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    no = submit(ctx, flow, LOCAL_CLERK).number
    for target in (CaseStatus.IN_REVIEW, CaseStatus.APPROVED, CaseStatus.RESULT_READY):
        cases.transition(ctx, no, target, LOCAL_CLERK)
    return no


def _outbox(ctx, kind="handout"):
    with ctx.store.read() as s:
        return [json.loads(e.payload) if isinstance(e.payload, str) else e.payload
                for e in s.execute(select(OutboxEntry).where(OutboxEntry.kind == kind)).scalars()]


def _audit(ctx):
    with ctx.store.read() as s:
        return [(a.action, a.subject) for a in s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()]


def _status(ctx, no):
    return cases.get_case(ctx, no).status


def test_the_applicant_collects_in_person_without_typing_anything(ctx):
    no = _ready(ctx)
    case = hand_out.hand_out(ctx, no, LOCAL_CLERK)
    assert case.status == CaseStatus.HANDED_OUT
    assert "领取人：张三（申请人本人）" in case.events[-1].note
    h = get_handout(ctx, case.id)
    assert (h.receiver.name, h.receiver_role, h.authorisation_kept) == ("张三", "applicant", False)
    assert ("case.status", no) in _audit(ctx)
    [payload] = _outbox(ctx)
    assert payload["receiver_role"] == "applicant" and payload["case_no"] == no


def test_the_applicant_showing_an_id_must_show_the_one_on_file(ctx):
    no = _ready(ctx)
    with pytest.raises(ActionRefused, match="与申请时登记的申请人证件号码不一致"):
        hand_out.hand_out(ctx, no, LOCAL_CLERK, "张三", AGENT_ID)
    case = hand_out.hand_out(ctx, no, LOCAL_CLERK, "张三", APPLICANT_ID)
    assert "居民身份证 110105********002X" in case.events[-1].note and APPLICANT_ID not in case.events[-1].note


def test_an_agent_with_an_id_document_and_the_authorisation_collects_and_both_are_recorded(ctx):
    no = _ready(ctx)
    case = hand_out.hand_out(ctx, no, LOCAL_CLERK, "李四", "H12345678", collector="agent", id_type="hk_mo_permit",
                             recipient_phone="13900139000", authorisation_kept=True,
                             authorisation_scope="代为领取就业创业证", authorisation_date=date(2026, 11, 20))
    assert case.status == CaseStatus.HANDED_OUT
    note = case.events[-1].note
    assert "李四（代领人，港澳居民来往内地通行证 H1*****78）" in note and "已查验并留存授权委托书" in note
    assert "H12345678" not in note
    h = get_handout(ctx, case.id)
    assert h.receiver.id_number == "H12345678" and h.receiver.id_type == "hk_mo_permit"  # full on the record
    assert (h.receiver_role, h.authorisation_kept, h.authorisation_scope, h.authorisation_date) == (
        "agent", True, "代为领取就业创业证", date(2026, 11, 20))
    [payload] = _outbox(ctx)
    again = parse_payload("handout", payload)
    assert isinstance(again, HandoutRecord) and again.authorisation_kept and again.receiver.id_type == "hk_mo_permit"


def test_a_third_party_is_refused_without_an_id_document_or_without_the_authorisation(ctx):
    no = _ready(ctx)
    with pytest.raises(ActionRefused, match="不是申请人“张三”本人。他人代领须选择“代领人”"):
        hand_out.hand_out(ctx, no, LOCAL_CLERK, "王五")  # someone else, presented as the applicant
    with pytest.raises(ActionRefused, match="代领须出示本人有效身份证件.*未出示身份证件的，不予代领"):
        hand_out.hand_out(ctx, no, LOCAL_CLERK, "王五", collector="agent", authorisation_kept=True)
    with pytest.raises(ActionRefused, match="授权委托书"):
        hand_out.hand_out(ctx, no, LOCAL_CLERK, "王五", AGENT_ID, collector="agent")
    with pytest.raises(ActionRefused, match="领取人身份证号码校验位不正确"):
        hand_out.hand_out(ctx, no, LOCAL_CLERK, "王五", "310115198001011239", collector="agent",
                          authorisation_kept=True)
    with pytest.raises(ActionRefused, match="统一社会信用代码不是个人的证件"):
        hand_out.hand_out(ctx, no, LOCAL_CLERK, "王五", "91350100M000100Y43", collector="agent", id_type="uscc",
                          authorisation_kept=True)
    with pytest.raises(ActionRefused, match="签署日期不能晚于今天"):
        hand_out.hand_out(ctx, no, LOCAL_CLERK, "王五", AGENT_ID, collector="agent", authorisation_kept=True,
                          authorisation_date=date(2099, 1, 1))
    with pytest.raises(ActionRefused, match="没有法定代表人"):
        hand_out.hand_out(ctx, no, LOCAL_CLERK, "王五", AGENT_ID, collector="legal_rep")
    assert _status(ctx, no) == CaseStatus.RESULT_READY and _outbox(ctx) == []  # nothing half-written


def test_a_company_collects_through_its_contact_its_legal_representative_or_an_agent(ctx):
    no = _ready_company(ctx)
    assert case_actions.case_actions()["hand_out"].inputs[2].initial(ctx, cases.get_case(ctx, no)) == "周经理"
    with pytest.raises(ActionRefused, match="不是申请单位登记的联系人“周经理”"):
        hand_out.hand_out(ctx, no, LOCAL_CLERK, "吴法人")
    with pytest.raises(ActionRefused, match="法定代表人领取须出示本人有效身份证件"):
        hand_out.hand_out(ctx, no, LOCAL_CLERK, "吴法人", collector="legal_rep")
    case = hand_out.hand_out(ctx, no, LOCAL_CLERK, "吴法人", AGENT_ID, collector="legal_rep")
    assert "吴法人（法定代表人，居民身份证 310115********1238）" in case.events[-1].note
    no2 = _ready_company(ctx)
    assert "周经理（申请人本人）" in hand_out.hand_out(ctx, no2, LOCAL_CLERK).events[-1].note


def test_hand_out_through_perform_with_the_declared_inputs(ctx):
    no = _ready(ctx)
    with pytest.raises(ActionRefused, match="请选择“领取人身份”"):
        case_actions.perform(ctx, "hand_out", no, LOCAL_CLERK, {"recipient_name": "李四", "collector": None})
    case = case_actions.perform(ctx, "hand_out", no, LOCAL_CLERK, {
        "collector": "agent", "recipient_name": "李四", "id_type": "resident_id", "recipient_id": AGENT_ID,
        "authorisation_kept": True, "authorisation_scope": "", "authorisation_date": None, "result": "就业创业证"})
    assert case.status == CaseStatus.HANDED_OUT
    h = get_handout(ctx, case.id)
    assert h.authorisation_scope == "代为领取办理结果" and h.result == "就业创业证"


def test_mail_with_a_checked_tracking_number_ends_as_mailed_with_the_number_on_the_case(ctx):
    no = _ready(ctx, delivery={"method": "mail", "address": "上海市普陀区长寿路1号"})
    case = mail.mail_result(ctx, no, LOCAL_CLERK, "ems", EMS_NO.lower(), cost_bearer="government")
    assert case.status == CaseStatus.MAILED
    assert (case.courier, case.tracking_no) == ("EMS（中国邮政速递）", EMS_NO)
    assert EMS_NO in case.events[-1].note and "政府付费（免费寄递）" in case.events[-1].note
    again = cases.get_case(ctx, no)
    assert again.tracking_no == EMS_NO and as_json(again)["tracking_no"] == EMS_NO
    h = get_handout(ctx, case.id)
    assert (h.courier_code, h.cost_bearer, h.address, h.receiver.name, h.receiver.phone) == (
        "ems", "government", "上海市普陀区长寿路1号", "张三", "13800138000")
    [payload] = _outbox(ctx)
    assert payload["tracking_no"] == EMS_NO and payload["courier_code"] == "ems"
    assert [c.tracking_no for c in cases.list_cases(ctx) if c.case_no == no] == [EMS_NO]


@pytest.mark.parametrize(("courier", "number", "message"), [
    ("ems", EMS_NO[:10] + str((int(EMS_NO[10]) + 1) % 10) + "CN", "EMS 单号校验位不正确"),
    ("ems", "118022334455", "EMS（中国邮政速递）的快递单号应为"),
    ("sf", "1234567890123", "顺丰速运的快递单号应为SF加12至13位数字"),
    ("yto", "YT12345", "圆通速递的快递单号应为YT加13位数字"),
    ("zto", "ABC", "中通快递的快递单号应为12位或14位数字"),
])
def test_mail_with_a_tracking_number_not_of_its_couriers_form_is_refused(ctx, courier, number, message):
    no = _ready(ctx, delivery={"method": "mail", "address": "上海市普陀区长寿路1号"})
    with pytest.raises(ActionRefused, match=message):
        mail.mail_result(ctx, no, LOCAL_CLERK, courier, number)
    assert _status(ctx, no) == CaseStatus.RESULT_READY and _outbox(ctx) == []


def test_an_unknown_courier_is_taken_by_its_name_with_a_length_check(ctx):
    no = _ready(ctx, delivery={"method": "mail", "address": "上海市普陀区长寿路1号"})
    with pytest.raises(ActionRefused, match="快递单号应为6至30位字母或数字，当前为4位"):
        mail.mail_result(ctx, no, LOCAL_CLERK, "德邦快递", "DP12")
    with pytest.raises(ActionRefused, match="请填写快递公司名称"):
        mail.mail_result(ctx, no, LOCAL_CLERK, "other", "DPK123456789012")
    case = mail.mail_result(ctx, no, LOCAL_CLERK, "德邦快递", "DPK123456789012")
    assert (case.courier, case.tracking_no) == ("德邦快递", "DPK123456789012")
    assert get_handout(ctx, case.id).courier_code == "other"


def test_mail_needs_a_full_address_a_phone_and_says_every_problem_at_once(ctx):
    no = _ready(ctx)  # a pickup case: no address on file
    with pytest.raises(ActionRefused) as err:
        mail.mail_result(ctx, no, LOCAL_CLERK, "sf", "SF12", recipient_phone="12345")
    msg = str(err.value)
    assert "顺丰速运的快递单号" in msg and "请填写邮寄地址" in msg and "收件人" in msg
    with pytest.raises(ActionRefused, match="邮寄地址不完整"):
        mail.mail_result(ctx, no, LOCAL_CLERK, "sf", "SF1234567890123", address="长寿路")
    with pytest.raises(ActionRefused, match="请选择邮寄费用承担方"):
        mail.mail_result(ctx, no, LOCAL_CLERK, "sf", "SF1234567890123", address="上海市普陀区长寿路1号",
                         cost_bearer="nobody")
    case = mail.mail_result(ctx, no, LOCAL_CLERK, "顺丰", "SF 1234 5678 9012 3", address="上海市普陀区长寿路1号",
                            recipient_name="张三家属", recipient_phone="021-52564588")
    h = get_handout(ctx, case.id)
    assert (h.cost_bearer, h.receiver.name, h.receiver.phone, h.tracking_no) == (
        "applicant", "张三家属", "021-52564588", "SF1234567890123")  # the centre's default bearer


def test_results_out_is_offered_only_when_the_result_is_ready(ctx):
    no = _ready(ctx)
    case = cases.get_case(ctx, no)
    assert {"hand_out", "mail"} <= set(case_actions.offered(ctx, case, LOCAL_CLERK))
    hand_out.hand_out(ctx, no, LOCAL_CLERK)
    case = cases.get_case(ctx, no)
    assert not {"hand_out", "mail"} & set(case_actions.offered(ctx, case, LOCAL_CLERK))
    with pytest.raises(ActionRefused, match="不能邮寄送达"):
        case_actions.perform(ctx, "mail", no, LOCAL_CLERK, {"courier": "sf", "tracking_no": "SF1234567890123"})


def test_an_older_handout_record_parses_with_defaults():
    old = {"schema_version": 2, "id": "h1", "case_id": "c1", "case_no": "S3101070100326112200001",
           "method": "mail", "result": "证", "courier": "EMS", "tracking_no": "118022334455", "address": "上海市",
           "note": "", "handed_at": "2026-11-22T10:00:00",
           "receiver": {"kind": "person", "name": "王五", "id_number": "11010519491231002X"},
           "clerk": {"id": "s1", "name": "张三"}}
    rec = parse_payload("handout", old)
    assert isinstance(rec, HandoutRecord)
    assert (rec.receiver_role, rec.authorisation_kept, rec.authorisation_date, rec.courier_code, rec.cost_bearer) == (
        "", False, None, "", "")
    assert rec.courier == "EMS" and rec.receiver.id_type == ""


def test_a_company_without_a_contact_is_asked_who_collects(ctx):
    no = _ready_company(ctx, contact="")
    case = cases.get_case(ctx, no)
    inputs = {i.name: i for i in case_actions.case_actions()["hand_out"].inputs}
    assert inputs["collector"].initial(ctx, case) == "agent" and inputs["recipient_name"].initial(ctx, case) == ""
    with pytest.raises(ActionRefused, match="申请单位未登记联系人"):
        hand_out.hand_out(ctx, no, LOCAL_CLERK)
