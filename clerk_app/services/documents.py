"""Documents for stored cases and notices: map records onto the PDF layer, record every print.

A second print of the same document is a reprint (补打): marked with its time on paper,
recorded and audited.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from clerk_app.documents import (
    KINDS,
    CaseDocument,
    HandoutDocument,
    ItemLine,
    MaterialLine,
    Party,
    render_bytes,
)
from clerk_app.documents import Clerk as DocClerk
from clerk_app.domain.people import Clerk
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


def _d(v: str | None) -> date | None:
    return date.fromisoformat(v) if v else None


def _party(p: dict[str, Any] | None) -> Party | None:
    if not p:
        return None
    return Party(kind=p["kind"], name=p["name"], id_number=p.get("id_number", ""), phone=p.get("phone", ""),
                 address=p.get("address", ""))


def _clerk(c: dict[str, Any]) -> DocClerk:
    return DocClerk(name=c["name"], badge=c.get("badge") or "", substitute_for=c.get("on_behalf_of_name"))


def _items(items: list[dict[str, Any]]) -> tuple[ItemLine, ...]:
    return tuple(
        ItemLine(code=i["code"], name=f"{i['name']}（{i['situation_name']}）" if i.get("situation_name") else i["name"],
                 department=i.get("department", ""), legal_basis=tuple(i.get("legal_basis", [])),
                 promised_days=i.get("promised_days"), kind=i.get("kind", "promised"))
        for i in items
    )


def _material(m: dict[str, Any]) -> MaterialLine | None:
    """One stored material row (case material dict or notice material record)."""
    detail = m.get("detail") or m
    if m.get("status") == "n/a" or m.get("verdict") == "not_applicable":
        return None
    mode = "nonconforming" if m.get("verdict") == "nonconforming" else STATUS_TO_MODE.get(m["status"], "missing")
    if m.get("verdict") == "missing":
        mode = "missing"
    name = m["name"]
    if m.get("choice") and len(detail.get("material_ids", [])) > 1:
        name = f"{name}：已交 {m['choice']}"
    return MaterialLine(
        name=name, form=m.get("form", "original_or_copy"), copies=m.get("copies") or 1, mode=mode,
        standard=tuple(x for x in [detail.get("standard", "")] if x),
        review_points=tuple(detail.get("review_points", [])),
        commitment_text=detail.get("commitment_text", "") or "",
        supplement_due=_d(m.get("supplement_due")),
        problem=None if mode == "missing" and m.get("problem") in ("未提交", "") else (m.get("problem") or None),
    )


def _choice_names(ctx: AppContext, m: dict[str, Any]) -> dict[str, Any]:
    """Show the chosen document of a 任选其一 slot by name, not id."""
    ch = m.get("choice")
    if ch and ch in ctx.catalogue.materials:
        m = dict(m)
        m["choice"] = ctx.catalogue.materials[ch].name
    return m


def case_document(ctx: AppContext, number: str, reprint_at: datetime | None = None) -> CaseDocument:
    data = cases.get_any(ctx, number)
    if data is None:
        raise DocumentUnavailable(f"没有编号为 {number} 的办件或告知书")
    mats = [x for x in (_material(_choice_names(ctx, m)) for m in data["materials"]) if x is not None]
    if "notice_no" in data and "case_no" not in data:
        return CaseDocument(
            case_no=data["notice_no"], notice_no=data["notice_no"], items=_items(data["items"]),
            applicant=_party(data["applicant"]), agent=_party(data.get("agent")), clerk=_clerk(data["clerk"]),
            received_at=datetime.fromisoformat(data["created_at"]), materials=tuple(mats), outcome="notice",
            reprint_at=reprint_at,
        )
    return CaseDocument(
        case_no=data["case_no"], items=_items(data["items"]), applicant=_party(data["applicant"]),
        agent=_party(data.get("agent")), clerk=_clerk(data["clerk"]),
        received_at=datetime.fromisoformat(data["received_at"]), materials=tuple(mats),
        outcome=OUTCOME_TO_DOC[data["outcome"]], due_date=_d(data.get("due_date")),
        supplement_due=_d(data.get("supplement_due")),
        delivery_method="mail" if data["delivery"]["method"] == "mail" else "window",
        delivery_address=data["delivery"].get("address", ""),
        reason=data.get("not_accepted_reason") or "", reprint_at=reprint_at,
    )


def handout_document(ctx: AppContext, number: str, reprint_at: datetime | None = None) -> HandoutDocument:
    from clerk_app.services.window_actions import get_handout

    data = cases.get_case(ctx, number)
    if data is None:
        raise DocumentUnavailable(f"没有编号为 {number} 的办件")
    h = get_handout(ctx, data["id"])
    if h is None:
        raise DocumentUnavailable("该办件尚未出件，不能打印出件回执")
    return HandoutDocument(
        case_no=data["case_no"], items=_items(data["items"]), applicant=_party(data["applicant"]),
        result=h["result"], handed_at=datetime.fromisoformat(h["handed_at"]), clerk=_clerk(h["clerk"]),
        method=h["method"], receiver=_party(h["receiver"]), courier=h["courier"], tracking_no=h["tracking_no"],
        address=h["address"], note=h["note"], reprint_at=reprint_at,
    )


def applicable_kinds(ctx: AppContext, number: str) -> list[str]:
    """Which documents make sense for this case or notice, the main one first."""
    data = cases.get_any(ctx, number)
    if data is None:
        return []
    if "case_no" not in data:
        return ["notice"]
    out = []
    oc = data["outcome"]
    statuses = {m["status"] for m in data["materials"]}
    if oc == "not_accepted":
        out.append("refusal")
    else:
        out.append("acceptance" if oc in ("accepted", "accepted_tolerated") else "receipt")
    if oc == "accepted_tolerated":
        out.append("tolerated")
    if "commitment" in statuses:
        out.append("commitment")
    if data["status"] in ("handed_out", "mailed"):
        out.append("handout")
    return out


def _build(ctx: AppContext, number: str, kind: str, reprint_at: datetime | None):
    if kind == "handout":
        return handout_document(ctx, number, reprint_at)
    doc = case_document(ctx, number, reprint_at)
    if kind not in applicable_kinds(ctx, number) and kind not in ("receipt", "acceptance"):
        raise DocumentUnavailable(f"该{'告知书' if doc.outcome == 'notice' else '办件'}没有{KINDS[kind]}")
    if doc.outcome == "notice" and kind != "notice":
        raise DocumentUnavailable(f"一次性告知书不能打印为{KINDS[kind]}")
    return doc


def issue(ctx: AppContext, number: str, kind: str, clerk: Clerk, out: Path | None = None) -> tuple[bytes, bool]:
    """Render a document and record the print in one transaction. Returns (pdf, was_reprint)."""
    if kind not in KINDS:
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
