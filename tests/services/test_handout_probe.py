"""Probe of results out (出件 / 邮寄): defects found by an adversarial pass, each pinned by a test."""

from __future__ import annotations

import pytest
from services.test_results_out import AGENT_ID, _outbox, _ready, _status

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK, Clerk
from clerk_app.services import cases, documents
from clerk_app.services.case_actions import ActionRefused, hand_out, mail
from clerk_app.services.case_actions.handouts import get_handout

PRINTING_CLERK = Clerk(id="s1", name="孙一", badge="B-5001")
LONG_ADDRESS = "上海市普陀区长寿路" + "某某小区某某苑" * 20 + "1号"  # 150 characters, within the form's 200
LONG_RESULT = "就业创业证（编号" + "JY1310107000" * 8 + "）一份"  # 105 characters, within the form's 200


def test_a_mailing_whose_label_cannot_be_printed_is_refused_before_anything_is_recorded(ctx):
    # Mailing is final; the 邮寄标签 carries the address, courier and tracking number. Before, the case
    # became 已出件（邮寄） and the label then failed for good with "邮寄标签内容过长".
    no = _ready(ctx)
    with pytest.raises(ActionRefused, match="邮寄标签内容过长"):
        mail.mail_result(ctx, no, LOCAL_CLERK, "德邦快递", "DPK123456789012", address=LONG_ADDRESS,
                         result=LONG_RESULT)
    assert _status(ctx, no) == CaseStatus.RESULT_READY and _outbox(ctx) == []
    assert get_handout(ctx, cases.get_case(ctx, no).id) is None
    # the same result to a shorter address goes, and its label prints
    case = mail.mail_result(ctx, no, PRINTING_CLERK, "德邦快递", "DPK123456789012", address="上海市普陀区长寿路1号",
                            result=LONG_RESULT)
    assert case.status == CaseStatus.MAILED
    pdf, _ = documents.issue(ctx, no, "mail_label", PRINTING_CLERK)
    assert pdf.startswith(b"%PDF")


def test_the_applicant_in_person_must_show_the_document_on_file_not_one_of_another_type(ctx):
    # Before, only a document of the same type was compared: with a passport on file, anyone named
    # 张三 showing any resident ID was recorded as 申请人本人 with that other person's ID.
    no = _ready(ctx, applicant={"kind": "person", "name": "张三", "id_type": "passport", "id_number": "E12345678",
                                "phone": "13800138000"})
    with pytest.raises(ActionRefused, match="与申请时登记的申请人证件（护照）不是同一证件"):
        hand_out.hand_out(ctx, no, LOCAL_CLERK, "张三", AGENT_ID)
    assert _status(ctx, no) == CaseStatus.RESULT_READY and _outbox(ctx) == []
    case = hand_out.hand_out(ctx, no, LOCAL_CLERK, "张三", "E12345678", id_type="passport")
    assert case.status == CaseStatus.HANDED_OUT
    assert get_handout(ctx, case.id).receiver.id_number == "E12345678"
