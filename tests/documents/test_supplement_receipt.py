"""补正/补齐材料收件凭证: every element checked by its text, and the case number by its barcode."""

from __future__ import annotations

from datetime import date

from clerk_app.documents import samples
from clerk_app.documents.model import SuppliedPiece

from .conftest import all_text, decode, needs_pdftoppm, rasterise, render


def test_a_correction_receipt_says_who_what_in_which_form_when_and_the_new_due_date(settings):
    doc = samples.supplement()
    text = all_text(render(doc, "supplement_receipt", settings))
    assert "补正材料收件凭证" in text and "补齐材料收件凭证" not in text
    assert doc.case_no in text
    assert "王小明" in text and "110105********002X" in text and samples.APPLICANT_ID not in text
    assert "赵六" in text and "110101********1234" in text  # who brought it for the applicant
    assert "食品经营许可（新办）" in text and "310107000101" in text
    # what was received: each material with its form and count
    assert "食品安全管理制度（修订版）原件1" in text and "从业人员健康证明复印件3" in text
    assert "收件时间2026年11月30日09:20" in text and "原申请时间2026年11月22日10:15" in text
    assert "补正通知2026年11月25日" in text and "部门补正要求" in text
    assert "自2026年11月25日至2026年11月30日的补正期间不计入办理期限" in text
    assert "办理期限自收到补正材料的次日起继续计算，承诺办结日期为2026年12月10日" in text
    assert "李四" in text and "工号：S0307" in text and "工作牌号：PT0307" in text
    assert "递交人（申请人或代理人）签字" in text
    assert settings.centre.enquiry_phone in text and settings.centre.supervision_phone in text
    assert "区市场监管局（印章）" in text or settings.centre.name in text


def test_a_tolerated_supplement_receipt_lists_what_is_still_owed(settings):
    doc = samples.supplement(kind="tolerated", asked=(), asked_on=None, stop_from=None, stop_to=None,
                             pieces=(SuppliedPiece("从业人员健康证明", "复印件", 2),),
                             outstanding=(("食品安全管理人员培训合格证明", date(2026, 12, 2)),))
    text = all_text(render(doc, "supplement_receipt", settings))
    assert "补齐材料收件凭证" in text and "补正期间" not in text
    assert "从业人员健康证明复印件2" in text
    assert "尚待补交的容缺材料：食品安全管理人员培训合格证明（2026年12月2日前）" in text
    done = all_text(render(samples.supplement(kind="tolerated", outstanding=()), "supplement_receipt", settings))
    assert "容缺材料已全部补齐，办件转为正常受理，承诺办结日期为2026年12月10日" in done


@needs_pdftoppm
def test_the_case_number_is_the_barcode_and_the_qr_links_progress(settings, tmp_path):
    doc = samples.supplement()
    codes = decode(rasterise(render(doc, "supplement_receipt", settings), tmp_path)[0])
    assert ("Code128", doc.case_no) in codes
    assert any(fmt == "QRCode" and doc.case_no in text for fmt, text in codes), codes
