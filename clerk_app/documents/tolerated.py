"""容缺受理通知书（承诺书）: tolerated materials, how and by when to supply, and the promise."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from clerk_app.documents.blocks import (
    Title,
    data_table,
    gap,
    kv_grid,
    note_box,
    party_rows,
    seal_organ,
    section,
    signature_block,
)
from clerk_app.documents.checks import require_case
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.kinds import ACCEPTED_STATES, KINDS, PaperKind
from clerk_app.documents.model import CaseDocument
from clerk_app.documents.page import DocSpec
from clerk_app.documents.styles import FRAME_W
from clerk_app.documents.text import doc_date, esc, fmt_date, fmt_dt, form_label, items_names, pm
from clerk_app.settings import Settings


def build(doc: CaseDocument, settings: Settings) -> DocSpec:
    """Story of the tolerated-acceptance notice with the applicant's promise to sign."""
    require_case(doc, doc.case_no)
    pending = [m for m in doc.materials if m.mode == "tolerated"]
    if not pending:
        raise DocumentError("容缺受理通知书须列明至少一项容缺材料")
    for m in pending:
        if not doc.due_of(m):
            raise DocumentError(f"容缺材料「{m.name}」未设定补交期限")
    title = KINDS["tolerated"]
    last = doc.tolerated_deadline()
    rows = [
        [("办件编号", doc.case_no), ("受理时间", fmt_dt(doc.received_at))],
        *party_rows(doc.applicant, doc.agent),
        [("补齐期限", f"{fmt_date(last)}前（各材料期限见下表）")],
    ]
    widths = [12 * mm, 0.0, 26 * mm, 12 * mm, 50 * mm, 30 * mm]
    widths[1] = FRAME_W - sum(widths)
    table_rows = [
        [str(i), m.name, form_label(m.form), str(m.copies or "—"),
         "；".join(m.standard) or "按办事指南要求", fmt_date(doc.due_of(m))]
        for i, m in enumerate(pending, 1)
    ]
    story: list[Flowable] = [
        Title(title),
        pm(f"{esc(doc.applicant.name)}：", "salutation"),
        pm(f"您（单位）于{esc(fmt_dt(doc.received_at))}申请办理{esc(items_names(doc.items))}，"
           f"{esc(settings.wording.tolerated_note)}", "indent"),
        gap(2),
        kv_grid(rows),
        section(f"一、容缺材料（共{len(pending)}项）"),
        data_table(["序号", "材料名称", "原件/复印件", "应交份数", "要求", "补交期限"], table_rows, widths,
                   centred=(0, 2, 3, 5)),
        section("二、补交方式"),
        pm(esc(settings.wording.tolerated_supply) + f"也可邮寄至{esc(settings.centre.name)}"
           f"（{esc(settings.centre.address)}，注明办件编号）。", "cell"),
        section("三、逾期未补齐的后果"),
        pm(esc(settings.wording.tolerated_consequence), "cell"),
    ]
    if doc.note:
        story += [gap(2), pm(f"备注：{esc(doc.note)}", "cell")]
    story += [
        section("四、申请人承诺"),
        note_box(esc(settings.wording.tolerated_promise)),
        pm("本通知书一式两份，申请人与受理部门各执一份。", "cell"),
        signature_block(doc.clerk, seal_organ(doc.items, settings.centre.name), doc_date(doc).date(),
                        "承诺人（申请人或代理人）签字"),
    ]
    return DocSpec(title=title, code=doc.case_no, code_label="办件编号", story=story, reprint_at=doc.reprint_at)


PAPER_KINDS = (PaperKind("tolerated", "容缺受理通知书", build, order=40, states=ACCEPTED_STATES,
                         needs=lambda case: case.outcome.value == "accepted_tolerated",
                         when="容缺受理通知书只用于容缺受理的办件"),)
