"""The public entry points and the errors they raise."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace

import pytest

from clerk_app.documents import KINDS, DocumentError, PrintedMaterial, render, render_bytes, samples
from clerk_app.documents.model import PrintedClerk


def test_kinds_have_chinese_titles():
    assert set(KINDS) == {"receipt", "acceptance", "notice", "tolerated", "commitment", "refusal", "handout",
                          "mail_label", "supplement_receipt",
                          "material_list"}
    assert KINDS["receipt"] == "收件凭证" and KINDS["handout"] == "领取回执" and KINDS["mail_label"] == "邮寄标签"


def test_render_to_path_stream_and_bytes(settings, tmp_path):
    doc = samples.case()
    out = tmp_path / "sub" / "v.pdf"
    render(doc, "receipt", settings, out)
    assert out.read_bytes().startswith(b"%PDF-")
    render(doc, "receipt", settings, str(tmp_path / "s.pdf"))
    assert (tmp_path / "s.pdf").exists()
    buf = io.BytesIO()
    render(doc, "receipt", settings, buf)
    assert buf.getvalue().startswith(b"%PDF-")
    assert render_bytes(doc, "receipt", settings).startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("doc", "kind", "message"),
    [
        (samples.case(materials=()), "receipt", "材料清单为空"),
        (samples.case(materials=()), "acceptance", "材料清单为空"),
        (samples.case(case_no=""), "receipt", "缺少办件编号"),
        (samples.case(case_no="   "), "acceptance", "缺少办件编号"),
        (samples.case(items=()), "receipt", "缺少申请事项"),
        (samples.case(clerk=PrintedClerk("")), "receipt", "窗口工作人员"),
        (samples.case(case_no="受理001"), "receipt", "无法生成条形码"),
        (samples.case(case_no="A" * 60), "receipt", "编号过长"),
        (samples.case(delivery_method="mail", delivery_address=""), "receipt", "邮寄地址"),
        (samples.case(materials=samples.materials(4)), "notice", "缺少或不符合要求"),  # nothing owed
        (samples.case(materials=samples.materials(3)), "tolerated", "容缺材料"),
        (samples.case(materials=(PrintedMaterial("x", mode="tolerated"),), supplement_due=None), "tolerated",
         "补交期限"),
        (samples.case(materials=samples.materials(3)), "commitment", "告知承诺"),
        (samples.case(materials=(PrintedMaterial("x", mode="commitment"),)), "commitment", "承诺内容"),
        (samples.case(reason=""), "refusal", "理由"),
        (samples.handout(result=""), "handout", "办理结果"),
        (samples.mailed(tracking_no=""), "mail_label", "快递单号"),
        (samples.mailed(), "handout", "邮寄标签"),
        (samples.handout(), "mail_label", "邮寄送达"),
        (samples.case(), "handout", "HandoutDocument"),
        (samples.handout(), "receipt", "CaseDocument"),
        (samples.case(), "voucher", "未知的文书类型"),
    ],
)
def test_bad_input_raises_document_error_in_chinese(doc, kind, message, settings, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(DocumentError, match=message):
        render(doc, kind, settings, out)
    assert not out.exists()


def test_a_cell_taller_than_a_page_is_a_document_error(settings):
    giant = PrintedMaterial("超长材料" * 3000)
    with pytest.raises(DocumentError, match="排版失败"):
        render_bytes(replace(samples.case(), materials=(giant,)), "receipt", settings)


def test_unwritable_target_is_a_document_error(settings, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DocumentError, match="无法写入"):
        render(samples.case(), "receipt", settings, blocker / "v.pdf")


def test_documents_import_no_qt_sql_or_other_packages():
    code = (
        "import sys, clerk_app.documents as d\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'sqlalchemy'))"
        " or (m.startswith('clerk_app.') and not m.startswith(('clerk_app.documents', 'clerk_app.paths',"
        " 'clerk_app.settings', 'clerk_app.glyphs')))]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
