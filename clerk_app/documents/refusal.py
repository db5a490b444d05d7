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
    seal_organ,
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


def remedies(doc: CaseDocument, settings: Settings) -> tuple[str, str]:
    """The 复议机关 and the court: the items' (catalogue) if all agree, else the centre's settings."""
    organs = {it.review_organ for it in doc.items if it.review_organ}
    courts = {it.court for it in doc.items if it.court}
    organ = organs.pop() if len(organs) == 1 else settings.centre.review_organ
    court = courts.pop() if len(courts) == 1 else settings.centre.court
    return organ, court


def build(doc: CaseDocument, settings: Settings) -> DocSpec:
    """Story of the refusal notice; the returned materials are listed when given."""
    require_case(doc, doc.case_no)
    if not doc.reason.strip():
        raise DocumentError("不予受理通知书须写明不予受理的理由")
    if doc.outcome != "refused":
        raise DocumentError("不予受理通知书只用于不予受理的办件")
    organ, court = remedies(doc, settings)
    if not organ.strip() or not court.strip():
        raise DocumentError("不予受理通知书须写明行政复议机关和管辖法院（事项目录 review_organ/court 或中心设置）")
    title = KINDS["refusal"]
    when = doc_date(doc)
    basis = "；".join(b for it in doc.items for b in it.legal_basis)
    article = doc.refusal_article or settings.wording.refusal_basis
    decision = f"根据{esc(article)}的规定，决定不予受理。" if doc.refusal_article else esc(article)
    story: list[Flowable] = [
        Title(title),
        pm(f"{esc(doc.applicant.name)}：", "salutation"),
        pm(f"您（单位）于{esc(fmt_dt(doc.received_at))}{'以信函方式' if doc.by_mail else ''}"
           f"提交的{esc(items_names(doc.items))}申请，"
           f"经审查，<u>{esc(doc.reason.rstrip('。'))}</u>"
           f"{('，属于' + esc(doc.refusal_ground) + '的情形') if doc.refusal_ground else ''}。{decision}", "indent"),
    ]
    if doc.refer_to:
        story.append(pm(f"该申请事项不属于本机关职权范围，请向<u>{esc(doc.refer_to)}</u>提出申请。", "indent"))
    story += [
        pm(f"如对本决定不服，可以自收到本通知书之日起六十日内向<u>{esc(organ)}</u>申请行政复议，"
           f"或者自收到本通知书之日起六个月内向<u>{esc(court)}</u>提起行政诉讼。", "indent"),
        gap(2),
        kv_grid([
            [("办件编号", doc.case_no), ("决定时间", fmt_dt(when))],
            *party_rows(doc.applicant, doc.agent),
            [("适用条款", article)],
            *([[("事项依据", basis)]] if basis else []),
            [("复议机关", f"{organ}（六十日内）"), ("管辖法院", f"{court}（六个月内）")],
        ]),
        section("申请事项"),
        items_table(doc.items),
    ]
    if doc.materials:
        story += [section(f"退回的申请材料（共{len(doc.materials)}项）"), materials_table(doc.materials)]
    if doc.note:
        story += [gap(2), pm(f"备注：{esc(doc.note)}", "cell")]
    story += [
        signature_block(doc.clerk, seal_organ(doc.items, settings.centre.name), when.date(),
                        None if doc.by_mail else "申请人（代理人）签收"),
    ]
    return DocSpec(title=title, code=doc.case_no, code_label="办件编号", story=story, reprint_at=doc.reprint_at)


PAPER_KINDS = (PaperKind("refusal", "不予受理通知书", build, order=5, states=frozenset({"not_accepted"}),
                          when="不予受理通知书只用于不予受理的办件"),)
