"""Long content flows onto more pages; nothing is cut off; the font is embedded."""

from __future__ import annotations

import io

import pypdf

from clerk_app.documents import ItemLine, PrintedMaterial, PrintedParty, samples

from .conftest import all_text, pdf_text, render


def test_forty_materials_flow_onto_more_pages(settings):
    doc = samples.case(40)
    data = render(doc, "receipt", settings)
    pages = pdf_text(data)
    assert len(pages) >= 2
    text = "".join(pages)
    for m in doc.materials:
        assert m.name in text, m.name
    for n, page in enumerate(pages, 1):
        assert f"第{n}页/共{len(pages)}页" in page
    assert "收件凭证（续）" in pages[1]
    assert "材料名称" in pages[1]  # the table header repeats on the next page
    assert "签字" in pages[-1]


def test_long_names_wrap_instead_of_being_cut(settings):
    long_material = "关于申请人经营场所消防安全、环境卫生、食品安全管理制度及从业人员健康管理情况的综合书面说明材料" * 2
    long_item = "食品经营许可（新办，含网络经营、集体用餐配送、中央厨房及其他特殊经营项目情形）"
    long_name = "上海某某某某某某餐饮管理有限公司第一分公司（一个很长很长的单位名称，用于检查表格内换行）"
    doc = samples.case(
        applicant=PrintedParty("company", long_name, "91350100M000100Y43", "021-12345678"),
        items=(ItemLine("310107000101", long_item, "区市场监督管理局食品经营许可科", ("依据",), 10),),
        materials=(PrintedMaterial(long_material, "原件", 1, "received"),) + samples.materials(5),
    )
    for kind in ("receipt", "acceptance", "tolerated", "commitment"):
        text = all_text(render(doc, kind, settings))
        assert long_name in text, kind
        assert long_item in text, kind
    assert long_material in all_text(render(doc, "receipt", settings))


def test_long_notice_flows(settings):
    missing = tuple(
        PrintedMaterial(f"缺少的材料第{i}号", "原件", 1, "missing", standard=["标准一", "标准二"],
                     review_points=["要点一", "要点二", "要点三"])
        for i in range(1, 31)
    )
    doc = samples.case(outcome="notice", materials=missing)
    pages = pdf_text(render(doc, "notice", settings))
    assert len(pages) >= 2
    text = "".join(pages)
    for m in missing:
        assert m.name in text


def test_cjk_font_is_embedded_and_nothing_else_is_used(settings):
    data = render(samples.case(40, reprint_at=samples.case().received_at), "receipt", settings)
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts, "no fonts found"
    for name, font in fonts.items():
        assert "WenQuanYiMicroHei" in name, f"unexpected font {name}"
        assert font["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"], f"{name} is not embedded"


def test_no_helvetica_reference_in_any_kind(settings):
    from clerk_app.documents import KINDS

    for kind in KINDS:
        doc = samples.handout() if kind == "handout" else samples.mailed() if kind == "mail_label" \
            else samples.supplement() if kind == "supplement_receipt" \
            else samples.material_list() if kind == "material_list" else samples.case(
            reason="理由", materials=samples.materials() + (PrintedMaterial("缺件", mode="missing"),),
            outcome="refused" if kind == "refusal" else "accepted")
        data = render(doc, kind, settings)
        assert b"Helvetica" not in data, kind
