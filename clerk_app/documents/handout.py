"""出件回执: the result handed out at the window (to whom) or mailed (tracking number)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from clerk_app.documents.common import (
    Title,
    clerk_label,
    esc,
    fmt_dt,
    gap,
    items_table,
    kv_grid,
    mask_phone,
    party_id,
    party_rows,
    pm,
    require_case,
    section,
    signature_block,
)
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.kinds import KINDS
from clerk_app.documents.model import HandoutDocument
from clerk_app.documents.page import DocSpec
from clerk_app.documents.styles import FRAME_W
from clerk_app.documents.voucher import QR_COL, qr_block, with_qr
from clerk_app.settings import Settings


def build(doc: HandoutDocument, settings: Settings) -> DocSpec:
    """Story of the hand-out receipt."""
    require_case(doc, doc.case_no)
    if not doc.result.strip():
        raise DocumentError("出件回执须写明办理结果（如证照名称及份数）")
    if doc.method == "mail" and not doc.tracking_no.strip():
        raise DocumentError("邮寄出件须填写快递单号")
    title = KINDS["handout"]
    badge = f"（工号 {doc.clerk.badge}）" if doc.clerk.badge else ""
    rows = [
        [("办件编号", doc.case_no), ("出件时间", fmt_dt(doc.handed_at))],
        *party_rows(doc.applicant, None),
        [("办理结果", doc.result)],
    ]
    if doc.method == "mail":
        rows += [
            [("出件方式", "邮寄送达"), ("快递单号", f"{doc.courier} {doc.tracking_no}".strip())],
            [("寄送地址", doc.address or doc.applicant.address)],
        ]
    else:
        receiver = doc.receiver or doc.applicant
        who = receiver.name if doc.receiver else f"{receiver.name}（申请人本人）"
        rows += [
            [("出件方式", "窗口领取"), ("领取人", who)],
            [("领取人证件", party_id(receiver)), ("联系电话", mask_phone(receiver.phone))],
        ]
    rows.append([("出件人", f"{clerk_label(doc.clerk)}{badge}")])
    story: list[Flowable] = [
        Title(title),
        gap(1),
        with_qr(kv_grid(rows, width=FRAME_W - QR_COL - 2 * mm), qr_block(settings, doc.case_no, "扫码查询及评价")),
        section(f"办理事项（共{len(doc.items)}项）"),
        items_table(doc.items),
    ]
    notes = [settings.wording.handout_note]
    if doc.note:
        notes.append(f"备注：{doc.note}")
    story += [gap(3), pm("<br/>".join(esc(n) for n in notes), "cell")]
    signer = "签收人签字" if doc.method == "window" else "经办人确认"
    story.append(signature_block(doc.clerk, settings.centre.name, doc.handed_at.date(), signer))
    return DocSpec(title=title, code=doc.case_no, code_label="办件编号", story=story, reprint_at=doc.reprint_at)
