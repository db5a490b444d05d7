"""告知承诺书: the catalogue's commitment text per material, for the applicant to sign."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from clerk_app.documents.blocks import Title, gap, kv_grid, note_box, party_rows, section, signature_block
from clerk_app.documents.checks import require_case
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.kinds import KINDS, PaperKind
from clerk_app.documents.model import CaseDocument
from clerk_app.documents.page import DocSpec
from clerk_app.documents.text import cn_no, doc_date, esc, fmt_dt, items_names, pm
from clerk_app.settings import Settings


def build(doc: CaseDocument, settings: Settings) -> DocSpec:
    """Story of the commitment letter: one numbered block per committed material."""
    require_case(doc, doc.case_no)
    committed = [m for m in doc.materials if m.mode == "commitment"]
    if not committed:
        raise DocumentError("告知承诺书须列明至少一项实行告知承诺的材料")
    for m in committed:
        if not m.commitment_text.strip():
            raise DocumentError(f"材料「{m.name}」缺少告知承诺内容（请在事项目录中补充承诺文本）")
    title = KINDS["commitment"]
    story: list[Flowable] = [
        Title(title),
        kv_grid([
            [("办件编号", doc.case_no), ("申请时间", fmt_dt(doc.received_at))],
            [("申请事项", items_names(doc.items))],
            *party_rows(doc.applicant, doc.agent),
        ]),
        gap(2),
        pm(esc(settings.wording.commitment_intro), "indent"),
        section(f"告知承诺的材料（条件）（共{len(committed)}项）"),
    ]
    for i, m in enumerate(committed, 1):
        story.append(KeepTogether([
            pm(f"{cn_no(i)}、{esc(m.name)}", "sign"),
            pm(esc(m.commitment_text), "indent"),
        ]))
    if doc.note:
        story += [gap(2), pm(f"备注：{esc(doc.note)}", "cell")]
    story += [
        section("申请人承诺"),
        note_box(esc(settings.wording.commitment_note)),
        signature_block(doc.clerk, settings.centre.name, doc_date(doc).date(), "承诺人（申请人或代理人）签字"),
    ]
    return DocSpec(title=title, code=doc.case_no, code_label="办件编号", story=story, reprint_at=doc.reprint_at)


PAPER_KINDS = (PaperKind("commitment", "告知承诺书", build, order=50, offered=lambda case: any(m.status == "commitment" for m in case.materials)),)
