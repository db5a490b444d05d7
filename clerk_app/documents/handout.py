"""领取回执: the result handed over at the window — what, when, to whom (the applicant, a company's
legal representative, or an agent with an identity document and the 授权委托书), ID checked.

A mailed result has its own paper, the mailing label (``mail_label``).
"""

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
from clerk_app.documents.text import fmt_date, fmt_dt, lines, mask_phone, party_id
from clerk_app.domain.handout import ROLE_SHORT
from clerk_app.settings import Settings


def _authorisation(doc: HandoutDocument) -> str:
    if not doc.authorisation_kept:
        return "未提供"
    parts = ["已查验，原件留存窗口"]
    if doc.authorisation_scope:
        parts.append(f"委托事项：{doc.authorisation_scope}")
    if doc.authorisation_date:
        parts.append(f"签署日期：{fmt_date(doc.authorisation_date)}")
    return "；".join(parts)


def build(doc: HandoutDocument, settings: Settings) -> DocSpec:
    """Story of the 领取回执."""
    require_case(doc, doc.case_no)
    if not doc.result.strip():
        raise DocumentError("领取回执须写明办理结果（如证照名称及份数）")
    if doc.method != "window":
        raise DocumentError("邮寄送达的办件请打印邮寄标签，领取回执只用于窗口领取")
    title = KINDS["handout"]
    receiver = doc.receiver or doc.applicant
    role = ROLE_SHORT.get(doc.receiver_role, "") or ("申请人本人" if doc.receiver is None else "")
    who = f"{receiver.name}（{role}）" if role else receiver.name
    shown = party_id(receiver) if receiver.id_number else ""
    rows = [
        [("办件编号", doc.case_no)],
        [("领取时间", fmt_dt(doc.handed_at)), ("出件方式", "窗口领取")],
        *party_rows(doc.applicant, None),
        [("办理结果", doc.result)],
        [("领取人", who), ("联系电话", mask_phone(receiver.phone))],
        [("领取人证件", f"{shown}（已当场核验）" if shown else "未登记证件号码（凭受理凭证领取）")],
    ]
    if doc.receiver_role == "agent" or doc.authorisation_kept:
        rows.append([("授权委托书", _authorisation(doc))])
    story: list[Flowable] = [
        Title(title),
        gap(1),
        with_qr(kv_grid(rows, width=FRAME_W - QR_COL - 2 * mm), qr_block(settings, doc.case_no, "扫码查询及评价")),
        section(f"办理事项（共{len(doc.items)}项）"),
        items_table(doc.items),
    ]
    notes = [settings.wording.handout_note]
    if doc.receiver_role == "agent":
        notes.append("本结果由代领人凭本人有效身份证件和申请人签署的授权委托书代为领取，授权委托书原件由窗口留存备查。")
    if doc.note:
        notes.append(f"备注：{doc.note}")
    story += [gap(3), *lines(notes, numbered=False)]
    story.append(signature_block(doc.clerk, settings.centre.name, doc.handed_at.date(), "领取人签字"))
    return DocSpec(title=title, code=doc.case_no, code_label="办件编号", story=story, reprint_at=doc.reprint_at)


PAPER_KINDS = (PaperKind("handout", "领取回执", build, order=60, input="handout", states=frozenset({"handed_out"}),
                        when="领取回执只用于已在窗口领取的办件（邮寄送达的请打印邮寄标签）"),)
