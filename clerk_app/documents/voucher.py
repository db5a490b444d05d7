"""收件凭证 and 受理凭证: what was received, for which items, and when the result is due."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from clerk_app.documents.blocks import (
    QR_COL,
    Title,
    data_table,
    gap,
    items_table,
    kv_grid,
    materials_table,
    party_rows,
    qr_block,
    section,
    signature_parts,
    with_qr,
)
from clerk_app.documents.checks import require_case, require_materials
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.kinds import KINDS, PaperKind
from clerk_app.documents.model import CaseDocument, CaseLine
from clerk_app.documents.page import DocSpec
from clerk_app.documents.styles import FRAME_W
from clerk_app.documents.text import MODE_LABELS, esc, fmt_date, fmt_dt, items_names, lines, pm
from clerk_app.settings import Settings

CASE_OUTCOMES = {"accepted": "受理", "tolerated": "容缺受理", "received": "收件（待部门受理）", "refused": "不予受理",
                 "notice": "一次性告知"}


def cases_table(cases: tuple[CaseLine, ...]):
    """申请事项的办件: one row per case, each with its own number, department, outcome and date."""
    rows = [[str(i), c.case_no, c.item, c.department, CASE_OUTCOMES[c.outcome], fmt_date(c.due_date) or "—"]
            for i, c in enumerate(cases, 1)]
    w = [10 * mm, 44 * mm, 0.0, 28 * mm, 22 * mm, 28 * mm]
    w[2] = FRAME_W - sum(w)
    return data_table(["序号", "办件编号", "事项", "办理部门", "办理结果", "承诺办结"], rows, w, centred=(0, 4, 5))


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
        if len(doc.cases) > 1 and any(c.outcome not in ("accepted", "tolerated") for c in doc.cases):
            note = "申请材料已收到。"  # not every case is accepted: each case's own result is in the list
        opening = f"您（单位）于{esc(fmt_dt(doc.received_at))}提交的{esc(items)}申请，{esc(note)}"
        if len(doc.cases) > 1:
            opening += "各事项分别办理，办件编号、办理结果及承诺办结日期见办件清单（遇法定节假日顺延）。"
        elif doc.due_date:
            opening += f"本中心将于<u>{esc(fmt_date(doc.due_date))}</u>前办结（遇法定节假日顺延）。"
    else:
        opening = (f"您（单位）于{esc(fmt_dt(doc.received_at))}在{esc(settings.window.name)}"
                   f"提交的{esc(items)}申请材料已收到，清单如下。")
    several = len(doc.cases) > 1
    number = doc.application_no if several and doc.application_no else doc.case_no
    grid_rows = [
        [("申办编号", number)] if several else [("办件编号", doc.case_no)],
        [("收件时间", fmt_dt(doc.received_at)),
         ("承诺办结", "见办件清单（各办件分别办结）" if several else fmt_date(doc.due_date) or "以部门告知为准")],
        *party_rows(doc.applicant, doc.agent),
        [("结果领取", delivery_text(doc, settings))],
    ]
    grid = kv_grid(grid_rows, width=FRAME_W - QR_COL - 2 * mm)
    story: list[Flowable] = [
        Title(title),
        pm(f"{esc(doc.applicant.name)}：", "salutation"),
        pm(opening, "indent"),
        gap(2),
        with_qr(grid, qr_block(settings, number)),
        section(f"一、申请事项（共{len(doc.items)}项）"),
        items_table(doc.items),
    ]
    if several:
        story += [section(f"办件清单（共{len(doc.cases)}件）"), cases_table(doc.cases)]
    story += [
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
    story.append(KeepTogether([section("三、温馨提示"), *lines(notes),
                               *signature_parts(doc.clerk, settings.centre.name, doc.received_at.date())]))
    return DocSpec(title=title, code=number, code_label="申办编号" if several else "办件编号", story=story,
                   reprint_at=doc.reprint_at)


def _accepted(case) -> bool:
    return case.outcome.value in ("accepted", "accepted_tolerated")


PAPER_KINDS = (
    PaperKind("receipt", "收件凭证", lambda doc, settings: build(doc, settings, "receipt"), order=20,
              offered=lambda case: not _accepted(case) and case.outcome.value != "not_accepted", always=True),
    PaperKind("acceptance", "受理凭证", lambda doc, settings: build(doc, settings, "acceptance"), order=10,
              offered=_accepted, always=True),
)
