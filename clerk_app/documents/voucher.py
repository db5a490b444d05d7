"""收件凭证 and 受理凭证: what was received, for which items, and when the result is due."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from clerk_app.documents.codes import QrFlowable
from clerk_app.documents.common import (
    MODE_LABELS,
    Title,
    bullet_lines,
    esc,
    fmt_date,
    fmt_dt,
    gap,
    items_names,
    items_table,
    kv_grid,
    materials_table,
    p,
    party_rows,
    pm,
    require_case,
    require_materials,
    section,
    signature_parts,
)
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.fonts import register_fonts
from clerk_app.documents.kinds import KINDS
from clerk_app.documents.model import CaseDocument
from clerk_app.documents.page import DocSpec
from clerk_app.documents.styles import FRAME_W, GRID
from clerk_app.settings import Settings

QR_SIZE = 27 * mm
QR_COL = 34 * mm


def progress_url(settings: Settings, case_no: str) -> str:
    """The centre's progress-enquiry URL for this case (printed as a QR code)."""
    return settings.centre.progress_url.format(case_no=case_no)


def qr_block(settings: Settings, case_no: str, caption: str = "扫码查询办理进度") -> Table:
    """QR code with its caption, boxed, for the right of the info grid."""
    table = Table([[QrFlowable(progress_url(settings, case_no), QR_SIZE)], [p(caption, "small_c")]],
                  colWidths=[QR_COL - 3 * mm])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), register_fonts(), 9),
        ("BOX", (0, 0), (-1, -1), 0.6, GRID),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def with_qr(grid: Flowable, qr: Table) -> Table:
    """The info grid on the left, the QR block on the right."""
    outer = Table([[grid, qr]], colWidths=[FRAME_W - QR_COL, QR_COL])
    outer.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), register_fonts(), 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return outer


def delivery_text(doc: CaseDocument, settings: Settings) -> str:
    if doc.delivery_method == "mail":
        return f"邮寄送达：{doc.delivery_address}" if doc.delivery_address else "邮寄送达"
    return f"窗口领取（{settings.centre.address}）" if settings.centre.address else "窗口领取"


def build(doc: CaseDocument, settings: Settings, kind: str) -> DocSpec:
    """Story of a receipt (``kind='receipt'``) or acceptance (``kind='acceptance'``) voucher."""
    require_case(doc, doc.case_no)
    require_materials(doc.materials, KINDS[kind])
    if doc.delivery_method == "mail" and not doc.delivery_address.strip():
        raise DocumentError("结果选择邮寄送达，但未填写邮寄地址")
    title = KINDS[kind]
    accepted = kind == "acceptance"
    items = items_names(doc.items)
    if accepted:
        note = (settings.wording.acceptance_tolerated_note if doc.outcome == "tolerated"
                else settings.wording.acceptance_note)
        opening = f"您（单位）于{esc(fmt_dt(doc.received_at))}提交的{esc(items)}申请，{esc(note)}"
        if doc.due_date:
            opening += f"本中心将于<u>{esc(fmt_date(doc.due_date))}</u>前办结（遇法定节假日顺延）。"
    else:
        opening = (f"您（单位）于{esc(fmt_dt(doc.received_at))}在{esc(settings.window.name)}"
                   f"提交的{esc(items)}申请材料已收到，清单如下。")
    grid_rows = [
        [("办件编号", doc.case_no)],
        [("收件时间", fmt_dt(doc.received_at)), ("承诺办结", fmt_date(doc.due_date) or "以部门告知为准")],
        *party_rows(doc.applicant, doc.agent),
        [("结果领取", delivery_text(doc, settings))],
    ]
    grid = kv_grid(grid_rows, width=FRAME_W - QR_COL - 2 * mm)
    story: list[Flowable] = [
        Title(title),
        pm(f"{esc(doc.applicant.name)}：", "salutation"),
        pm(opening, "indent"),
        gap(2),
        with_qr(grid, qr_block(settings, doc.case_no)),
        section(f"一、申请事项（共{len(doc.items)}项）"),
        items_table(doc.items, doc.due_date),
        section(f"二、申请材料（共{len(doc.materials)}项）"),
        materials_table(doc.materials),
    ]
    pending = [(i, m) for i, m in enumerate(doc.materials, 1) if m.mode == "tolerated"]
    notes = [settings.wording.receipt_note]
    if pending:
        dues = [m.supplement_due for _, m in pending if m.supplement_due]
        due = doc.supplement_due or (min(dues) if dues else None)
        rows = "、".join(str(i) for i, _ in pending)
        notes.append(f"材料清单第{rows}项为{MODE_LABELS['tolerated']}材料，"
                     f"须于{fmt_date(due) or '规定期限'}前补齐（详见容缺受理通知书）。")
    if doc.note:
        notes.append(f"备注：{doc.note}")
    notes.append(f"办公地址：{settings.centre.address}；办公时间：{settings.centre.office_hours}。")
    # the notes travel with the signature so a page never holds the signature alone
    story.append(KeepTogether([section("三、温馨提示"), pm(bullet_lines(notes), "cell"),
                               *signature_parts(doc.clerk, settings.centre.name, doc.received_at.date())]))
    return DocSpec(title=title, code=doc.case_no, code_label="办件编号", story=story,
                   reprint_at=doc.reprint_at)
