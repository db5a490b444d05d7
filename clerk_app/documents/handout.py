"""出件回执: the result handed out at the window (to whom) or mailed (tracking number)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from clerk_app.documents.blocks import (
    QR_COL,
    Title,
    gap,
    items_table,
    kv_grid,
    party_rows,
    qr_block,
    section,
    signature_block,
    with_qr,
)
from clerk_app.documents.checks import require_case
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.kinds import KINDS, PaperKind
from clerk_app.documents.model import HandoutDocument
from clerk_app.documents.page import DocSpec
from clerk_app.documents.styles import FRAME_W
from clerk_app.documents.text import fmt_dt, lines, mask_phone, party_id
from clerk_app.settings import Settings


def build(doc: HandoutDocument, settings: Settings) -> DocSpec:
    """Story of the hand-out receipt."""
    require_case(doc, doc.case_no)
    if not doc.result.strip():
        raise DocumentError("出件回执须写明办理结果（如证照名称及份数）")
    if doc.method == "mail" and not doc.tracking_no.strip():
        raise DocumentError("邮寄出件须填写快递单号")
    title = KINDS["handout"]
    rows = [
        [("办件编号", doc.case_no)],
        [("出件时间", fmt_dt(doc.handed_at)), ("出件方式", "邮寄送达" if doc.method == "mail" else "窗口领取")],
        *party_rows(doc.applicant, None),
        [("办理结果", doc.result)],
    ]
    if doc.method == "mail":
        to = doc.receiver or doc.applicant
        rows += [
            [("收件人", to.name), ("快递单号", f"{doc.courier} {doc.tracking_no}".strip())],
            [("寄送地址", doc.address or to.address)],
        ]
    else:
        receiver = doc.receiver or doc.applicant
        who = receiver.name if doc.receiver else f"{receiver.name}（申请人本人）"
        rows += [
            [("领取人", who), ("联系电话", mask_phone(receiver.phone))],
            [("领取人证件", party_id(receiver))],
        ]
    story: list[Flowable] = [
        Title(title),
        gap(1),
        with_qr(kv_grid(rows, width=FRAME_W - QR_COL - 2 * mm), qr_block(settings, doc.case_no, "扫码查询及评价")),
        section(f"办理事项（共{len(doc.items)}项）"),
        items_table(doc.items),
    ]
    notes = [settings.wording.handout_note if doc.method == "window" else
             "办理结果已邮寄送达，请在收到后核对办理结果及证件信息，如有疑问请致电咨询。"]
    if doc.note:
        notes.append(f"备注：{doc.note}")
    story += [gap(3), *lines(notes, numbered=False)]
    signer = "领取人签字" if doc.method == "window" else "出件人签字"
    story.append(signature_block(doc.clerk, settings.centre.name, doc.handed_at.date(), signer))
    return DocSpec(title=title, code=doc.case_no, code_label="办件编号", story=story, reprint_at=doc.reprint_at)


PAPER_KINDS = (PaperKind("handout", "出件回执", build, order=60, input="handout", states=frozenset({"handed_out", "mailed"}),
                        when="出件回执只用于已出件（领取或邮寄）的办件"),)
