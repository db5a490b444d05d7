"""不予受理通知书: the reason, the legal basis and the applicant's remedies."""

from __future__ import annotations

from reportlab.platypus import Flowable

from clerk_app.documents.blocks import (
    Title,
    gap,
    items_table,
    kv_grid,
    materials_table,
    party_rows,
    section,
    signature_block,
)
from clerk_app.documents.checks import require_case
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.kinds import KINDS, PaperKind
from clerk_app.documents.model import CaseDocument
from clerk_app.documents.page import DocSpec
from clerk_app.documents.text import doc_date, esc, fmt_dt, items_names, pm
from clerk_app.settings import Settings


def build(doc: CaseDocument, settings: Settings) -> DocSpec:
    """Story of the refusal notice; the returned materials are listed when given."""
    require_case(doc, doc.case_no)
    if not doc.reason.strip():
        raise DocumentError("不予受理通知书须写明不予受理的理由")
    title = KINDS["refusal"]
    when = doc_date(doc)
    basis = "；".join(b for it in doc.items for b in it.legal_basis)
    story: list[Flowable] = [
        Title(title),
        pm(f"{esc(doc.applicant.name)}：", "salutation"),
        pm(f"您（单位）于{esc(fmt_dt(doc.received_at))}提交的{esc(items_names(doc.items))}申请，"
           f"经审查，<u>{esc(doc.reason.rstrip('。'))}</u>。{esc(settings.wording.refusal_basis)}", "indent"),
        pm(esc(settings.wording.refusal_note), "indent"),
        gap(2),
        kv_grid([
            [("办件编号", doc.case_no), ("决定时间", fmt_dt(when))],
            *party_rows(doc.applicant, doc.agent),
            *([[("事项依据", basis)]] if basis else []),
        ]),
        section("申请事项"),
        items_table(doc.items),
    ]
    if doc.materials:
        story += [section(f"退回的申请材料（共{len(doc.materials)}项）"), materials_table(doc.materials)]
    if doc.note:
        story += [gap(2), pm(f"备注：{esc(doc.note)}", "cell")]
    story += [
        signature_block(doc.clerk, settings.centre.name, when.date(), "申请人（代理人）签收"),
    ]
    return DocSpec(title=title, code=doc.case_no, code_label="办件编号", story=story, reprint_at=doc.reprint_at)


PAPER_KINDS = (PaperKind("refusal", "不予受理通知书", build, order=5, offered=lambda case: case.outcome.value == "not_accepted"),)
