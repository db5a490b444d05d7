"""What each document says: extracted with pypdf and checked against the input."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from clerk_app.documents import KINDS, PrintedMaterial, PrintedParty, samples, voucher_kind
from clerk_app.documents.samples import AGENT_ID, APPLICANT_ID
from clerk_app.settings import Settings

from .conftest import all_text, pdf_text, render


def notice_case():
    fix = (
        PrintedMaterial("食品安全管理人员健康证明", "复印件", 1, "missing", standard="在有效期内",
                     review_points=["与从业人员名单一致"]),
        PrintedMaterial("经营场所平面布局图", "原件", 1, "nonconforming", standard="标明各功能区面积",
                     review_points=["比例尺清晰"], problem="未标明设备布局"),
    )
    return samples.case(outcome="notice", materials=samples.materials(3) + fix, notice_no="GZ2026112200007")


def test_receipt_voucher_contents(settings):
    doc = samples.case(outcome="received", accept_by=date(2026, 11, 27))
    text = all_text(render(doc, "receipt", settings))
    assert "收件凭证" in text
    assert doc.case_no in text
    assert "110105********002X" in text and APPLICANT_ID not in text
    assert "110101********1234" in text and AGENT_ID not in text
    assert "王小明" in text and "赵六" in text
    for m in doc.materials:
        assert m.name in text
    for word in ("序号", "材料名称", "原件/复印件", "份数", "来源/方式", "已收", "电子证照", "告知承诺", "容缺"):
        assert word in text
    assert "2026年11月22日10:15" in text  # received
    # a received case is not accepted: no completion date, but when acceptance will be decided
    assert "2026年12月7日" not in text and "承诺办结" not in text
    assert "受理期限自收到申请材料之日（2026年11月22日）起计算，将于2026年11月27日前作出是否受理的决定" in text
    assert "李四（代张三）" in text and "工作牌号：PT0307" in text and "工号：S0307" in text
    assert settings.centre.enquiry_phone in text and settings.centre.supervision_phone in text
    assert settings.centre.name in text and settings.window.name in text
    assert "食品经营许可（新办）" in text and "310107000101" in text
    assert "窗口领取" in text
    assert "签字" in text
    assert "补打" not in text
    assert "第1页/共1页" in text


def test_acceptance_voucher_and_title_choice(settings):
    doc = samples.case()
    text = all_text(render(doc, "acceptance", settings))
    assert "受理凭证" in text and "收件凭证" not in text
    assert settings.wording.acceptance_note in text
    assert voucher_kind(doc) == "acceptance"
    assert voucher_kind(replace(doc, outcome="received")) == "receipt"
    tolerated = all_text(render(replace(doc, outcome="tolerated"), "acceptance", settings))
    assert settings.wording.acceptance_tolerated_note in tolerated


def test_reprint_mark(settings):
    doc = samples.case(reprint_at=datetime(2026, 11, 22, 14, 3))
    for kind in ("receipt", "acceptance", "notice", "tolerated", "commitment", "refusal"):
        outcome = {"receipt": "received", "refusal": "refused"}.get(kind, "accepted")
        d = notice_case() if kind == "notice" else replace(doc, reason="不属于本机关职权范围", outcome=outcome)
        d = replace(d, reprint_at=doc.reprint_at)
        pages = pdf_text(render(d, kind, settings))
        assert all("补打2026-11-2214:03" in page for page in pages), kind
    handout = all_text(render(samples.handout(reprint_at=datetime(2026, 12, 4, 9, 0)), "handout", settings))
    assert "补打2026-12-0409:00" in handout


def test_one_intake_several_items_one_voucher(settings):
    # 5 materials: the voucher now also prints 法律依据, fees, 查询密码 and the art. 45 note
    doc = samples.case(5, items=(samples.FOOD, samples.SIGN))
    pages = pdf_text(render(doc, "acceptance", settings))
    text = "".join(pages)
    assert "户外招牌设置备案" in text and "区绿化市容局" in text and "310107000202" in text
    assert "食品经营许可（新办）" in text and "共2项" in text
    assert len(pages) == 1


def test_mail_delivery_shows_address(settings):
    doc = samples.case(delivery_method="mail", delivery_address="上海市普陀区武宁路100号3楼")
    text = all_text(render(doc, "receipt", settings))
    assert "邮寄送达：上海市普陀区武宁路100号3楼" in text


def test_one_time_notice(settings):
    doc = notice_case()
    text = all_text(render(doc, "notice", settings))
    assert "一次性告知书" in text
    assert "GZ2026112200007" in text and doc.case_no in text
    assert "食品安全管理人员健康证明" in text and "未提交" in text
    assert "不符合要求：未标明设备布局" in text
    assert "标明各功能区面积" in text and "比例尺清晰" in text and "与从业人员名单一致" in text
    assert "《中华人民共和国食品安全法》第三十五条" in text
    assert "无需再次提交" in text and "食品经营许可申请书" in text
    assert "李四（代张三）" in text and "2026年11月22日" in text
    assert APPLICANT_ID not in text


def test_tolerated_notice(settings):
    doc = samples.case()
    text = all_text(render(doc, "tolerated", settings))
    assert "容缺受理通知书" in text
    assert "食品安全管理制度文本" in text and "加盖单位公章" in text
    assert "2026年11月27日" in text
    assert settings.wording.tolerated_supply in text
    assert settings.wording.tolerated_consequence in text
    assert settings.wording.tolerated_promise in text
    assert "营业执照" not in text  # only the tolerated materials are listed


def test_commitment_letter(settings):
    doc = samples.case()
    text = all_text(render(doc, "commitment", settings))
    assert "告知承诺书" in text
    assert "经营场所使用证明" in text
    assert "本人承诺对经营场所享有合法使用权" in text
    assert settings.wording.commitment_note in text
    assert "承诺人（申请人或代理人）签字" in text


def test_refusal_notice(settings):
    doc = samples.case(outcome="refused", reason="申请事项不属于本行政机关职权范围")
    text = all_text(render(doc, "refusal", settings))
    assert "不予受理通知书" in text
    assert "申请事项不属于本行政机关职权范围" in text
    # the remedies name the 复议机关 and the court (the fixed refusal_note named neither)
    assert settings.wording.refusal_basis in text
    assert f"六十日内向{settings.centre.review_organ}申请行政复议" in text
    assert f"六个月内向{settings.centre.court}提起行政诉讼" in text


def test_handout_at_window_and_by_mail(settings):
    text = all_text(render(samples.handout(), "handout", settings))
    assert "领取回执" in text and "食品经营许可证正本1份" in text
    assert "赵六" in text and "110101********1234" in text and AGENT_ID not in text
    assert "2026年12月3日15:40" in text and "李四" in text and "领取人签字" in text
    mailed = samples.mailed(courier="EMS", tracking_no="1186543210987", address="上海市普陀区武宁路100号")
    text = all_text(render(mailed, "mail_label", settings))
    assert "邮寄送达" in text and "EMS1186543210987" in text and "上海市普陀区武宁路100号" in text


def test_centre_texts_come_from_settings():
    s = Settings.model_validate({
        "centre": {"name": "某某县政务服务中心", "enquiry_phone": "0737-1234567",
                   "supervision_phone": "0737-7654321", "progress_url": "https://x.example/q/{case_no}"},
        "window": {"name": "无差别综合受理5号窗口", "number": "005"},
        "wording": {"receipt_note": "这是本中心自定的收件提示。"},
    })
    text = all_text(render(samples.case(), "receipt", s))
    for piece in ("某某县政务服务中心", "0737-1234567", "0737-7654321", "无差别综合受理5号窗口",
                  "这是本中心自定的收件提示。", s.window_id):
        assert piece in text
    assert "普陀" not in text.replace("上海市普陀区大渡河路1668号", "")


def test_company_applicant_code_printed_in_full(settings):
    doc = samples.case(applicant=PrintedParty("company", "上海某餐饮管理有限公司", "91350100M000100Y43", "021-12345678"),
                       agent=None)
    text = all_text(render(doc, "receipt", settings))
    assert "申请单位" in text and "91350100M000100Y43" in text and "代理人证件" not in text


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_renders(kind, settings):
    doc = (samples.handout() if kind == "handout" else samples.mailed() if kind == "mail_label"
           else notice_case() if kind == "notice"
           else samples.supplement() if kind == "supplement_receipt"
           else samples.material_list() if kind == "material_list"
           else samples.case(reason="理由", outcome="refused" if kind == "refusal" else "accepted"))
    text = all_text(render(doc, kind, settings))
    assert KINDS[kind] in text or (kind == "supplement_receipt" and "补正材料收件凭证" in text)
    assert getattr(doc, "case_no", getattr(doc, "item_code", "")) in text or "GZ2026112200007" in text


def test_supplement_due_per_material_wins(settings):
    doc = samples.case(materials=(PrintedMaterial("章程", mode="tolerated", supplement_due=date(2026, 12, 1)),),
                       supplement_due=None)
    assert "2026年12月1日" in all_text(render(doc, "tolerated", settings))
