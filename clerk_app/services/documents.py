"""Documents for stored cases and notices: map records onto the PDF layer, record every print.

A second print of the same document is a reprint (补打): marked with its time on paper,
recorded and audited.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from clerk_app.documents import (
    KINDS,
    CaseDocument,
    CaseLine,
    HandoutDocument,
    ItemLine,
    PrintedClerk,
    PrintedMaterial,
    PrintedParty,
    paper_kind,
    paper_kinds,
    render_bytes,
)
from clerk_app.documents.model import SupplementDocument, SuppliedPiece
from clerk_app.domain.identity import ID_TYPE_LABELS, ORG_EXEMPTIONS, IdType
from clerk_app.domain.people import LOCAL_CLERK, Clerk
from clerk_app.domain.refusal import GROUNDS
from clerk_app.protocol.records import (
    CaseRecord,
    ClerkSnapshot,
    ItemSnapshot,
    MaterialLine,
    NoticeRecord,
    PartySnapshot,
)
from clerk_app.services import cases, offline_limits
from clerk_app.services.context import AppContext
from clerk_app.store import audit, outbox
from clerk_app.store.models import DocumentPrint

OUTCOME_TO_DOC = {
    "accepted": "accepted",
    "accepted_tolerated": "tolerated",
    "received": "received",
    "not_accepted": "refused",
    "notice": "notice",
}
STATUS_TO_MODE = {
    "original": "received",
    "copy": "received",
    "e-license": "e_license",
    "commitment": "commitment",
    "tolerated": "tolerated",
    "missing": "missing",
}


NOT_LOGGED_IN = "没有登录的窗口工作人员，不能出具文书：请先以本人工号登录（命令行：--as 工号）"


def logged_in(clerk: Clerk | ClerkSnapshot) -> bool:
    """A real staff member (the local stand-in 本机窗口人员 has the id ``local``)."""
    return bool(clerk.id) and clerk.id != LOCAL_CLERK.id


class DocumentUnavailable(LookupError):
    """No such case/notice, or that document does not apply to it (message for the clerk)."""


def _party(p: PartySnapshot | None) -> PrintedParty | None:
    if p is None:
        return None
    # a body without a credit code is stored with its exemption's id; the paper names the exemption
    number = ORG_EXEMPTIONS.get(p.id_number, p.id_number) if p.id_type == IdType.ORG_EXEMPT else p.id_number
    return PrintedParty(kind=p.kind, name=p.name, id_number=number, phone=p.phone, address=p.address,
                 id_type=ID_TYPE_LABELS.get(p.id_type, ""))  # the document's name as printed, e.g. 港澳台居民居住证


def _clerk(c: ClerkSnapshot, act: str = "录入") -> PrintedClerk:
    """The clerk who did the act the paper records (``act``: 录入, 出件, 补交收件…); an act done
    without a login has no one to sign the paper."""
    if not logged_in(c):
        raise DocumentUnavailable(f"该{'办件' if act == '录入' else '文书记录的事项'}由未登录的“本机窗口人员”{act}，"
                                  "文书上没有可署名的窗口工作人员，不能出具")
    return PrintedClerk(name=c.name, staff_no=c.id, badge=c.badge, substitute_for=c.on_behalf_of_name)


def _fee_lines(ctx: AppContext, code: str) -> tuple[str, ...]:
    item = ctx.catalogue.items.get(code)
    return tuple(f"{f.name} {f.amount}" for f in item.fees) if item else ()


def _items(ctx: AppContext, items: list[ItemSnapshot]) -> tuple[ItemLine, ...]:
    """The record's item snapshots; fees and the 复议机关/court come from the catalogue item."""
    out = []
    for i in items:
        item = ctx.catalogue.items.get(i.code)
        out.append(ItemLine(
            code=i.code, name=f"{i.name}（{i.situation_name}）" if i.situation_name else i.name,
            department=i.department, legal_basis=tuple(i.legal_basis), promised_days=i.promised_days,
            kind=i.kind, fees=_fee_lines(ctx, i.code),
            review_organ=item.review_organ if item else "", court=item.court if item else ""))
    return tuple(out)


def _material(ctx: AppContext, m: MaterialLine, items: list[ItemSnapshot]) -> PrintedMaterial | None:
    """One stored material line (the same record for a case and a notice) as a row of the paper."""
    if m.status == "n/a" or m.verdict == "not_applicable":
        return None
    mode = "nonconforming" if m.verdict == "nonconforming" else STATUS_TO_MODE.get(m.status, "missing")
    if m.verdict == "missing":
        mode = "missing"
    name = m.name
    if m.choice and len(m.material_ids) > 1:
        chosen = ctx.catalogue.materials[m.choice].name if m.choice in ctx.catalogue.materials else m.choice
        name = f"{name}：已交 {chosen}"
    mine = [i for i in items if i.code in m.items] if m.items else []
    return PrintedMaterial(
        name=name, form=m.form or "original_or_copy", copies=m.copies or 1, mode=mode,
        standard=tuple(x for x in [m.standard] if x), review_points=tuple(m.review_points),
        commitment_text=m.commitment_text, supplement_due=m.supplement_due,
        problem=None if mode == "missing" and m.problem in ("未提交", "", None) else (m.problem or None),
        items=tuple(i.name for i in mine) if len(items) > 1 else (),
        basis=tuple(b for i in mine for b in i.legal_basis),
        received=m.received_text() if mode in ("received", "nonconforming") else "",
        after_decision_days=m.after_decision_days if mode == "commitment" else None,
        deliver_by=m.deliver_by if mode == "commitment" else None,
    )


VISIT_KINDS = ("acceptance", "receipt")  # the one voucher of a visit lists every case of its application


def _visit(ctx: AppContext, data: CaseRecord) -> tuple[list[CaseRecord], tuple[CaseLine, ...]]:
    """The application's cases (just this one when it is alone) and their lines for the voucher."""
    siblings = cases.application_cases(ctx, data.application_no) if data.application_no else []
    if len(siblings) < 2:
        return [data], ()
    return siblings, tuple(
        CaseLine(case_no=c.case_no, item=_items(ctx, c.items)[0].name if c.items else "", outcome=OUTCOME_TO_DOC[
            c.outcome.value], department=c.items[0].department if c.items else "", due_date=c.due_date)
        for c in siblings)


ACCEPTANCE_DAYS = 5
"""行政许可法 art. 32: an application is accepted or refused within 5 days of receipt (working days)."""

_OUTSIDE_POWER = re.compile(r"(?:请|应当?|可)向(?P<organ>[^，。；,;]{2,40}?)(?:提出|申请|办理|咨询)")


def refusal_grounds(reason: str) -> tuple[str, str]:
    """(article and item, organ to apply to) read from the reason of a case refused before the intake
    recorded the ground (``CaseRecord.refusal_ground``, :data:`domain.refusal.GROUNDS`).

    The reason is free text on the record; a matter outside this organ's power is written
    「不属于本机关职权范围，请向…申请」 (the organ is named after 请向/应向), one needing no licence
    「依法不需要取得行政许可」. Any other reason gets the centre's ``wording.refusal_basis``.
    """
    law = "《中华人民共和国行政许可法》第三十二条第一款"
    found = _OUTSIDE_POWER.search(reason)
    if found or "职权范围" in reason or "不属于本" in reason:
        return f"{law}第（二）项", found.group("organ").strip() if found else ""
    if "不需要取得行政许可" in reason or "无需取得行政许可" in reason:
        return f"{law}第（一）项", ""
    return "", ""


def query_password(record_id: str, number: str) -> str:
    """The 查询密码 of a case stored before the window kept a random one (``Case.query_password``):
    six digits from its internal id, as printed on its voucher then (the centre cannot check it)."""
    digest = hashlib.sha256(f"{record_id}:{number}".encode()).digest()
    return f"{int.from_bytes(digest[:4], 'big') % 1_000_000:06d}"


def case_document(ctx: AppContext, number: str, reprint_at: datetime | None = None,
                  whole_visit: bool = False) -> CaseDocument:
    """The paper's input; ``whole_visit``: a voucher listing every case of the case's application.

    Every date printed comes from the record (received_at, created_at, due dates) or is
    counted from it with the window's calendar (the 5-day acceptance limit, the notice's limit)."""
    data = cases.get_any(ctx, number)
    if data is None:
        raise DocumentUnavailable(f"没有编号为 {number} 的办件或告知书")
    mats = tuple(x for x in (_material(ctx, m, data.items) for m in data.materials) if x is not None)
    applicant = _party(data.applicant)
    assert applicant is not None
    if isinstance(data, NoticeRecord):
        due = ctx.calendar.add_working_days(data.created_at.date(), ctx.settings.centre.supplement_days).due
        return CaseDocument(
            case_no=data.notice_no, notice_no=data.notice_no, items=_items(ctx, data.items), applicant=applicant,
            agent=_party(data.agent), clerk=_clerk(data.clerk), received_at=data.created_at, materials=mats,
            outcome="notice", reprint_at=reprint_at, supplement_due=due,
        )
    items = _items(ctx, data.items)
    lines: tuple[CaseLine, ...] = ()
    if whole_visit:
        visit, lines = _visit(ctx, data)
        if lines:  # the set of materials handed in once: a shared line once, in the cases' order
            items = tuple(i for c in visit for i in _items(ctx, c.items))
            seen: dict[str, MaterialLine] = {}
            every_item = [i for c in visit for i in c.items]
            for c in visit:
                for m in c.materials:
                    seen.setdefault(m.key, m)
            mats = tuple(x for x in (_material(ctx, m, every_item) for m in seen.values()) if x is not None)
    outcome = OUTCOME_TO_DOC[data.outcome.value]
    accept_by = (ctx.calendar.add_working_days(data.received_at.date(), ACCEPTANCE_DAYS).due
                 if outcome == "received" else None)
    accepted_at = None
    if outcome == "received" and paper_kind("acceptance").applies_to(data):  # type: ignore[union-attr]
        outcome = "accepted"  # received at the window, accepted since by the department: its event
        accepted_at = next((e.at for e in data.events or () if e.to.value in ("accepted", "accepted_tolerated")),
                           None)
    article, refer_to, ground = "", "", ""
    if outcome == "refused" and data.refusal_ground in GROUNDS:  # the ground the clerk chose at intake
        g = GROUNDS[data.refusal_ground]
        article, refer_to = g.article, (data.refer_to or "") if g.needs_organ else ""
        ground = g.label if g.article else ""  # 其他: the reason says it, the centre's wording cites the law
    elif outcome == "refused":  # a case refused before grounds were recorded: read from its reason
        article, refer_to = refusal_grounds(data.not_accepted_reason or "")
    return CaseDocument(
        case_no=data.case_no, items=items, applicant=applicant, agent=_party(data.agent),
        clerk=_clerk(data.clerk), received_at=data.received_at, materials=mats,
        application_no=data.application_no or "", cases=lines,
        outcome=outcome, due_date=data.due_date, supplement_due=data.supplement_due,
        delivery_method="mail" if data.delivery.method == "mail" else "window",
        delivery_address=data.delivery.address, reason=data.not_accepted_reason or "", reprint_at=reprint_at,
        channel="mail" if data.channel == "mail" else "counter", issued_at=accepted_at or data.created_at,
        accept_by=accept_by, query_password=cases.query_password(ctx, data.case_no) or query_password(
            data.id, data.case_no),
        refusal_article=article, refer_to=refer_to, refusal_ground=ground, accepted_at=accepted_at,
    )


def handout_document(ctx: AppContext, number: str, reprint_at: datetime | None = None) -> HandoutDocument:
    from clerk_app.services.case_actions.handouts import get_handout

    data = cases.get_case(ctx, number)
    if data is None:
        raise DocumentUnavailable(f"没有编号为 {number} 的办件")
    h = get_handout(ctx, data.id)
    if h is None:
        raise DocumentUnavailable("该办件尚未出件，不能打印领取回执或邮寄标签")
    applicant = _party(data.applicant)
    assert applicant is not None
    return HandoutDocument(
        case_no=data.case_no, items=_items(ctx, data.items), applicant=applicant, result=h.result,
        handed_at=h.handed_at, clerk=_clerk(h.clerk, "办理出件"), method=h.method, receiver=_party(h.receiver),
        courier=h.courier, tracking_no=h.tracking_no, address=h.address, note=h.note, reprint_at=reprint_at,
        receiver_role=h.receiver_role, authorisation_kept=h.authorisation_kept,
        authorisation_scope=h.authorisation_scope, authorisation_date=h.authorisation_date, cost_bearer=h.cost_bearer,
    )


def supplement_document(ctx: AppContext, number: str, reprint_at: datetime | None = None) -> SupplementDocument:
    """The latest supplement of a case (a 补正 received, or 容缺 materials brought) as the receipt's input.

    The due date is the case's own (``CaseRecord.due_date``, recomputed when the supplement came)."""
    data = cases.get_case(ctx, number)
    if data is None:
        raise DocumentUnavailable(f"没有编号为 {number} 的办件")
    applicant = _party(data.applicant)
    assert applicant is not None
    corrections = [x for x in data.clock_stops if x.received_at is not None]
    last_corr = max(corrections, key=lambda x: x.received_at or datetime.min, default=None)
    supplied = [m for m in data.materials if m.supplied_at is not None]
    last_line = max((m.supplied_at for m in supplied if m.supplied_at), default=None)
    common: dict[str, Any] = {"case_no": data.case_no, "items": _items(ctx, data.items), "applicant": applicant,
              "agent": _party(data.agent), "received_at": data.received_at, "due_date": data.due_date,
              "reprint_at": reprint_at}
    if last_corr is not None and last_corr.received_at is not None and (
            last_line is None or last_corr.received_at >= last_line):
        by = last_corr.received_by or data.clerk
        return SupplementDocument(
            **common, kind="correction", clerk=_clerk(by, "接收补正材料"), supplied_at=last_corr.received_at,
            pieces=tuple(SuppliedPiece(p.name, p.form_label, p.count) for p in last_corr.received),
            asked=tuple(last_corr.missing), asked_on=last_corr.start, stop_from=last_corr.start,
            stop_to=last_corr.end)
    if last_line is None:
        raise DocumentUnavailable("该办件尚未登记补交材料，不能打印补正（补齐）材料收件凭证")
    now_lines = [m for m in supplied if m.supplied_at == last_line]
    by = now_lines[0].supplied_by or data.clerk
    owed = tuple((m.name, m.supplement_due) for m in data.materials
                 if m.verdict == "tolerated" and m.supplied_at is None)
    return SupplementDocument(
        **common, kind="tolerated", clerk=_clerk(by, "接收补齐材料"), supplied_at=last_line, outstanding=owed,
        pieces=tuple(SuppliedPiece(m.name, "复印件" if m.supplied_form == "copy" else "原件",
                                   m.supplied_count or m.copies or 1) for m in now_lines))


def applicable_kinds(ctx: AppContext, number: str) -> list[str]:
    """Which papers the registry offers for this case or notice, the main one first."""
    record = cases.get_any(ctx, number)
    if record is None:
        return []
    return [k.name for k in paper_kinds() if k.applies_to(record)]


def _build(ctx: AppContext, number: str, kind: str, reprint_at: datetime | None, copy: str = "applicant"):
    """The paper's input, refused with the registry's reason when the case's state has no such paper."""
    paper = paper_kind(kind)
    assert paper is not None  # issue() checked the name
    record = cases.get_any(ctx, number)
    if record is None:
        raise DocumentUnavailable(f"没有编号为 {number} 的办件或告知书")
    reason = paper.refusal(record)
    if reason is not None:
        raise DocumentUnavailable(reason)
    if paper.input == "handout":
        return handout_document(ctx, number, reprint_at)
    if paper.input == "supplement":
        return supplement_document(ctx, number, reprint_at)
    doc = case_document(ctx, number, reprint_at, whole_visit=kind in VISIT_KINDS)
    return replace(doc, copy=copy) if copy != doc.copy else doc


def issue(ctx: AppContext, number: str, kind: str, clerk: Clerk, out: Path | None = None,
          copy: str = "applicant") -> tuple[bytes, bool]:
    """Render a document and record the print in one transaction. Returns (pdf, was_reprint).

    ``copy="archive"`` prints a voucher's 存档联 (no 查询密码); the default is the applicant's."""
    if paper_kind(kind) is None:
        raise DocumentUnavailable(f"未知的文书类型 {kind}（可选：{'、'.join(KINDS)}）")
    number = cases.normalise_number(number)
    now = ctx.clock()
    with ctx.store.read() as s:
        offline = offline_limits.offline_state(ctx, s)
        if offline.clock_off:
            raise DocumentUnavailable(offline_limits.clock_message(offline.clock_skew_minutes or 0.0,
                                                                   ctx.settings.offline.clock_max_skew_minutes))
        before = s.execute(
            select(DocumentPrint).where(DocumentPrint.number == number, DocumentPrint.kind == kind).limit(1)
        ).scalar_one_or_none()
    reprint = before is not None
    doc = _build(ctx, number, kind, now if reprint else None, copy)
    if not logged_in(clerk):
        raise DocumentUnavailable(NOT_LOGGED_IN)
    pdf = render_bytes(doc, kind, ctx.settings)
    if out is not None:
        tmp = Path(str(out) + ".part")
        try:
            tmp.write_bytes(pdf)
            tmp.replace(out)
        except OSError:  # e.g. the disk is full: no half PDF is left behind
            tmp.unlink(missing_ok=True)
            raise
    with ctx.store.transaction() as s:
        row = DocumentPrint(number=number, kind=kind, printed_at=now, reprint=reprint, clerk_name=clerk.display)
        s.add(row)
        s.flush()
        audit.append(s, clerk.display, "document.reprint" if reprint else "document.print", number,
                     {"kind": kind, "title": KINDS[kind]}, at=now)
        outbox.enqueue(s, "print", row.id, {"id": row.id, "number": number, "kind": kind,
                                             "printed_at": now.isoformat(), "reprint": reprint,
                                             "clerk": clerk.display})
    return pdf, reprint


def preview(ctx: AppContext, number: str, kind: str) -> bytes:
    """Render without recording (for an on-screen preview before printing)."""
    number = cases.normalise_number(number)
    return render_bytes(_build(ctx, number, kind, None), kind, ctx.settings)
