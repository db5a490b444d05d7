"""Documents for stored cases and notices: map records onto the PDF layer, record every print.

A second print of the same document is a reprint (补打): marked with its time on paper,
recorded and audited.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from clerk_app.documents import (
    KINDS,
    CaseDocument,
    CaseLine,
    HandoutDocument,
    ItemLine,
    Party,
    PrintedMaterial,
    paper_kind,
    paper_kinds,
    render_bytes,
)
from clerk_app.documents import Clerk as DocClerk
from clerk_app.domain.people import Clerk
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


class DocumentUnavailable(LookupError):
    """No such case/notice, or that document does not apply to it (message for the clerk)."""


def _party(p: PartySnapshot | None) -> Party | None:
    if p is None:
        return None
    return Party(kind=p.kind, name=p.name, id_number=p.id_number, phone=p.phone, address=p.address)


def _clerk(c: ClerkSnapshot) -> DocClerk:
    return DocClerk(name=c.name, badge=c.badge, substitute_for=c.on_behalf_of_name)


def _items(items: list[ItemSnapshot]) -> tuple[ItemLine, ...]:
    return tuple(
        ItemLine(code=i.code, name=f"{i.name}（{i.situation_name}）" if i.situation_name else i.name,
                 department=i.department, legal_basis=tuple(i.legal_basis), promised_days=i.promised_days,
                 kind=i.kind)
        for i in items
    )


def _material(ctx: AppContext, m: MaterialLine) -> PrintedMaterial | None:
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
    return PrintedMaterial(
        name=name, form=m.form or "original_or_copy", copies=m.copies or 1, mode=mode,
        standard=tuple(x for x in [m.standard] if x), review_points=tuple(m.review_points),
        commitment_text=m.commitment_text, supplement_due=m.supplement_due,
        problem=None if mode == "missing" and m.problem in ("未提交", "", None) else (m.problem or None),
    )


VISIT_KINDS = ("acceptance", "receipt")  # the one voucher of a visit lists every case of its application


def _visit(ctx: AppContext, data: CaseRecord) -> tuple[list[CaseRecord], tuple[CaseLine, ...]]:
    """The application's cases (just this one when it is alone) and their lines for the voucher."""
    siblings = cases.application_cases(ctx, data.application_no) if data.application_no else []
    if len(siblings) < 2:
        return [data], ()
    return siblings, tuple(
        CaseLine(case_no=c.case_no, item=_items(c.items)[0].name if c.items else "", outcome=OUTCOME_TO_DOC[
            c.outcome.value], department=c.items[0].department if c.items else "", due_date=c.due_date)
        for c in siblings)


def case_document(ctx: AppContext, number: str, reprint_at: datetime | None = None,
                  whole_visit: bool = False) -> CaseDocument:
    """The paper's input; ``whole_visit``: a voucher listing every case of the case's application."""
    data = cases.get_any(ctx, number)
    if data is None:
        raise DocumentUnavailable(f"没有编号为 {number} 的办件或告知书")
    mats = tuple(x for x in (_material(ctx, m) for m in data.materials) if x is not None)
    applicant = _party(data.applicant)
    assert applicant is not None
    if isinstance(data, NoticeRecord):
        return CaseDocument(
            case_no=data.notice_no, notice_no=data.notice_no, items=_items(data.items), applicant=applicant,
            agent=_party(data.agent), clerk=_clerk(data.clerk), received_at=data.created_at, materials=mats,
            outcome="notice", reprint_at=reprint_at,
        )
    items = _items(data.items)
    lines: tuple[CaseLine, ...] = ()
    if whole_visit:
        visit, lines = _visit(ctx, data)
        if lines:  # the set of materials handed in once: a shared line once, in the cases' order
            items = tuple(i for c in visit for i in _items(c.items))
            seen: dict[str, MaterialLine] = {}
            for c in visit:
                for m in c.materials:
                    seen.setdefault(m.key, m)
            mats = tuple(x for x in (_material(ctx, m) for m in seen.values()) if x is not None)
    return CaseDocument(
        case_no=data.case_no, items=items, applicant=applicant, agent=_party(data.agent),
        clerk=_clerk(data.clerk), received_at=data.received_at, materials=mats,
        application_no=data.application_no or "", cases=lines,
        outcome=OUTCOME_TO_DOC[data.outcome.value], due_date=data.due_date, supplement_due=data.supplement_due,
        delivery_method="mail" if data.delivery.method == "mail" else "window",
        delivery_address=data.delivery.address, reason=data.not_accepted_reason or "", reprint_at=reprint_at,
    )


def handout_document(ctx: AppContext, number: str, reprint_at: datetime | None = None) -> HandoutDocument:
    from clerk_app.services.case_actions.handouts import get_handout

    data = cases.get_case(ctx, number)
    if data is None:
        raise DocumentUnavailable(f"没有编号为 {number} 的办件")
    h = get_handout(ctx, data.id)
    if h is None:
        raise DocumentUnavailable("该办件尚未出件，不能打印出件回执")
    applicant = _party(data.applicant)
    assert applicant is not None
    return HandoutDocument(
        case_no=data.case_no, items=_items(data.items), applicant=applicant, result=h.result,
        handed_at=h.handed_at, clerk=_clerk(h.clerk), method=h.method, receiver=_party(h.receiver),
        courier=h.courier, tracking_no=h.tracking_no, address=h.address, note=h.note, reprint_at=reprint_at,
    )


def applicable_kinds(ctx: AppContext, number: str) -> list[str]:
    """Which papers the registry offers for this case or notice, the main one first."""
    record = cases.get_any(ctx, number)
    if record is None:
        return []
    return [k.name for k in paper_kinds() if k.applies_to(record)]


def _build(ctx: AppContext, number: str, kind: str, reprint_at: datetime | None):
    paper = paper_kind(kind)
    assert paper is not None  # issue() checked the name
    if paper.input == "handout":
        return handout_document(ctx, number, reprint_at)
    record = cases.get_any(ctx, number)
    if record is None:
        raise DocumentUnavailable(f"没有编号为 {number} 的办件或告知书")
    if not paper.applies_to(record, listed_only=False):
        if isinstance(record, NoticeRecord):
            raise DocumentUnavailable(f"一次性告知书不能打印为{paper.title}")
        raise DocumentUnavailable(f"该办件没有{paper.title}")
    return case_document(ctx, number, reprint_at, whole_visit=kind in VISIT_KINDS)


def issue(ctx: AppContext, number: str, kind: str, clerk: Clerk, out: Path | None = None) -> tuple[bytes, bool]:
    """Render a document and record the print in one transaction. Returns (pdf, was_reprint)."""
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
    doc = _build(ctx, number, kind, now if reprint else None)
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
