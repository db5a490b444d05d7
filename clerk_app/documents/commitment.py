"""告知承诺书: the catalogue's commitment text per material, for the applicant to sign."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from clerk_app.documents.blocks import (
    Title,
    gap,
    kv_grid,
    note_box,
    party_rows,
    seal_organ,
    section,
    signature_parts,
)
from clerk_app.documents.checks import require_case
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.kinds import ACCEPTED_STATES, KINDS, PaperKind
from clerk_app.documents.model import CaseDocument, PrintedMaterial
from clerk_app.documents.page import DocSpec
from clerk_app.documents.text import cn_no, doc_date, esc, fmt_date, fmt_dt, items_names, pm
from clerk_app.settings import Settings


def _after_decision(m: PrintedMaterial) -> str:
    """When a material promised for after the decision is due: the case's own date once decided."""
    by = f"（{fmt_date(m.deliver_by)}前）" if m.deliver_by else "（日期自作出决定之日起计算）"
    return f"审批决定之日起{m.after_decision_days}个工作日内提交{by}"


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
    several = len(doc.items) > 1
    blocks: list[list[Flowable]] = []
    for i, m in enumerate(committed, 1):
        basis = "；".join(m.basis) or "；".join(b for it in doc.items for b in it.legal_basis)
        parts = [f"证明事项：{esc(m.name)}"]
        if several or m.items:
            parts.append(f"所属事项：{esc('、'.join(m.items) or items_names(doc.items))}")
        parts += [
            f"设定依据：{esc(basis or '以办事指南公布的依据为准')}",
            f"承诺内容：{esc(m.commitment_text)}",
            *([f"提交期限：{esc(_after_decision(m))}"] if m.after_decision_days else []),
            "核查：申请人同意并配合行政机关采取书面核查、现场核查或信息共享等方式对承诺内容进行核查。",
            "责任：承诺不实的，行政机关依法撤销相关决定，将虚假承诺记入信用记录，申请人依法承担法律责任。",
        ]
        blocks.append([pm(f"{cn_no(i)}、{esc(m.name)}", "sign"), *[pm(x, "cell") for x in parts]])
    story += [KeepTogether(b) for b in blocks[:-1]]
    # the signatures sign the text: the last commitment, the applicant's promise and the signature
    # block are kept on one page, so a long letter never leaves the signatures under no commitment text
    closing: list[Flowable] = [*blocks[-1]]
    if doc.note:
        closing += [gap(2), pm(f"备注：{esc(doc.note)}", "cell")]
    closing += [
        section("申请人承诺"),
        note_box(esc(settings.wording.commitment_note) + "本承诺书一式两份，申请人与行政机关各执一份。"),
        *signature_parts(doc.clerk, seal_organ(doc.items, settings.centre.name), doc_date(doc).date(),
                         "承诺人（申请人或代理人）签字"),
    ]
    story.append(KeepTogether(closing))
    return DocSpec(title=title, code=doc.case_no, code_label="办件编号", story=story, reprint_at=doc.reprint_at)


PAPER_KINDS = (PaperKind("commitment", "告知承诺书", build, order=50, states=ACCEPTED_STATES | {"received"},
                          needs=lambda case: any(m.status == "commitment" for m in case.materials),
                          when="告知承诺书只用于已收件或已受理、且有告知承诺材料的办件"),)
