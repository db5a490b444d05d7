"""一次性告知书: everything missing or non-conforming, once, with standards and legal basis."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from clerk_app.documents.blocks import (
    Title,
    data_table,
    gap,
    kv_grid,
    materials_table,
    party_rows,
    seal_organ,
    section,
    signature_block,
)
from clerk_app.documents.checks import require_case
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.kinds import KINDS, PaperKind
from clerk_app.documents.model import OWED, CaseDocument, PrintedMaterial
from clerk_app.documents.page import DocSpec
from clerk_app.documents.styles import FRAME_W
from clerk_app.documents.text import (
    cn_no,
    doc_date,
    esc,
    fmt_date,
    fmt_dt,
    form_label,
    items_names,
    lines,
    pm,
)
from clerk_app.settings import Settings


def _problem(m: PrintedMaterial) -> str:
    if m.mode == "tolerated":
        return "容缺受理，尚未提交"
    if m.mode == "missing":
        return f"未提交{('：' + m.problem) if m.problem else ''}"
    got = f"（已收{m.received}）" if m.received else ""
    return f"不符合要求{('：' + m.problem) if m.problem else ''}{got}"


def supply_ways(settings: Settings) -> str:
    """Where and how a material may be supplied: at the window, or by post."""
    return (f"到{settings.centre.name}{settings.window.name}（{settings.centre.address}）当面提交，"
            f"或邮寄至上述地址（注明办件编号）")


def _requirements(m: PrintedMaterial, doc: CaseDocument) -> list[Flowable]:
    parts = [f"形式：{esc(form_label(m.form))}，{m.copies or 1}份"]
    parts += [f"标准：{esc(s)}" for s in m.standard] or ["标准：按办事指南要求"]
    parts += [f"审查要点：{esc(r)}" for r in m.review_points]
    due = doc.due_of(m)
    if due:
        parts.append(f"期限：{esc(fmt_date(due))}前")
    return [pm(part, "cell") for part in parts]


def build(doc: CaseDocument, settings: Settings) -> DocSpec:
    """Story of the one-time notice; its own number (or the case number) is the barcode."""
    number = doc.notice_no or doc.case_no
    require_case(doc, number, "告知书编号")
    to_fix = [m for m in doc.materials if m.mode in OWED]
    if not to_fix:
        raise DocumentError("一次性告知书须列明至少一项缺少或不符合要求的材料")
    if not doc.supplement_due:
        raise DocumentError("一次性告知书须写明补正期限")
    title = KINDS["notice"]
    when = doc_date(doc)
    rows = [[("告知书编号", number), ("告知时间", fmt_dt(when))],
            [("补正期限", f"{fmt_date(doc.supplement_due)}前"), ("补正方式", "窗口提交或邮寄")]]
    if doc.case_no and doc.case_no != number:
        rows.append([("关联办件", doc.case_no)])
    rows += party_rows(doc.applicant, doc.agent)
    how = "以信函方式" if doc.by_mail else ""
    opening = (f"您（单位）于{esc(fmt_dt(doc.received_at))}{how}申请办理{esc(items_names(doc.items))}，"
               f"经审查，{esc(settings.wording.notice_note)}")
    widths = [12 * mm, 46 * mm, 38 * mm, 0.0]
    widths[3] = FRAME_W - sum(widths)
    fix_rows = [[str(i), m.name, _problem(m), _requirements(m, doc)] for i, m in enumerate(to_fix, 1)]
    story: list[Flowable] = [
        Title(title),
        pm(f"{esc(doc.applicant.name)}：", "salutation"),
        pm(opening, "indent"),
        gap(2),
        kv_grid(rows),
        section(f"一、需补正的材料（共{len(to_fix)}项）"),
        data_table(["序号", "材料名称", "存在问题", "形式、份数、标准及期限"], fix_rows, widths, centred=(0,)),
    ]
    kept = [m for m in doc.materials if m.mode not in OWED]
    n = 2
    if kept:
        story += [section(f"二、已收取或已核验的材料（无需再次提交，共{len(kept)}项）"), materials_table(kept)]
        n = 3
    basis = [f"{it.name}：{'；'.join(it.legal_basis)}" for it in doc.items if it.legal_basis]
    story.append(section(f"{cn_no(n)}、设定依据"))
    story += lines(basis or ["以办事指南公布的依据为准。"], numbered=False)
    notes = [f"请于{fmt_date(doc.supplement_due)}前补正上列全部材料：{supply_ways(settings)}。"
             f"补齐材料后，请携带本告知书（编号 {number}）再次办理，窗口扫描条形码即可接续办理。",
             settings.wording.notice_consequence,
             f"咨询电话：{settings.centre.enquiry_phone}；办公时间：{settings.centre.office_hours}。"]
    if doc.note:
        notes.append(f"备注：{doc.note}")
    story += [
        section(f"{cn_no(n + 1)}、再次办理"),
        *lines(notes),
        signature_block(doc.clerk, seal_organ(doc.items, settings.centre.name), when.date(),
                        None if doc.by_mail else "申请人（代理人）签收"),
    ]
    return DocSpec(title=title, code=number, code_label="告知书编号", story=story, reprint_at=doc.reprint_at)


PAPER_KINDS = (PaperKind("notice", "一次性告知书", build, order=0, for_notice=True),)
