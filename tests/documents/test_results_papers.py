"""The 领取回执 and the mailing label (邮寄标签): every element PAPERS.md asks of the 出件回执 / 领取回执,
by its text (pypdf) and its barcodes (zxing-cpp on a 150 dpi raster)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from clerk_app.documents import DocumentError, samples
from clerk_app.documents.model import PrintedParty
from clerk_app.settings import Settings

from .conftest import all_text, decode, needs_pdftoppm, rasterise, render

AGENT_ID = samples.AGENT_ID


def test_the_pickup_receipt_names_result_time_agent_id_checked_and_authorisation(settings):
    doc = samples.handout()
    text = all_text(render(doc, "handout", settings))
    for element in ("领取回执", doc.case_no, "食品经营许可证正本1份、副本1份（许可证编号JY13101070012345）",
                    "领取时间2026年12月3日15:40", "窗口领取", "赵六（代领人）", "居民身份证：110101********1234（已当场核验）",
                    "授权委托书已查验，原件留存窗口", "委托事项：代为领取食品经营许可证", "签署日期：2026年12月1日",
                    "代领人凭本人有效身份证件和申请人签署的授权委托书", "领取人签字", "窗口工作人员：李四", "工号：S0307",
                    "王小明", "食品经营许可（新办）"):
        assert element.replace(" ", "") in text, element
    assert AGENT_ID not in text and "13900001111" not in text  # ID and phone masked on paper


def test_the_applicant_in_person_and_a_permit_holder(settings):
    me = samples.handout(receiver=None, receiver_role="applicant", authorisation_kept=False)
    text = all_text(render(me, "handout", settings))
    assert "王小明（申请人本人）" in text and "110105********002X（已当场核验）" in text
    assert "授权委托书" not in text and "代领人" not in text
    permit = samples.handout(receiver=PrintedParty("person", "陈大文", "H12345678", "", id_type="港澳居民来往内地通行证"))
    text = all_text(render(permit, "handout", settings))
    assert "港澳居民来往内地通行证：H1*****78（已当场核验）" in text and "H12345678" not in text


def test_an_old_record_without_role_prints_the_receiver_by_name(settings):
    old = samples.handout(receiver_role="", authorisation_kept=False, authorisation_scope="", authorisation_date=None)
    text = all_text(render(old, "handout", settings))
    assert "领取人赵六" in text and "授权委托书" not in text


def test_the_mailing_label_carries_sender_recipient_courier_tracking_and_who_pays(settings):
    doc = samples.mailed()
    text = all_text(render(doc, "mail_label", settings))
    c = settings.centre
    for element in ("邮寄标签", "寄件人", c.name, c.address, c.enquiry_phone, "收件人王小明", "13812345678",
                    "上海市普陀区武宁路100号3号楼502室", "EMS（中国邮政速递）", "快递单号：EA473124829CN",
                    f"办件编号{doc.case_no}", "寄递费用：政府付费（免费寄递）", "内件办理结果：食品经营许可证正本1份",
                    "出件时间2026年12月3日16:05", "邮寄送达", "窗口工作人员：李四"):
        assert element.replace(" ", "") in text, element
    cod = all_text(render(replace(doc, cost_bearer="applicant"), "mail_label", settings))
    assert "寄递费用：申请人到付" in cod


def test_the_label_sender_phone_is_a_setting(settings):
    s = Settings.model_validate({"mailing": {"sender_phone": "021-60000000"}})
    assert "021-60000000" in all_text(render(samples.mailed(), "mail_label", s))


def test_a_label_too_long_for_its_frame_is_refused(settings):
    with pytest.raises(DocumentError, match="超出 150×100 毫米"):
        render(samples.mailed(result="食品经营许可证正本1份" * 60), "mail_label", settings)


@needs_pdftoppm
def test_the_receipt_and_the_label_barcodes_decode(settings, tmp_path):
    receipt = samples.handout()
    codes = decode(rasterise(render(receipt, "handout", settings), tmp_path)[0])
    assert ("Code128", receipt.case_no) in codes
    assert ("QRCode", settings.centre.progress_url.format(case_no=receipt.case_no)) in codes
    label = samples.mailed(tracking_no="SF1234567890123", courier="顺丰速运")
    (tmp_path / "label").mkdir()
    codes = decode(rasterise(render(label, "mail_label", settings), tmp_path / "label")[0])
    assert ("Code128", label.case_no) in codes and ("Code128", "SF1234567890123") in codes


def test_dates_come_from_the_handout(settings):
    later = samples.handout(handed_at=samples.handout().handed_at.replace(day=9), authorisation_date=date(2026, 12, 8))
    text = all_text(render(later, "handout", settings))
    assert "2026年12月9日15:40" in text and "签署日期：2026年12月8日" in text
