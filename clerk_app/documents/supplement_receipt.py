"""补正材料收件凭证 / 补齐材料收件凭证: what the applicant brought later, and what it means for the time.

收件凭证制度 (003 item 28) applies to every paper the window takes in, a supplement too: who
brought it, for which case, each material with its form and count, when, to which clerk;
for a 补正 the days not counted and the due date counted again from the next day
(行政许可法 art. 32/42 and the rule in docs/clock.md); for 容缺 materials what is still owed.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from clerk_app.documents.blocks import (
    QR_COL,
    Title,
    data_table,
    gap,
    items_table,
    kv_grid,
    party_rows,
    qr_block,
    seal_organ,
    section,
    signature_block,
    with_qr,
)
from clerk_app.documents.checks import require_case
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.kinds import ACCEPTED_STATES, PaperKind
from clerk_app.documents.model import SupplementDocument
from clerk_app.documents.page import DocSpec
from clerk_app.documents.styles import FRAME_W
from clerk_app.documents.text import esc, fmt_date, fmt_dt, lines, pm
from clerk_app.settings import Settings

TITLES = {"correction": "补正材料收件凭证", "tolerated": "补齐材料收件凭证"}


def _time_text(doc: SupplementDocument) -> str:
    """What the supplement means for the promised time; the date is the case's own due date."""
    due = fmt_date(doc.due_date)
    if doc.kind == "correction":
        span = (f"自{fmt_date(doc.stop_from)}至{fmt_date(doc.stop_to)}的补正期间"
                if doc.stop_from and doc.stop_to else "补正期间")
        tail = f"承诺办结日期为{due}" if due else "办结日期以部门告知为准"
        return (f"{span}不计入办理期限；办理期限自收到补正材料的次日起继续计算，{tail}"
                "（听证、检验、检测、鉴定、专家评审等特别程序所需时间亦不计入，部门另行书面告知）。")
    if doc.outstanding:
        owed = "；".join(f"{esc(n)}（{fmt_date(d) or '按通知书期限'}前）" for n, d in doc.outstanding)
        return f"尚待补交的容缺材料：{owed}。逾期未补齐的，由审批部门依法处理。"
    return "容缺材料已全部补齐，办件转为正常受理" + (f"，承诺办结日期为{due}。" if due else "。")


def build(doc: SupplementDocument, settings: Settings) -> DocSpec:
    """Story of the supplement receipt."""
    require_case(doc, doc.case_no)
    if not doc.pieces:
        raise DocumentError("补交材料收件凭证须列明收到的材料")
    for piece in doc.pieces:
        if piece.count < 1:
            raise DocumentError(f"材料「{piece.name}」的份数须至少为 1")
    title = TITLES[doc.kind]
    rows = [
        [("办件编号", doc.case_no), ("收件时间", fmt_dt(doc.supplied_at))],
        *party_rows(doc.applicant, doc.agent),
        [("原申请时间", fmt_dt(doc.received_at)),
         ("补正通知" if doc.kind == "correction" else "补交类型",
          fmt_date(doc.asked_on) if doc.kind == "correction" else "容缺受理材料补齐")],
    ]
    widths = [12 * mm, 0.0, 30 * mm, 22 * mm]
    widths[1] = FRAME_W - sum(widths)
    table_rows = [[str(i), piece.name, piece.form, str(piece.count)] for i, piece in enumerate(doc.pieces, 1)]
    story: list[Flowable] = [
        Title(title),
        gap(1),
        with_qr(kv_grid(rows, width=FRAME_W - QR_COL - 2 * mm), qr_block(settings, doc.case_no)),
        section(f"办理事项（共{len(doc.items)}项）"),
        items_table(doc.items),
        section(f"一、收到的材料（共{len(doc.pieces)}项）"),
        data_table(["序号", "材料名称", "原件/复印件", "份数"], table_rows, widths, centred=(0, 2, 3)),
    ]
    if doc.kind == "correction" and doc.asked:
        story += [section("二、部门补正要求"), *lines(list(doc.asked))]
    story += [section(("三" if doc.kind == "correction" and doc.asked else "二") + "、办理期限"),
              pm(_time_text(doc), "cell")]
    if doc.note:  # the enquiry and complaint phones are in every page's footer
        story += [gap(2), *lines([f"备注：{doc.note}"], numbered=False)]
    story += [signature_block(doc.clerk, seal_organ(doc.items, settings.centre.name), doc.supplied_at.date(),
                              "递交人（申请人或代理人）签字")]
    return DocSpec(title=title, code=doc.case_no, code_label="办件编号", story=story, reprint_at=doc.reprint_at)


def _has_supplement(case) -> bool:
    return any(m.supplied_at is not None for m in case.materials) or any(
        x.received_at is not None for x in case.clock_stops)


PAPER_KINDS = (PaperKind("supplement_receipt", "补正（补齐）材料收件凭证", build, order=45, input="supplement",
                         states=ACCEPTED_STATES, needs=_has_supplement,
                         when="补正（补齐）材料收件凭证只用于已登记补交材料的办件"),)
